import type { ChainBreak, VerifyResult } from '../chain/verify-result.js';
import { LedgerError } from './ledger-error.js';

/**
 * The ledger did not verify, so what was asked (publishing or reproducing a report, rebuilding
 * or catching up projections, `perfledger verify`) was refused. `chain` is the chain walk's
 * result and `break` its first break (kind, position and statement) when the chain is what
 * failed; a failure of signed checkpoints alone leaves `break` null.
 *
 * @example
 * ```ts
 * try {
 *   await publishReport(ledger, input);
 * } catch (error) {
 *   if (error instanceof VerificationFailedError && error.break) console.error(error.break.kind, error.break.position);
 * }
 * ```
 */
export class VerificationFailedError extends LedgerError {
  declare readonly code: 'VERIFICATION_FAILED';
  /** The chain walk's result, when a chain was walked. */
  readonly chain: VerifyResult | null;
  /** The first break in the chain; null when the chain itself verified (or was not walked). */
  readonly break: ChainBreak | null;

  constructor(message: string, chain: VerifyResult | null = null) {
    super('VERIFICATION_FAILED', message);
    this.chain = chain;
    this.break = chain !== null && !chain.ok ? chain.break : null;
  }
}
