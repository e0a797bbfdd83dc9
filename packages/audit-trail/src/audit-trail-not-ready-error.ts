import { LedgerError } from '@perfledger/core';

/**
 * The audit table does not yet hold the events a query needs: the projection was never built,
 * was built by another version, or is behind the log (catch-up mode, or a rebuild in progress).
 * Answering from it would silently leave changes out of an audit, so queries refuse instead.
 *
 * @example
 * ```ts
 * try {
 *   queryTrail(ledger, { code: 'DEM1518_02' });
 * } catch (error) {
 *   if (error instanceof AuditTrailNotReadyError) new ProjectionRunner(ledger, [auditTrailProjection]).start();
 * }
 * ```
 */
export class AuditTrailNotReadyError extends LedgerError {
  /** The last position the table reflects (0 when it was never built). */
  readonly projectedTo: number;
  /** The position the query needed it to reflect. */
  readonly required: number;

  constructor(projectedTo: number, required: number, detail: string) {
    super(
      'PROJECTION_NOT_READY',
      `The audit trail projection ${detail} (at position ${projectedTo}, needs ${required}). ` +
        'Run new ProjectionRunner(ledger, [auditTrailProjection]).start() on a writable ledger first.',
    );
    this.projectedTo = projectedTo;
    this.required = required;
  }
}
