import { quoted } from '../display-value.js';
import { type ParseResult, parsed, refused } from '../parse-result.js';
import { plainText } from '../plain-text.js';

/** The multiplier a money figure was printed with: `£20m` is 20 with scale `m`. */
export type MoneyScale = '' | 'k' | 'm' | 'bn';

/**
 * A figure as a report prints it: the number, whether it was printed as a percentage (`31.0%`)
 * or in pounds (`£26.2m`), the decimal places printed (so `31.0%` prints again as `31.0%`), and
 * a footnote mark (`9.3*`) whose footnote is the row's comment.
 *
 * @example
 * ```ts
 * const figure: IndicatorNumber = { kind: 'number', value: 26_200_000, mark: 'money', scale: 'm', decimals: 1, footnote: null };
 * ```
 */
export interface IndicatorNumber {
  readonly kind: 'number';
  /** The figure itself: 31 for `31.0%`, 26 200 000 for `£26.2m`, 84 617 for `84,617`. */
  readonly value: number;
  /** `percentage` for `%`, `money` for `£`, null for a plain figure. */
  readonly mark: 'percentage' | 'money' | null;
  /** The scale a money figure was printed in; always `''` for other figures. */
  readonly scale: MoneyScale;
  /** Decimal places as printed (of the scaled figure for money). */
  readonly decimals: number;
  /** The footnote mark after the figure (`*`, `**`, `†`), or null. */
  readonly footnote: string | null;
}

/**
 * A yes/no measure's value ("Regular benchmark of services: Yes").
 *
 * @example
 * ```ts
 * const done: IndicatorYesNo = { kind: 'yes-no', value: true, footnote: null };
 * ```
 */
export interface IndicatorYesNo {
  readonly kind: 'yes-no';
  readonly value: boolean;
  readonly footnote: string | null;
}

/**
 * A value the report prints as missing: `-` or `n/a`. Missing is not zero.
 *
 * @example
 * ```ts
 * const none: IndicatorMissing = { kind: 'missing', marker: '-' };
 * ```
 */
export interface IndicatorMissing {
  readonly kind: 'missing';
  /** How the report printed it, in one spelling: `-` (also for – and —) or `n/a`. */
  readonly marker: '-' | 'n/a';
}

/**
 * What one value cell of an indicator snapshot says.
 *
 * @example
 * ```ts
 * const reading: IndicatorValueReading = { kind: 'missing', marker: 'n/a' };
 * ```
 */
export type IndicatorValueReading = IndicatorNumber | IndicatorYesNo | IndicatorMissing;

const MISSING: Readonly<Record<string, '-' | 'n/a'>> = {
  '-': '-',
  '–': '-',
  '—': '-',
  'n/a': 'n/a',
  'n.a.': 'n/a',
  na: 'n/a',
};
const SCALES: Readonly<Record<string, { scale: MoneyScale; exponent: number }>> = {
  '': { scale: '', exponent: 0 },
  k: { scale: 'k', exponent: 3 },
  m: { scale: 'm', exponent: 6 },
  bn: { scale: 'bn', exponent: 9 },
};
const EXPONENT: Readonly<Record<MoneyScale, number>> = { '': 0, k: 3, m: 6, bn: 9 };
const MAX_DIGITS = 15;

// sign, pound sign, digits (grouped in thousands or not), fraction, scale, percent, footnote
const FIGURE = /^(-)?\s*(£)?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(k|m|bn)?\s*(%)?\s*(\*+|†|‡)?$/i;
const YES_NO = /^(yes|no)\s*(\*+|†|‡)?$/i;
const OWN_PERIOD = /\(\s*((?:q[1-4]\s*)?\d{4}\s*[/-]\s*\d{2,4}(?:\s*q[1-4])?|[a-z]+\s+\d{4})\s*\)/i;
const ANY_FIGURE = /£?\d[\d,]*(?:\.\d+)?\s*%?/g;

const EXPECTED =
  'expected one figure as printed (31.0%, 84,617, £26.2m, 8.42), Yes or No, or - or n/a for a missing value';

/**
 * Reads an indicator value as reports print it: `31.0%` and `75.26%` (percentages), `84,617`
 * (thousands separators, which must sit every three digits), `£20m`, `£26.2m`, `£500k`, `£1.2bn`
 * (pounds), `8.42`, `-3` (negative figures), `Yes` / `No`, `None` (nought), and `-`, `–`,
 * `n/a` (missing: never zero). A footnote mark after the figure (`9.3*`) is kept: the footnote
 * itself is the row's comment. Simple HTML (`<b>95%</b>`) and spacing are ignored.
 *
 * Refused, with the reason: two figures in one cell (`81% Priority 1 90% Priority 2`), a figure
 * with a period of its own (`27.5% (2017/18)`: it belongs in that period's row), words after a
 * figure, a pound sign with a percent sign, a scale without a pound sign (`20m`), misplaced
 * thousands separators, and more than 15 significant digits (which a number cannot hold exactly).
 *
 * @example
 * ```ts
 * parseIndicatorValue('£26.2m'); // { ok: true, value: { kind: 'number', value: 26200000, mark: 'money', scale: 'm', decimals: 1, footnote: null } }
 * parseIndicatorValue('9.3*'); // { ok: true, value: { kind: 'number', value: 9.3, mark: null, scale: '', decimals: 1, footnote: '*' } }
 * parseIndicatorValue('-'); // { ok: true, value: { kind: 'missing', marker: '-' } }
 * parseIndicatorValue('81% Priority 1 90% Priority 2').ok; // false: two figures
 * ```
 */
export function parseIndicatorValue(text: string): ParseResult<IndicatorValueReading> {
  const cell = plainText(text);
  if (cell === '') return refused(`is empty; ${EXPECTED}`);
  const marker = MISSING[cell.toLowerCase()];
  if (marker !== undefined) return parsed({ kind: 'missing', marker });
  if (cell.toLowerCase() === 'none') {
    return parsed({ kind: 'number', value: 0, mark: null, scale: '', decimals: 0, footnote: null });
  }
  const yesNo = YES_NO.exec(cell);
  if (yesNo !== null) {
    return parsed({ kind: 'yes-no', value: yesNo[1]!.toLowerCase() === 'yes', footnote: yesNo[2] ?? null });
  }
  const figure = FIGURE.exec(cell);
  if (figure === null) return refusalOf(cell);
  const [, minus, pound, whole, fraction = '', scaleText = '', percent, footnote] = figure;
  const scale = SCALES[scaleText.toLowerCase()]!;
  if (pound !== undefined && percent !== undefined) {
    return refused(`${quoted(cell)} has both a pound sign and a percent sign; ${EXPECTED}`);
  }
  if (pound === undefined && scale.scale !== '') {
    return refused(
      `${quoted(cell)} has a scale ('${scaleText}') but no pound sign; write money as £20m, or the figure in full`,
    );
  }
  const digits = `${whole!.replace(/,/g, '')}${fraction}`.replace(/^0+/, '');
  if (digits.length > MAX_DIGITS) {
    return refused(
      `${quoted(cell)} has more than ${MAX_DIGITS} significant digits, which a number cannot hold exactly`,
    );
  }
  const value = Number(`${minus ?? ''}${whole!.replace(/,/g, '')}.${fraction || '0'}e${scale.exponent}`);
  return parsed({
    kind: 'number',
    value: Object.is(value, -0) ? 0 : value,
    mark: pound !== undefined ? 'money' : percent !== undefined ? 'percentage' : null,
    scale: scale.scale,
    decimals: fraction.length,
    footnote: footnote ?? null,
  });
}

/** Why a cell that is not one figure cannot be read, as precisely as the cell allows. */
function refusalOf(cell: string): ParseResult<never> {
  const ownPeriod = OWN_PERIOD.exec(cell);
  if (ownPeriod !== null && FIGURE.test(cell.replace(ownPeriod[0], '').trim())) {
    return refused(
      `${quoted(cell)} names a period of its own ('${ownPeriod[1]}'); put the figure in a row for that period`,
    );
  }
  if (/^-?\d+(?:\.\d+)?e[+-]?\d+$/i.test(cell)) {
    return refused(`${quoted(cell)} is in exponent form; write the figure in full, as printed`);
  }
  const all = (cell.match(ANY_FIGURE) ?? []).map((f) => f.trim());
  // "81% Priority 1 90% Priority 2": the marked figures are the values, the rest are labels.
  const marked = all.filter((f) => f.startsWith('£') || f.endsWith('%'));
  const figures = marked.length >= 2 ? marked : all;
  if (figures.length >= 2) {
    const shown = figures
      .slice(0, 4)
      .map((f) => `'${f.trim()}'`)
      .join(', ');
    return refused(
      `${quoted(cell)} holds ${figures.length} figures (${shown}), not one; give each its own indicator`,
    );
  }
  if (/^-?\s*£?\s*\d/.test(cell) && /\d,(?!\d{3}(?:\D|$))/.test(cell)) {
    return refused(`${quoted(cell)} has a misplaced thousands separator; write 84,617 or 84617`);
  }
  return refused(`${quoted(cell)} is not a figure; ${EXPECTED}`);
}

/** The figure part of a number (without mark or footnote), with thousands separators. */
function figureText(reading: IndicatorNumber): string {
  const exponent = EXPONENT[reading.scale];
  const scaled = exponent === 0 ? reading.value : Number(`${reading.value}e-${exponent}`);
  const fixed = Math.abs(scaled).toFixed(reading.decimals);
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${scaled < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * Prints a reading as a report would, in the form {@link parseIndicatorValue} reads back to
 * the same reading: `31.0%`, `84,617`, `£26.2m`, `9.3*`, `Yes`, `-`.
 *
 * @example
 * ```ts
 * formatIndicatorValue({ kind: 'number', value: 26_200_000, mark: 'money', scale: 'm', decimals: 1, footnote: null }); // '£26.2m'
 * formatIndicatorValue({ kind: 'missing', marker: 'n/a' }); // 'n/a'
 * ```
 */
export function formatIndicatorValue(reading: IndicatorValueReading): string {
  if (reading.kind === 'missing') return reading.marker;
  if (reading.kind === 'yes-no') return `${reading.value ? 'Yes' : 'No'}${reading.footnote ?? ''}`;
  const figure = figureText(reading);
  const body =
    reading.mark === 'money'
      ? `${figure.startsWith('-') ? '-£' : '£'}${figure.replace(/^-/, '')}${reading.scale}`
      : reading.mark === 'percentage'
        ? `${figure}%`
        : figure;
  return `${body}${reading.footnote ?? ''}`;
}
