import { type Ledger, ProjectionRunner, ValidationError } from '@perfledger/core';
import { AuditTrailNotReadyError } from './audit-trail-not-ready-error.js';
import { auditTrailProjection } from './audit-trail-projection.js';

/**
 * What the ledger knew when the question is asked: at a recorded time (ISO instant) or after
 * the first N events (`{ position: N }`). Omitted: everything now known.
 *
 * @example
 * ```ts
 * const basis: TrailBasis = { knownAt: '2019-08-05T10:00:00Z' }; // as known when the Q1 report went out
 * ```
 */
export interface TrailBasis {
  readonly knownAt?: string | { readonly position: number };
}

/**
 * The global position a basis stands for, after checking the audit table reflects the log at
 * least that far. Throws ValidationError for a malformed basis and
 * {@link AuditTrailNotReadyError} when the table is missing or behind.
 */
export function resolveTrailPosition(ledger: Ledger, basis: TrailBasis | undefined): number {
  if (basis !== undefined && (typeof basis !== 'object' || basis === null)) {
    throw new ValidationError('basis must be an object such as { knownAt: "2024-01-15T09:00:00Z" }.', [
      { path: ['basis'], message: 'must be an object' },
    ]);
  }
  const head = ledger.head().position;
  // Positions beyond the head mean "everything", like an instant in the future.
  const position = basis?.knownAt === undefined ? head : Math.min(ledger.positionAt(basis.knownAt), head);
  const [status] = new ProjectionRunner(ledger, [auditTrailProjection]).status();
  if (status === undefined || status.state === 'missing') {
    throw new AuditTrailNotReadyError(0, position, 'has not been built');
  }
  if (status.state === 'outdated') {
    throw new AuditTrailNotReadyError(
      status.position,
      position,
      `was built by version ${status.storedVersion}`,
    );
  }
  if (status.position < position)
    throw new AuditTrailNotReadyError(status.position, position, 'is behind the log');
  return position;
}
