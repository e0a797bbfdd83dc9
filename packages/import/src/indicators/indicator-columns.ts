import { normalizeHeader } from '../snapshot-columns.js';
import type { TableColumns } from '../table-columns.js';

/**
 * The columns every indicator snapshot must have, in their canonical spelling: one row per
 * indicator and period.
 *
 * @example
 * ```ts
 * const header = [...REQUIRED_INDICATOR_COLUMNS, ...OPTIONAL_INDICATOR_COLUMNS].join(','); // a template's header row
 * ```
 */
export const REQUIRED_INDICATOR_COLUMNS = [
  'code',
  'title',
  'period',
  'value',
  'target',
  'good_is',
  'previous',
  'national',
  'status',
  'comments',
] as const;

/**
 * Columns an indicator snapshot may add.
 *
 * @example
 * ```ts
 * OPTIONAL_INDICATOR_COLUMNS.includes('quality'); // true
 * ```
 */
export const OPTIONAL_INDICATOR_COLUMNS = [
  'unit',
  'frequency',
  'plan',
  'directorate',
  'section',
  'owner',
  'quality',
] as const;

/**
 * An indicator snapshot column, in its canonical spelling.
 *
 * @example
 * ```ts
 * const column: IndicatorColumn = 'good_is';
 * ```
 */
export type IndicatorColumn =
  | (typeof REQUIRED_INDICATOR_COLUMNS)[number]
  | (typeof OPTIONAL_INDICATOR_COLUMNS)[number];

// The headings of the seeds' printed tables (001: "Status / Icon", "Latest Note"; 003: "Latest",
// "Good is"), so a table pasted from a report needs little renaming.
const ALIASES: Readonly<Record<string, IndicatorColumn>> = {
  indicator_code: 'code',
  short_name: 'title',
  indicator: 'title',
  latest: 'value',
  status_icon: 'status',
  'status_/_icon': 'status',
  icon: 'status',
  latest_note: 'comments',
  note: 'comments',
  comment: 'comments',
  polarity: 'good_is',
  national_comparator: 'national',
};

const CANONICAL: ReadonlySet<string> = new Set([
  ...REQUIRED_INDICATOR_COLUMNS,
  ...OPTIONAL_INDICATOR_COLUMNS,
]);

/**
 * The indicator snapshot column a header names, after `normalizeHeader` (case, spaces,
 * hyphens) and a few aliases from the seeds' printed tables (`Latest`, `Latest Note`,
 * `Status / Icon`); undefined for any other header.
 *
 * @example
 * ```ts
 * indicatorColumnOf('Good is'); // 'good_is'
 * indicatorColumnOf('Latest Note'); // 'comments'
 * indicatorColumnOf('due_date'); // undefined
 * ```
 */
export function indicatorColumnOf(header: string): IndicatorColumn | undefined {
  const name = normalizeHeader(header);
  if (CANONICAL.has(name)) return name as IndicatorColumn;
  return Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
}

/** The indicator snapshot's columns, for the shared CSV and JSON readers. */
export const INDICATOR_TABLE_COLUMNS: TableColumns<IndicatorColumn> = Object.freeze({
  required: REQUIRED_INDICATOR_COLUMNS,
  columnOf: indicatorColumnOf,
  rowNoun: 'indicator and period',
});
