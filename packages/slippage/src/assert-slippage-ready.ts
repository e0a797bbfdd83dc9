import { type Ledger, ProjectionRunner } from '@perfledger/core';
import { SlippageNotReadyError } from './slippage-not-ready-error.js';
import { slippageProjection } from './slippage-projection.js';

/**
 * Refuses to answer from tables that are missing, of another version, or behind `required`:
 * a silently stale slippage report is worse than an error. Reads the runner's checkpoint table.
 *
 * @throws SlippageNotReadyError
 * @example
 * ```ts
 * assertSlippageReady(ledger.store.database, ledger.head().position);
 * ```
 */
export function assertSlippageReady(ledger: Ledger, required: number): void {
  const { name, version } = slippageProjection;
  const [status] = new ProjectionRunner(ledger, [slippageProjection]).status();
  if (status === undefined || status.state === 'missing') {
    throw new SlippageNotReadyError(name, null, required, 'has not been set up on this ledger');
  }
  if (status.state === 'outdated') {
    throw new SlippageNotReadyError(
      name,
      null,
      required,
      `was built by version ${status.storedVersion}, not ${version}, and must be rebuilt`,
    );
  }
  if (status.position < required) {
    throw new SlippageNotReadyError(
      name,
      status.position,
      required,
      `has reached position ${status.position} but the query needs ${required}`,
    );
  }
}
