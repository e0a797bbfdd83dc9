import { LedgerError } from './ledger-error.js';

/**
 * A command named an action the ledger has never registered (or had not, at the date it is effective on).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof UnknownActionError) console.log(`no action ${e.actionCode}`); }
 * ```
 */
export class UnknownActionError extends LedgerError {
  constructor(readonly actionCode: string) {
    super('UNKNOWN_ACTION', `No action with code '${actionCode}' is registered.`);
  }
}

/**
 * A command named an indicator the ledger has never registered.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof UnknownIndicatorError) console.log(`no indicator ${e.indicatorCode}`); }
 * ```
 */
export class UnknownIndicatorError extends LedgerError {
  constructor(readonly indicatorCode: string) {
    super('UNKNOWN_INDICATOR', `No indicator with code '${indicatorCode}' is registered.`);
  }
}

/**
 * A command other than reopen, comment or due-date correction was sent to a closed action.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof ActionClosedError) console.log(`${e.actionCode} is closed; reopen it first`); }
 * ```
 */
export class ActionClosedError extends LedgerError {
  constructor(
    readonly actionCode: string,
    readonly commandType: string,
  ) {
    super(
      'ACTION_CLOSED',
      `Action '${actionCode}' is closed; only ReopenAction, AddComment, CorrectDueDate and RecordReturn are accepted, not ${commandType}.`,
    );
  }
}

/**
 * The stable codes of the business rules a command can break.
 *
 * @example
 * ```ts
 * if (error instanceof RuleViolationError && error.rule === 'EFFECTIVE_BEFORE_REGISTRATION') ...
 * ```
 */
export type RuleCode =
  | 'ACTION_ALREADY_REGISTERED'
  | 'EFFECTIVE_BEFORE_REGISTRATION'
  | 'UNKNOWN_STATUS_VALUE'
  | 'DUE_DATE_UNCHANGED'
  | 'ACTION_NOT_CLOSED'
  | 'TIMELINE_CONFLICT'
  | 'DUE_DATE_OUT_OF_RANGE'
  | 'RETURN_NOT_AT_QUARTER_END'
  | 'RETURN_NOT_SUBMITTED'
  | 'RETURN_ALREADY_APPROVED'
  | 'APPROVER_IS_SUBMITTER'
  | 'SIGN_OFF_NEEDS_ACTOR'
  // Indicators
  | 'INDICATOR_ALREADY_REGISTERED'
  | 'INDICATOR_CODE_TAKEN'
  | 'INDICATOR_PERIOD_MISMATCH'
  | 'INDICATOR_VALUE_MISMATCH'
  | 'INDICATOR_VALUE_ALREADY_RECORDED'
  | 'INDICATOR_VALUE_NOT_RECORDED'
  | 'INDICATOR_VALUE_UNCHANGED'
  | 'INDICATOR_TARGET_MISMATCH'
  | 'INDICATOR_REVISION_NEEDS_REASON';

/**
 * A command is well formed but breaks a business rule, named by `rule`. Nothing was written.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof RuleViolationError) console.log(e.rule, e.message); }
 * ```
 */
export class RuleViolationError extends LedgerError {
  constructor(
    readonly rule: RuleCode,
    message: string,
  ) {
    super('RULE_VIOLATION', message);
  }
}
