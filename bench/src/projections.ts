import { auditTrailProjection } from '@perfledger/audit-trail';
import type { Projection } from '@perfledger/core';
import { quarterEndProjection } from '@perfledger/quarter-end';
import { slippageProjection } from '@perfledger/slippage';

/** The three projections perfledger ships: what `rebuild` rebuilds and reports read. */
export function allProjections(): Projection[] {
  return [quarterEndProjection, slippageProjection, auditTrailProjection];
}
