/**
 * @packageDocumentation
 * Slippage histories from a perfledger ledger: each action's original and current due dates,
 * every revision (from, to, days and quarters moved, reason, approver, who and when), flags, and
 * summaries by plan, directorate and fiscal quarter, on both time axes.
 */
export type {
  ActionSlippage,
  SlippageCorrection,
  SlippageFlags,
  SlippageRevision,
} from './action-slippage.js';
export type { ResolvedSlippageBasis } from './slippage-basis.js';
export { slippageProjection } from './slippage-projection.js';
export type { SlippageQueryOptions } from './slippage-query-options.js';
export { type SlippageReport, type SlippageReportOptions, slippageReport } from './slippage-report.js';
export {
  type SlippageActionSummary,
  type SlippageQuarterSummary,
  type SlippageSummary,
  type SlippageSummaryBy,
  type SlippageSummaryOptions,
  slippageSummary,
} from './slippage-summary.js';
export {
  slippageCorrectionsTable,
  slippageDetailsTable,
  slippageRegistrationsTable,
  slippageRevisionsTable,
  slippageTables,
} from './slippage-tables.js';
export { DEFAULT_SLIPPAGE_THRESHOLD, isBehind, type SlippageThreshold } from './slippage-threshold.js';
export type { SlippageActionGroup } from './summarize-by-attribute.js';
export type { SlippageQuarterGroup } from './summarize-by-quarter.js';
