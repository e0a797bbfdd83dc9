import { auditTrailProjection } from '@perfledger/audit-trail';
import { type Ledger, type Projection, ProjectionRunner } from '@perfledger/core';
import { quarterEndProjection } from '@perfledger/quarter-end';
import { slippageProjection } from '@perfledger/slippage';
import type { CliIo } from './io.js';
import { progressFor } from './output/progress.js';

/** The projections the CLI maintains in every ledger it writes to. */
export const standardProjections: readonly Projection[] = Object.freeze([
  quarterEndProjection,
  slippageProjection,
  auditTrailProjection,
]);

/**
 * Brings the standard projections up to date (creating, resuming or rebuilding them as needed,
 * with a progress bar on a terminal) and keeps them in step with every later append, inline.
 */
export function startProjections(ledger: Ledger, io: CliIo): ProjectionRunner {
  const runner = new ProjectionRunner(ledger, standardProjections);
  const progress = progressFor(io, 'Updating projections');
  try {
    runner.start({ onProgress: ({ done, total }) => progress.update(done, total) });
  } finally {
    progress.stop();
  }
  return runner;
}
