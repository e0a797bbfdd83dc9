import { auditTrailProjection } from '@perfledger/audit-trail';
import type { Ledger, Projection } from '@perfledger/core';
import { indicatorProjection } from '@perfledger/indicators';
import { quarterEndProjection } from '@perfledger/quarter-end';
import { slippageProjection } from '@perfledger/slippage';
import type { CliIo } from './io.js';
import { progressFor } from './output/progress.js';

/**
 * The projections the CLI opens every ledger with: the ledger keeps them up to date on every
 * append (inline), and the query commands read them.
 *
 * @example
 * ```ts
 * const ledger = await openLedger({ file: 'plan.db', projections: standardProjections });
 * ```
 */
export const standardProjections: readonly Projection[] = Object.freeze([
  quarterEndProjection,
  slippageProjection,
  auditTrailProjection,
  indicatorProjection,
]);

/**
 * Brings a ledger's projections up to date (creating, resuming or rebuilding them as needed),
 * with a progress bar on a terminal: for a ledger opened with `projectionMode: 'catch-up'`.
 *
 * @example
 * ```ts
 * const ledger = await openLedger({ file: 'plan.db', projections: standardProjections, projectionMode: 'catch-up' });
 * await catchUpProjections(ledger, io);
 * ```
 */
export async function catchUpProjections(ledger: Ledger, io: CliIo): Promise<void> {
  const progress = progressFor(io, 'Updating projections');
  try {
    await ledger.projections.catchUp({ onProgress: ({ done, total }) => progress.update(done, total) });
  } finally {
    progress.stop();
  }
}
