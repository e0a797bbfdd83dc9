import { LedgerError } from './ledger-error.js';

/**
 * A read needs a projection that is not ready for the point it asks about: not registered with
 * this ledger, never built here, of another version, interrupted in a rebuild, or behind the
 * position the read is pinned to. Nothing was read. `position` is where the projection stands
 * (0 when it has no checkpoint), `required` the position the read needs.
 *
 * @example
 * ```ts
 * try { await quarterEndView(ledger, { fy: '2023/24', quarter: 3 }); }
 * catch (e) { if (e instanceof ProjectionNotReadyError) await ledger.projections.catchUp(); }
 * ```
 */
export class ProjectionNotReadyError extends LedgerError {
  declare readonly code: 'PROJECTION_NOT_READY';
  /** The projection's name, such as `quarter_end`. */
  readonly projection: string;
  /** The position its stored checkpoint has reached (0 when it has none). */
  readonly position: number;
  /** The position the read needs it to have reached. */
  readonly required: number;

  constructor(projection: string, position: number, required: number, reason: string) {
    super(
      'PROJECTION_NOT_READY',
      `Projection '${projection}' is not ready: ${reason} (at position ${position}, the read needs ${required}). ` +
        'Open the ledger with it in `projections` (it is then kept up to date), or run `perfledger rebuild`.',
    );
    this.projection = projection;
    this.position = position;
    this.required = required;
  }
}
