export { ActionCodeTakenError } from './action-code-taken-error.js';
export { ClockJumpError } from './clock-jump-error.js';
export { ConcurrencyError } from './concurrency-error.js';
export {
  ActionClosedError,
  type RuleCode,
  RuleViolationError,
  UnknownActionError,
  UnknownIndicatorError,
} from './domain-errors.js';
export type { ExpectedVersion } from './expected-version.js';
export { LedgerError } from './ledger-error.js';
export type { LedgerErrorCode } from './ledger-error-code.js';
export { ProjectionNotReadyError } from './projection-not-ready-error.js';
export {
  LedgerBusyError,
  NotALedgerError,
  SchemaTooNewError,
  StorageError,
  UnknownSchemaVersionError,
} from './store-errors.js';
export { ValidationError, type ValidationIssue } from './validation-error.js';
export { VerificationFailedError } from './verification-failed-error.js';
export { validationErrorFromZod } from './zod-validation-error.js';
