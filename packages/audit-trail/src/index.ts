/**
 * @packageDocumentation
 * Field-level audit trails of a perfledger ledger: who changed which field of which action,
 * from what to what, when (recorded and effective) and why, exportable as CSV and JSON, and
 * plain-language explanations of a field's history; for indicators, `explainIndicator` and
 * `indicatorTrail`.
 */
export { type AuditField, auditFields, isAuditField } from './audit-field.js';
export { type AuditRow, auditRowKeys } from './audit-row.js';
export { auditTrailProjection } from './audit-trail-projection.js';
export { AUDIT_TRAIL_TABLE, auditTrailTable } from './audit-trail-table.js';
export { csvCell } from './csv-cell.js';
export { explain } from './explain/explain.js';
export type { ExplainOptions, Publication } from './explain/explain-options.js';
export type {
  Backdating,
  ExplainedChange,
  Explanation,
  FieldOrigin,
  LatePublication,
  ReturnRecord,
} from './explain/explanation.js';
export {
  explainIndicator,
  type IndicatorExplainedFact,
  type IndicatorExplainOptions,
  type IndicatorExplanation,
} from './explain/indicator-explain.js';
export type { PublishedReportRef } from './explain/resolve-publications.js';
export { type IndicatorTrailRow, indicatorTrail } from './indicator-trail.js';
export { queryTrail, streamTrail } from './query-trail.js';
export type { TrailFilter } from './trail-filter.js';
export { type TrailCsvOptions, trailCsvChunks, trailToCsv } from './trail-to-csv.js';
export { type TrailJsonOptions, trailJsonChunks, trailToJson } from './trail-to-json.js';
