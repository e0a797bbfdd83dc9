import { LedgerError } from '@perfledger/core';

/**
 * The slippage tables cannot answer for the requested basis: the projection has never been run
 * on this ledger, was built by another version of it, or has not caught up to the position the
 * query needs. Start a `ProjectionRunner` with `slippageProjection` (or call `catchUp()`).
 *
 * @example
 * ```ts
 * try {
 *   slippageReport(ledger);
 * } catch (error) {
 *   if (error instanceof SlippageNotReadyError) new ProjectionRunner(ledger, [slippageProjection]).start();
 * }
 * ```
 */
export class SlippageNotReadyError extends LedgerError {
  /** The projection's name: `slippage`. */
  readonly projection: string;
  /** The position its tables have reached; null when it has never run (or another version ran). */
  readonly position: number | null;
  /** The position the query needed. */
  readonly required: number;

  constructor(projection: string, position: number | null, required: number, detail: string) {
    super(
      'PROJECTION_NOT_READY',
      `The '${projection}' projection ${detail}; start a ProjectionRunner with it (or call catchUp()) before querying.`,
    );
    this.projection = projection;
    this.position = position;
    this.required = required;
  }
}
