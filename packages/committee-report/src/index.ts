export { formatDueDateText, isPlottableDate, plottableDateRange } from './calendar-date.js';
export type {
  CommitteeReportBasis,
  CommitteeReportExceptions,
  CommitteeReportInput,
  DueDateMove,
  DueDateRevision,
  ExceptionItem,
  ReportProvenance,
  RestatedField,
  Restatement,
  Restatements,
  ReturnSignOffLine,
  StatusCount,
  StatusGroup,
} from './committee-report-input.js';
export { CommitteeReportInputError } from './committee-report-input-error.js';
export {
  type CommitteeReportInputOptions,
  committeeReportInputOf,
  type SlippageForReport,
} from './committee-report-input-of.js';
export { formatCountWithPercent, formatPercent } from './format-count-with-percent.js';
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
