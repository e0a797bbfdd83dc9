import type { ProjectionColumn, ProjectionTable } from '@perfledger/core';

// Every row starts with where and when its event sits: the log position (the key), the
// indicator's code, the event's effective date, recorded time and actor.
const EVENT_COLUMNS: readonly ProjectionColumn[] = [
  { name: 'position', type: 'integer' },
  { name: 'code', type: 'text' },
  { name: 'effective_on', type: 'text' },
  { name: 'recorded_at', type: 'text' },
  { name: 'actor', type: 'text', nullable: true },
];

function table(
  name: string,
  columns: readonly ProjectionColumn[],
  options: { readonly primaryKey?: readonly string[]; readonly byPeriod?: boolean } = {},
): ProjectionTable {
  return Object.freeze({
    name,
    columns: Object.freeze([...EVENT_COLUMNS, ...columns]),
    primaryKey: Object.freeze([...(options.primaryKey ?? ['position'])]),
    indexes: Object.freeze([
      {
        name: `${name}_by_code`,
        columns: options.byPeriod === true ? ['code', 'period', 'position'] : ['code', 'position'],
      },
    ]),
  });
}

/**
 * The names of the indicator tables, as SQL names them.
 *
 * @example
 * ```ts
 * await ledger.query.all(`SELECT * FROM ${INDICATOR_TABLES.values} WHERE code = ?`, ['BV12']);
 * ```
 */
export const INDICATOR_TABLES = Object.freeze({
  indicators: 'indicators',
  amendments: 'indicator_amendments',
  targets: 'indicator_targets',
  tolerances: 'indicator_tolerances',
  values: 'indicator_values',
  statuses: 'indicator_statuses',
  comparators: 'indicator_comparators',
  comments: 'indicator_comments',
});

/**
 * `indicators`: one row per registration, with every registered field.
 *
 * @example
 * ```ts
 * indicatorsTable.columns.map((c) => c.name).slice(5, 8); // ['title', 'description', 'unit']
 * ```
 */
export const indicatorsTable = table(INDICATOR_TABLES.indicators, [
  { name: 'title', type: 'text' },
  { name: 'description', type: 'text', nullable: true },
  { name: 'unit', type: 'text' },
  { name: 'polarity', type: 'text' },
  { name: 'frequency', type: 'text' },
  { name: 'plan', type: 'text' },
  { name: 'directorate', type: 'text', nullable: true },
  { name: 'section', type: 'text', nullable: true },
  { name: 'owner', type: 'text', nullable: true },
  { name: 'status_key', type: 'text' },
]);

/**
 * `indicator_amendments`: one row per field an `IndicatorDetailsAmended` changes.
 *
 * @example
 * ```ts
 * indicatorAmendmentsTable.primaryKey; // ['position', 'field']
 * ```
 */
export const indicatorAmendmentsTable = table(
  INDICATOR_TABLES.amendments,
  [
    { name: 'field', type: 'text' },
    { name: 'value', type: 'text' },
  ],
  { primaryKey: ['position', 'field'] },
);

// A target in columns: its kind ('number', 'yesno', 'increase', 'decrease', 'band', 'none'),
// the number (1/0 for yes/no), and a band's low and high.
const targetColumns = (prefix: string, nullable: boolean): ProjectionColumn[] => [
  { name: `${prefix}kind`, type: 'text', ...(nullable ? { nullable } : {}) },
  { name: `${prefix}value`, type: 'real', nullable: true },
  { name: `${prefix}low`, type: 'real', nullable: true },
  { name: `${prefix}high`, type: 'real', nullable: true },
];

/**
 * `indicator_targets`: one row per target set; a revision has `from_kind` (the target it
 * replaced) and a reason. `target_kind` is `number`, `yesno` (`target_value` 1 or 0),
 * `increase`, `decrease`, `band` (`target_low` to `target_high`) or `none`.
 *
 * @example
 * ```ts
 * await ledger.query.all(`SELECT period, target_kind, target_value FROM indicator_targets WHERE code = 'BV12'`);
 * ```
 */
export const indicatorTargetsTable = table(
  INDICATOR_TABLES.targets,
  [
    { name: 'period', type: 'text' },
    { name: 'period_end', type: 'text' },
    ...targetColumns('target_', false),
    ...targetColumns('from_', true),
    { name: 'reason', type: 'text', nullable: true },
    { name: 'approver', type: 'text', nullable: true },
  ],
  { byPeriod: true },
);

/**
 * `indicator_tolerances`: one row per tolerance set, in force from `effective_on`: `kind`
 * (`percent` or `absolute`) and `amber`; `from_kind`/`from_amber` is the rule it replaced.
 *
 * @example
 * ```ts
 * await ledger.query.all(`SELECT effective_on, kind, amber FROM indicator_tolerances WHERE code = 'BV12' ORDER BY effective_on, position`);
 * ```
 */
export const indicatorTolerancesTable = table(INDICATOR_TABLES.tolerances, [
  { name: 'kind', type: 'text' },
  { name: 'amber', type: 'real' },
  { name: 'from_kind', type: 'text', nullable: true },
  { name: 'from_amber', type: 'real', nullable: true },
  { name: 'reason', type: 'text', nullable: true },
  { name: 'approver', type: 'text', nullable: true },
]);

/**
 * `indicator_values`: every value recorded (`entry` = `recorded`) and every correction
 * (`corrected`, with `from_value`, `from_quality` and `reason`). `value` is REAL: 1/0 for a
 * yes/no indicator, NULL when missing (`quality` = `missing`). The first value of a period is
 * its `recorded` row, never overwritten.
 *
 * @example
 * ```ts
 * await ledger.query.all(`SELECT period, entry, value, quality, reason FROM indicator_values WHERE code = 'BV12' ORDER BY position`);
 * ```
 */
export const indicatorValuesTable = table(
  INDICATOR_TABLES.values,
  [
    { name: 'period', type: 'text' },
    { name: 'period_end', type: 'text' },
    { name: 'entry', type: 'text' },
    { name: 'value', type: 'real', nullable: true },
    { name: 'quality', type: 'text' },
    { name: 'missing_reason', type: 'text', nullable: true },
    { name: 'footnote', type: 'text', nullable: true },
    { name: 'from_value', type: 'real', nullable: true },
    { name: 'from_quality', type: 'text', nullable: true },
    { name: 'reason', type: 'text', nullable: true },
  ],
  { byPeriod: true },
);

/**
 * `indicator_statuses`: every status an officer reported for a period.
 *
 * @example
 * ```ts
 * await ledger.query.all(`SELECT period, status, comment FROM indicator_statuses WHERE code = 'LALocal_07'`);
 * ```
 */
export const indicatorStatusesTable = table(
  INDICATOR_TABLES.statuses,
  [
    { name: 'period', type: 'text' },
    { name: 'status', type: 'text' },
    { name: 'comment', type: 'text', nullable: true },
  ],
  { byPeriod: true },
);

/**
 * `indicator_comparators`: every comparator figure recorded (national, family group…), with its source.
 *
 * @example
 * ```ts
 * await ledger.query.all(`SELECT period, kind, value, source FROM indicator_comparators WHERE code = 'BV12'`);
 * ```
 */
export const indicatorComparatorsTable = table(
  INDICATOR_TABLES.comparators,
  [
    { name: 'period', type: 'text' },
    { name: 'kind', type: 'text' },
    { name: 'value', type: 'real' },
    { name: 'source', type: 'text' },
  ],
  { byPeriod: true },
);

/**
 * `indicator_comments`: every comment, for a period or (period NULL) in general.
 *
 * @example
 * ```ts
 * await ledger.query.all(`SELECT period, text FROM indicator_comments WHERE code = 'BV12' ORDER BY position`);
 * ```
 */
export const indicatorCommentsTable = table(INDICATOR_TABLES.comments, [
  { name: 'period', type: 'text', nullable: true },
  { name: 'text', type: 'text' },
]);

/**
 * Every indicator table, in the order the projection declares them.
 *
 * @example
 * ```ts
 * indicatorTables.map((t) => t.name); // ['indicators', 'indicator_amendments', …]
 * ```
 */
export const indicatorTables: readonly ProjectionTable[] = Object.freeze([
  indicatorsTable,
  indicatorAmendmentsTable,
  indicatorTargetsTable,
  indicatorTolerancesTable,
  indicatorValuesTable,
  indicatorStatusesTable,
  indicatorComparatorsTable,
  indicatorCommentsTable,
]);
