/**
 * @packageDocumentation
 * perfledger's core, engine-neutral: the event catalogue, the pure decider and evolver, the
 * ledger over an async store port with its hash chain, time travel on both axes, projections the
 * ledger owns, the fiscal calendar, integrity tools. Engines (`@perfledger/sqlite`) implement
 * the port; engine internals are in `@perfledger/core/internal`.
 */
// action
export { actionCodeKey } from './action/action-code-key.js';
export { type ActionClosure, type ActionComment, type ActionState, streamOf } from './action/action-state.js';
export type { ActionCommand, Command, CommandInput, CommandOf } from './action/commands.js';
export type { DecideContext } from './action/decide.js';
export { type EvolvableEvent, evolve } from './action/evolve.js';
export { type ActionField, type FieldChange, fieldChangesOf } from './action/field-changes.js';
export { defaultReturnQuarterEnd, returnQuarterEnds } from './action/return-quarter.js';
export { effectiveOrder, foldAction, type TimelineEvent } from './action/timeline.js';
export type { HashedFields } from './chain/canonical-envelope.js';
export type { ChainRow } from './chain/chain-verifier.js';
export type { ChainBreak, ChainBreakKind, VerifyResult } from './chain/verify-result.js';
export * from './errors/index.js';
// events
export type {
  EnvelopeOf,
  EventEnvelope,
  EventMetadata,
  GlobalPosition,
  PendingEvent,
  RecordedAt,
} from './events/envelope.js';
export {
  type EventDataMap,
  type EventType,
  eventCatalogue,
  eventTypes,
  isEventType,
  type LedgerEvent,
  type LedgerEventOf,
} from './events/event-catalogue.js';
export { type Upcaster, UpcasterChain } from './events/upcasters.js';
export * from './files/index.js';
// indicators
export {
  type ComparatorKind,
  type DatedIndicatorCommand,
  decideIndicator,
  describeIndicatorEvent,
  evolveIndicator,
  foldIndicator,
  formatIndicatorFieldValue,
  formatIndicatorTarget,
  formatIndicatorTolerance,
  formatIndicatorValue,
  INDICATOR_STREAM_PREFIX,
  INDICATOR_VALUE_BOUNDS,
  type IndicatorCommand,
  type IndicatorCommandType,
  type IndicatorComment,
  type IndicatorComparator,
  type IndicatorCorrection,
  type IndicatorEvent,
  type IndicatorEventType,
  type IndicatorField,
  type IndicatorFieldChange,
  type IndicatorFrequency,
  type IndicatorPeriodTarget,
  type IndicatorPeriodValue,
  type IndicatorPolarity,
  type IndicatorQuality,
  type IndicatorReportedStatus,
  type IndicatorState,
  type IndicatorTarget,
  type IndicatorTolerance,
  type IndicatorToleranceEntry,
  type IndicatorUnit,
  type IndicatorValue,
  type IndicatorValueEntry,
  indicatorFieldChangesOf,
  indicatorFields,
  indicatorStreamOf,
  isIndicatorCommand,
  isIndicatorEvent,
  toleranceInForce,
} from './indicator/index.js';
export * from './integrity/bundle/index.js';
// integrity
export {
  CHECKPOINT_FORMAT,
  type CreateCheckpointOptions,
  createCheckpoint,
  parseCheckpoint,
  readCheckpoint,
  type SignedCheckpoint,
  verifyCheckpointSignature,
  type WriteCheckpointOptions,
  writeCheckpoint,
} from './integrity/checkpoint.js';
export { IntegrityError, type IntegrityErrorCode } from './integrity/integrity-error.js';
export {
  generateSigningKey,
  type KeyInput,
  keyIdOf,
  loadPrivateKey,
  loadPublicKey,
  type SigningKeyPair,
  type WriteKeyPairOptions,
  type WrittenKeyPair,
  writeKeyPair,
} from './integrity/keys.js';
export * from './integrity/note/index.js';
export {
  contentHash,
  type LogPoint,
  listPublishedReports,
  type PublishedReport,
  type PublishedReportCheck,
  type PublishedReportFilter,
  type PublishReportInput,
  publishReport,
  type ReportFormat,
  reportStream,
  verifyPublishedReport,
} from './integrity/publish-report.js';
export {
  assertChainVerified,
  type ChainCheck,
  readVerifiedMark,
  type VerifiedMark,
  verifyChainIncrementally,
} from './integrity/verified-chain.js';
export {
  type CheckpointInput,
  type CheckpointVerdict,
  type IntegrityProblem,
  type IntegrityProblemCode,
  type LedgerVerification,
  type VerifyLedgerOptions,
  verifyLedger,
} from './integrity/verify-with-checkpoints.js';
export * from './integrity/witness/index.js';
export { AS_OF_KEYS, type AsOf, type KnownAt, type ResolvedAsOf } from './ledger/as-of.js';
export type { CreateLedgerOptions } from './ledger/create-ledger-options.js';
export { type ActionQuery, createLedger, Ledger } from './ledger/ledger.js';
export { knownAtMeaning } from './ledger/resolve-known-at.js';
export { assertOptions } from './ledger/validate-arguments.js';
export * from './merkle/index.js';
// personal data
export {
  type ErasePersonalDataRequest,
  type ErasureResult,
  erasedText,
  PERSONAL_DATA_FORMAT_KEY,
  PERSONAL_DATA_STREAM,
  PERSONAL_MARKER_KEY,
  type PersonalDataFormat,
  type PersonalErasure,
  type PersonalRecords,
  type PersonalText,
  personalDataFields,
  personalDataFormatOf,
  personalDigest,
  personalFieldsOf,
} from './personal-data/index.js';
export * from './projections/index.js';
export {
  approveReturn,
  isSignOffEvent,
  type ReturnSignOff,
  type ReturnSignOffInput,
  type ReturnSignOffQuery,
  type ReturnSignOffState,
  readReturnSignOff,
  returnStream,
  type SignOffStep,
  submitReturn,
} from './returns/sign-off.js';
export * from './status/index.js';
export {
  type CopyLedgerOptions,
  type CopyProgress,
  type CopyResult,
  copyLedger,
} from './store/copy-ledger.js';
export type {
  AppendRequest,
  AppendResult,
  EffectiveRange,
  EventFact,
  EventStore,
  InTransactionHook,
  LogHead,
  ProjectionStorage,
  QueryPort,
  ReadAllOptions,
  ReadStreamOptions,
  SqlValue,
  StoreSession,
} from './store/event-store.js';
export {
  DEFAULT_MAX_CLOCK_JUMP_DAYS,
  formatRecordedAt,
  type LedgerClock,
  parseRecordedAt,
} from './store/recorded-clock.js';
export * from './text/index.js';
// time
export type { BusinessDate, BusinessDateParts } from './time/business-date.js';
export {
  businessDateFromParts,
  businessDateParts,
  daysInMonth,
  isBusinessDate,
  parseBusinessDate,
} from './time/business-date.js';
export { addDays, daysBetween, endOfMonth } from './time/business-date-arithmetic.js';
export type { BusinessDateOfOptions } from './time/business-date-of.js';
export { businessDateOf } from './time/business-date-of.js';
export { compareBusinessDates, maxBusinessDate, minBusinessDate } from './time/business-date-order.js';
export {
  BUSINESS_DATE_RANGE,
  BUSINESS_DATE_RANGE_TEXT,
  isInBusinessDateRange,
  isNoDateMarker,
  isWritableBusinessDate,
  outOfRangeReason,
  parseWritableBusinessDate,
} from './time/business-date-range.js';
export type { FiscalCalendar, FiscalCalendarOptions } from './time/fiscal-calendar.js';
export { createFiscalCalendar, ukFiscalCalendar } from './time/fiscal-calendar.js';
export type { FiscalQuarter, FiscalQuarterNumber, FiscalYearBounds } from './time/fiscal-quarter.js';
export { isFiscalQuarterNumber } from './time/fiscal-quarter.js';
export type { FiscalYear, FiscalYearInput } from './time/fiscal-year.js';
export {
  compareIndicatorPeriods,
  financialYearOfPeriod,
  type IndicatorPeriod,
  type IndicatorPeriodKind,
  indicatorPeriodContains,
  isIndicatorPeriodLabel,
  nextIndicatorPeriod,
  parseIndicatorPeriod,
  previousIndicatorPeriod,
  samePeriodLastYear,
} from './time/indicator-period.js';
export { monthNumberOfName } from './time/month-names.js';
