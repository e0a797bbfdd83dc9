/**
 * @packageDocumentation
 * Indicators (KPIs) from a perfledger ledger: the `indicators` projection (plain tables for
 * auditors' SQL), the indicator view for a period with counts and disagreements, each
 * indicator's history and trend, and restatements after publication.
 */
export {
  type AssessmentInput,
  assessIndicator,
  derivedStatusWord,
  type IndicatorAssessment,
  type IndicatorRating,
} from './derived-status.js';
export { type IndicatorBasis, resolveIndicatorBasis } from './indicator-basis.js';
export {
  type IndicatorHistory,
  type IndicatorHistoryCorrection,
  type IndicatorHistoryPeriod,
  indicatorHistory,
} from './indicator-history.js';
export {
  directionOf,
  type IndicatorDirection,
  type IndicatorItem,
  indicatorItemOf,
  reportsFor,
  targetFor,
} from './indicator-item.js';
export { indicatorProjection, targetColumnsOf, valueColumnOf } from './indicator-projection.js';
export {
  type IndicatorRestatement,
  type IndicatorRestatementOptions,
  type IndicatorRestatements,
  type IndicatorRestatingEvent,
  indicatorRestatements,
} from './indicator-restatements.js';
export {
  INDICATOR_TABLES,
  indicatorAmendmentsTable,
  indicatorCommentsTable,
  indicatorComparatorsTable,
  indicatorStatusesTable,
  indicatorsTable,
  indicatorTables,
  indicatorTargetsTable,
  indicatorTolerancesTable,
  indicatorValuesTable,
} from './indicator-tables.js';
export {
  disagreementOf,
  INDICATOR_VIEW_OPTION_KEYS,
  type IndicatorDisagreement,
  type IndicatorGroup,
  type IndicatorView,
  type IndicatorViewOptions,
  indicatorView,
  NO_STATUS,
} from './indicator-view.js';
export {
  type IndicatorFacts,
  type PositionedEvent,
  readIndicatorFacts,
  requireIndicatorProjection,
} from './read-indicator-states.js';
