import { type CalendarDate, dayNumber } from './calendar-date.js';

/**
 * One fiscal quarter as the timeline draws it: its first day, the first day after it, and its
 * labels ("Q3", "2023/24").
 */
export interface FiscalQuarterCell {
  readonly start: CalendarDate;
  /** The first day of the next quarter. */
  readonly next: CalendarDate;
  readonly quarter: 1 | 2 | 3 | 4;
  readonly fyLabel: string;
}

/**
 * The fiscal year label for the year starting in `startYear`: "2023/24" when the year crosses
 * 1 January, "2024" for a calendar-year organisation. Matches `@perfledger/core`.
 *
 * @example
 * ```ts
 * fiscalYearLabel(2023, 4); // '2023/24'
 * fiscalYearLabel(2024, 1); // '2024'
 * ```
 */
export function fiscalYearLabel(startYear: number, startMonth: number): string {
  if (startMonth === 1) return String(startYear);
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/**
 * The fiscal quarters that cover the days `from`..`to` inclusive, whole quarters only.
 *
 * @example
 * ```ts
 * fiscalQuartersCovering({ year: 2023, month: 12, day: 31 }, { year: 2024, month: 4, day: 1 }, 4).map((q) => `${q.fyLabel} Q${q.quarter}`);
 * // ['2023/24 Q3', '2023/24 Q4', '2024/25 Q1']
 * ```
 */
export function fiscalQuartersCovering(
  from: CalendarDate,
  to: CalendarDate,
  startMonth: number,
): readonly FiscalQuarterCell[] {
  const monthsIntoYear = (from.month - startMonth + 12) % 12;
  let fyStartYear = from.month >= startMonth ? from.year : from.year - 1;
  let quarterIndex = Math.floor(monthsIntoYear / 3);
  const last = dayNumber(to);
  const cells: FiscalQuarterCell[] = [];
  for (;;) {
    const start = monthStart(fyStartYear, startMonth + quarterIndex * 3);
    if (dayNumber(start) > last) break;
    cells.push({
      start,
      next: monthStart(fyStartYear, startMonth + quarterIndex * 3 + 3),
      quarter: (quarterIndex + 1) as 1 | 2 | 3 | 4,
      fyLabel: fiscalYearLabel(fyStartYear, startMonth),
    });
    quarterIndex += 1;
    if (quarterIndex === 4) {
      quarterIndex = 0;
      fyStartYear += 1;
    }
  }
  return cells;
}

/** The first day of month `month` counted from January of `year` (13 is next January). */
function monthStart(year: number, month: number): CalendarDate {
  const zeroBased = month - 1;
  return { year: year + Math.floor(zeroBased / 12), month: (zeroBased % 12) + 1, day: 1 };
}
