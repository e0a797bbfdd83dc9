/**
 * @packageDocumentation
 * perfledger's snapshot importer: reads quarterly action snapshots (CSV or JSON) as councils
 * export them, checks every cell, and appends to a ledger only the events that describe what
 * changed, atomically per file.
 */
export { displayValue } from './display-value.js';
export { type ImportIdentity, importIdempotencyKey } from './idempotency-key.js';
export { IMPORT_OPTION_KEYS, type ImportSnapshotOptions } from './import-options.js';
export type { ImportReport, PeriodDueDate, RowContradiction } from './import-report.js';
export { importSnapshot } from './import-snapshot.js';
export { formatIndicatorFigure, formatIndicatorTargetFigure } from './indicators/format-indicator-figure.js';
export type { ImportIndicatorOptions } from './indicators/import-indicator-options.js';
export { importIndicatorSnapshot } from './indicators/import-indicator-snapshot.js';
export {
  INDICATOR_TABLE_COLUMNS,
  type IndicatorColumn,
  indicatorColumnOf,
  OPTIONAL_INDICATOR_COLUMNS,
  REQUIRED_INDICATOR_COLUMNS,
} from './indicators/indicator-columns.js';
export type { IndicatorImportReport } from './indicators/indicator-import-report.js';
export type { IndicatorSnapshotRow } from './indicators/indicator-snapshot-row.js';
export {
  type IndicatorPeriodReading,
  parseIndicatorPeriodCell,
} from './indicators/parse-indicator-period.js';
export {
  type ParsedIndicatorSnapshot,
  parseIndicatorSnapshot,
} from './indicators/parse-indicator-snapshot.js';
export {
  type IndicatorPolarityReading,
  type IndicatorTargetReading,
  parseIndicatorPolarity,
  parseIndicatorTarget,
} from './indicators/parse-indicator-target.js';
export {
  formatIndicatorValue,
  type IndicatorMissing,
  type IndicatorNumber,
  type IndicatorValueReading,
  type IndicatorYesNo,
  type MoneyScale,
  parseIndicatorValue,
} from './indicators/parse-indicator-value.js';
export {
  type IndicatorFrequencyReading,
  type IndicatorQualityReading,
  type IndicatorUnitReading,
  parseIndicatorFrequency,
  parseIndicatorQuality,
  parseIndicatorUnit,
} from './indicators/parse-indicator-words.js';
export type { IndicatorImportNote } from './indicators/plan-indicator-import.js';
export { InputTooLargeError, type SnapshotLimitName } from './input-too-large-error.js';
export { loadSnapshot, type SnapshotFile, type SnapshotSource } from './load-snapshot.js';
export { NotARegularFileError } from './not-a-regular-file-error.js';
export { parsePercent } from './parse-percent.js';
export {
  type DueDateReading,
  type PeriodContext,
  parseDueDate,
  parsePeriodDate,
} from './parse-period-date.js';
export type { ParseResult } from './parse-result.js';
export {
  type ParsedSnapshot,
  parseSnapshot,
  type SnapshotFormat,
  type SnapshotInput,
  type SnapshotReadOptions,
  type SnapshotRow,
} from './parse-snapshot.js';
export { parseStage, type SnapshotStage } from './parse-stage.js';
export { parseUkDate } from './parse-uk-date.js';
export { type CodeMatch, type ReturnQuarter, returnQuarterOf } from './plan-import.js';
export {
  normalizeHeader,
  OPTIONAL_SNAPSHOT_COLUMNS,
  REQUIRED_SNAPSHOT_COLUMNS,
  type SnapshotColumn,
  snapshotColumnOf,
} from './snapshot-columns.js';
export { SnapshotImportError } from './snapshot-import-error.js';
export { DEFAULT_SNAPSHOT_LIMITS, type SnapshotLimits } from './snapshot-limits.js';
export type { SnapshotProblem } from './snapshot-problem.js';
export type { TableColumns } from './table-columns.js';
