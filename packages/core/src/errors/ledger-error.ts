import type { LedgerErrorCode } from './ledger-error-code.js';

/**
 * The base of every error perfledger throws, from any package. `code` is stable: match on it, not
 * on the message.
 *
 * @example
 * ```ts
 * try {
 *   await ledger.execute(command);
 * } catch (error) {
 *   if (error instanceof LedgerError && error.code === 'CONCURRENCY_CONFLICT') retry();
 * }
 * ```
 */
export class LedgerError extends Error {
  /** A stable, machine-readable code such as `VALIDATION_FAILED`. */
  readonly code: LedgerErrorCode;

  constructor(code: LedgerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
