export { type AppendixGrouping, headlineStatusesOf, statusSymbolsOf } from './appendices-of.js';
export { formatDueDateText, isPlottableDate, plottableDateRange } from './calendar-date.js';
export type {
  AppendixGroup,
  CommitteeReportBasis,
  CommitteeReportExceptions,
  CommitteeReportInput,
  DueDateMove,
  DueDateRevision,
  ExceptionItem,
  PlanAppendix,
  Recommendation,
  ReportProvenance,
  ReportTitleBlock,
  RestatedField,
  Restatement,
  Restatements,
  ReturnSignOffLine,
  StatusCount,
  StatusGroup,
} from './committee-report-input.js';
export { CommitteeReportInputError } from './committee-report-input-error.js';
export {
  type AppendixOptions,
  type CommitteeReportInputOptions,
  committeeReportInputOf,
  DEFAULT_HEADLINE_TEMPLATE,
  type HeadlineOptions,
  type SlippageForReport,
  type TitleBlockOptions,
} from './committee-report-input-of.js';
export { formatCountCell, formatCountWithPercent, formatPercent } from './format-count-with-percent.js';
export type { IndicatorSectionInput, IndicatorSectionItem } from './indicator-section-input.js';
export { renderCommitteeReport } from './render-committee-report.js';
export { type IndicatorDocumentHeading, renderIndicatorDocument } from './render-indicator-document.js';
export {
  createStatusPalette,
  defaultStatusColours,
  neutralStatusColours,
  type StatusPalette,
} from './status-colours.js';
export { validateCommitteeReportInput } from './validate-committee-report-input.js';
