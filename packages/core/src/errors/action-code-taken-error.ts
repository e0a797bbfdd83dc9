import { RuleViolationError } from './domain-errors.js';

/**
 * A `RegisterAction` names a code that differs only in case from an action already registered
 * (`dc02` when `DC02` exists): codes are compared ignoring case, so it would be a second action
 * under the same name. Nothing was written; send the command to the existing code instead.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof ActionCodeTakenError) console.log(`use ${e.existingCode}`); }
 * ```
 */
export class ActionCodeTakenError extends RuleViolationError {
  constructor(
    /** The code the command tried to register. */
    readonly actionCode: string,
    /** The code already registered, as it was spelled then. */
    readonly existingCode: string,
  ) {
    super(
      'ACTION_ALREADY_REGISTERED',
      `Action '${actionCode}' cannot be registered: '${existingCode}' is already registered, and codes are compared ignoring case. Use '${existingCode}'.`,
    );
  }
}
