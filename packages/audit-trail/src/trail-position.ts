import type { AsOf, Ledger } from '@perfledger/core';
import { auditTrailProjection } from './audit-trail-projection.js';

/**
 * The global position a read of the trail is pinned to: what `knownAt` resolves to (the head
 * when omitted; a position beyond the head means everything, like an instant in the future),
 * after checking the `audit` projection reflects the log at least that far.
 * A read then filters `position <= upTo`, so it is stable while others append.
 *
 * @throws ValidationError for a malformed `knownAt`.
 * @throws ProjectionNotReadyError when the audit table is missing, outdated, rebuilding or behind.
 * @example
 * ```ts
 * const upTo = await trailPosition(ledger, '2020-01-20T10:00:00Z');
 * ```
 */
export async function trailPosition(ledger: Ledger, knownAt: AsOf['knownAt']): Promise<number> {
  const resolved = await ledger.resolveAsOf(knownAt === undefined ? {} : { knownAt });
  const upTo =
    knownAt === undefined ? resolved.upTo : Math.min(resolved.upTo, (await ledger.head()).position);
  await ledger.projections.require(auditTrailProjection.name, upTo);
  return upTo;
}
