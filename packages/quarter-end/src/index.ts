/**
 * @packageDocumentation
 * Quarter-end views of a perfledger ledger: every action as at a financial quarter's end, as now
 * known or as known when the report was published, with counts by reported and derived status,
 * restatements and disagreements. Backed by the `quarter_end` projection: pass
 * `quarterEndProjection` to `openLedger({ projections })`; every read is async.
 */
export {
  DEFAULT_WARNING_WINDOW_DAYS,
  type DerivedStatus,
  type DerivedStatusFacts,
  derivedStatuses,
  derivedStatusOf,
} from './derived-status.js';
export { describeEvent } from './describe-event.js';
export {
  type Disagreement,
  type DisagreementRule,
  type DisagreementRules,
  defaultDisagreementRules,
  findDisagreement,
} from './disagreement.js';
export { formatCount, formatCounts, percentOf } from './format-count.js';
export { factsOf, type QuarterEndFact, type QuarterEndField, quarterEndFields } from './quarter-end-fact.js';
export { type QuarterEndItem, quarterEndItemOf } from './quarter-end-item.js';
export type { KnownAt, QuarterEndOptions } from './quarter-end-options.js';
export {
  QUARTER_END_FACTS_TABLE,
  quarterEndFactsTable,
  quarterEndProjection,
} from './quarter-end-projection.js';
export { type QuarterEndView, quarterEndView } from './quarter-end-view.js';
export { type QuarterEndBasis, resolveBasis } from './resolve-basis.js';
export {
  type RestatementReport,
  type RestatementReportOptions,
  restatementReport,
} from './restatement-report.js';
export {
  type Restatement,
  type RestatementList,
  type RestatementOptions,
  type RestatingEvent,
  restatements,
} from './restatements.js';
export {
  countByDerivedStatus,
  countByStatus,
  type DerivedStatusCounts,
  groupCounts,
  NOT_REPORTED,
  type StatusCounts,
  type StatusGroup,
  type StatusGroups,
  statusColumns,
} from './status-counts.js';
