import type { SqlDatabase } from '@perfledger/core';
import { SlippageNotReadyError } from './slippage-not-ready-error.js';
import { slippageProjection } from './slippage-projection.js';

interface CheckpointRow {
  readonly version: number;
  readonly position: number;
}

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
export function assertSlippageReady(db: SqlDatabase, required: number): void {
  const { name, version } = slippageProjection;
  const checkpoint = db
    .prepare('SELECT version, position FROM projection_checkpoints WHERE name = ?')
    .get(name) as CheckpointRow | undefined;
  if (checkpoint === undefined) {
    throw new SlippageNotReadyError(name, null, required, 'has not been set up on this ledger');
  }
  if (checkpoint.version !== version) {
    throw new SlippageNotReadyError(
      name,
      null,
      required,
      `was built by version ${checkpoint.version}, not ${version}, and must be rebuilt`,
    );
  }
  if (checkpoint.position < required) {
    throw new SlippageNotReadyError(
      name,
      checkpoint.position,
      required,
      `has reached position ${checkpoint.position} but the query needs ${required}`,
    );
  }
}
