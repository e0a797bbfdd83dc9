import { ValidationError } from '../errors/index.js';

/**
 * A financial year, identified by the calendar year in which it starts. The label is how
 * committee papers print it: "2023/24" for a year that spans two calendar years, "2023" when the
 * year starts in January.
 *
 * @example
 * ```ts
 * const fy: FiscalYear = ukFiscalCalendar.parseFiscalYear('2023/24'); // { startYear: 2023, label: '2023/24' }
 * ```
 */
export interface FiscalYear {
  readonly startYear: number;
  readonly label: string;
}

/**
 * Anything that names a financial year: a label ("2023/24", "2023-24", "2023/2024", "FY2023/24"),
 * a start year (2023), or a {@link FiscalYear}.
 *
 * @example
 * ```ts
 * const inputs: FiscalYearInput[] = ['2023/24', 2023, { startYear: 2023, label: '2023/24' }];
 * ```
 */
export type FiscalYearInput = string | number | FiscalYear;

// A year named by a label or a number must fit in business dates entirely: its last day must
// not fall after 9999-12-31. Years computed from a date (fiscalYearOf) may reach one further on
// each side (0 and 9999), see fiscalYearOfStartYear.
const MIN_START_YEAR = 1;
const maxStartYear = (startMonth: number) => (startMonth === 1 ? 9999 : 9998);

function labelOf(startYear: number, startMonth: number): string {
  const first = String(startYear).padStart(4, '0');
  return startMonth === 1 ? first : `${first}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/**
 * The {@link FiscalYear} that contains some representable business date: like
 * {@link fiscalYearFromStartYear}, but total over start years 0 to 9999, because the financial
 * year of 0001-03-31 starts in year 0 and that of 9999-12-31 in 9999 when the year starts after
 * January. Only the calendar calls it, with a year it computed from a date; such a year's bounds
 * are clamped to 0001-01-01 and 9999-12-31 (see `createFiscalCalendar`).
 *
 * @example
 * ```ts
 * fiscalYearOfStartYear(0, 4); // { startYear: 0, label: '0000/01' }
 * ```
 */
export function fiscalYearOfStartYear(startYear: number, startMonth: number): FiscalYear {
  return Object.freeze({ startYear, label: labelOf(startYear, startMonth) });
}

/** True when `startYear` is a year {@link fiscalYearOfStartYear} can return. */
export function isComputedStartYear(startYear: number): boolean {
  return Number.isInteger(startYear) && startYear >= 0 && startYear <= 9999;
}

function invalid(message: string, path: readonly (string | number)[] = []): ValidationError {
  return new ValidationError(message, [{ path, message }]);
}

/**
 * Builds the {@link FiscalYear} that starts in `startYear` under a calendar starting in `startMonth`.
 *
 * @throws ValidationError when `startYear` is not a whole year in the supported range.
 * @example
 * ```ts
 * fiscalYearFromStartYear(2023, 4); // { startYear: 2023, label: '2023/24' }
 * fiscalYearFromStartYear(2023, 1); // { startYear: 2023, label: '2023' }
 * ```
 */
export function fiscalYearFromStartYear(startYear: number, startMonth: number): FiscalYear {
  const max = maxStartYear(startMonth);
  if (!Number.isInteger(startYear) || startYear < MIN_START_YEAR || startYear > max) {
    throw invalid(
      `Invalid financial year start ${String(startYear)}: expected a whole year from ${MIN_START_YEAR} to ${max}`,
    );
  }
  return Object.freeze({ startYear, label: labelOf(startYear, startMonth) });
}

// "2023/24", "2023-24", "2023/2024", "2023–24" (en dash, as pasted from Word), optional "FY" prefix.
const SPLIT_LABEL = /^(?:FY\s*)?(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})$/i;
const SINGLE_LABEL = /^(?:FY\s*)?(\d{4})$/i;

/**
 * Reads a financial-year label for a calendar starting in `startMonth`.
 *
 * A bare "2023" is only accepted for January-start calendars: for an April year it is ambiguous
 * (some organisations name a year by the calendar year it ends in), so it is rejected rather
 * than guessed. Pass the number `2023` to mean "the year starting in 2023".
 *
 * @throws ValidationError naming the label when it is malformed or its two years are not consecutive.
 * @example
 * ```ts
 * parseFiscalYearLabel('2023-24', 4); // { startYear: 2023, label: '2023/24' }
 * parseFiscalYearLabel('2023/25', 4); // throws ValidationError
 * ```
 */
export function parseFiscalYearLabel(text: string, startMonth: number): FiscalYear {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  const quoted = JSON.stringify(text);
  if (startMonth === 1) {
    const single = SINGLE_LABEL.exec(trimmed);
    if (single === null) {
      throw invalid(`Invalid financial year ${quoted}: a year starting in January is written like "2023"`);
    }
    return fiscalYearFromStartYear(Number(single[1]), startMonth);
  }
  const split = SPLIT_LABEL.exec(trimmed);
  if (split === null) {
    throw invalid(`Invalid financial year ${quoted}: expected a label like "2023/24"`);
  }
  const startYear = Number(split[1]);
  const second = split[2] ?? '';
  const expected = second.length === 2 ? (startYear + 1) % 100 : startYear + 1;
  if (Number(second) !== expected) {
    throw invalid(`Invalid financial year ${quoted}: the second year must follow ${startYear}`);
  }
  return fiscalYearFromStartYear(startYear, startMonth);
}

/**
 * Normalises any {@link FiscalYearInput} to a {@link FiscalYear} labelled for `startMonth`.
 *
 * @throws ValidationError for labels or years that do not name a financial year.
 * @example
 * ```ts
 * toFiscalYear(2023, 4).label; // '2023/24'
 * ```
 */
export function toFiscalYear(input: FiscalYearInput, startMonth: number): FiscalYear {
  if (typeof input === 'string') return parseFiscalYearLabel(input, startMonth);
  if (typeof input === 'number') return fiscalYearFromStartYear(input, startMonth);
  if (typeof input === 'object' && input !== null && typeof input.startYear === 'number') {
    // Relabel: a FiscalYear from a calendar with another start month must not keep a wrong label.
    // A FiscalYear object is what the calendar computed from a date, so every year it can
    // return (0 to 9999) comes back: the read side stays total over the calendar.
    if (isComputedStartYear(input.startYear)) return fiscalYearOfStartYear(input.startYear, startMonth);
    return fiscalYearFromStartYear(input.startYear, startMonth);
  }
  throw invalid(`Invalid financial year ${String(input)}: expected a label, a start year or a FiscalYear`);
}
