import { LedgerError } from '@perfledger/core';

/**
 * The `quarter_end` projection has not processed the events a query needs: it was never run on
 * this file, its version is outdated, or it is behind the log. Run
 * `new ProjectionRunner(ledger, [quarterEndProjection]).start()` (or `catchUp()`) first.
 *
 * @example
 * ```ts
 * try { quarterEndView(ledger, { fy: '2023/24', quarter: 3 }); }
 * catch (e) { if (e instanceof QuarterEndNotReadyError) runner.catchUp(); }
 * ```
 */
export class QuarterEndNotReadyError extends LedgerError {
  /** The projection's name, `quarter_end`. */
  readonly projection = 'quarter_end';
  /** The position the query needs the projection to have reached. */
  readonly required: number;
  /** Where the projection is, or null when it has never been set up (or is an older version). */
  readonly position: number | null;

  constructor(required: number, position: number | null) {
    super(
      'PROJECTION_NOT_READY',
      position === null
        ? `The quarter_end projection is not set up on this ledger (or is outdated); start a ProjectionRunner with quarterEndProjection first.`
        : `The quarter_end projection is at position ${position} but the query needs ${required}; run the ProjectionRunner's catchUp() first.`,
    );
    this.required = required;
    this.position = position;
  }
}
