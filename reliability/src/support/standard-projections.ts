import { auditTrailProjection } from '@perfledger/audit-trail';
import type { Projection } from '@perfledger/core';
import { quarterEndProjection } from '@perfledger/quarter-end';
import { slippageProjection } from '@perfledger/slippage';

/** The projections perfledger ships, which every crash scenario keeps up to date. */
export const standardProjections: readonly Projection[] = Object.freeze([
  quarterEndProjection,
  slippageProjection,
  auditTrailProjection,
]);
