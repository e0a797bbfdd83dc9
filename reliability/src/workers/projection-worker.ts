// An OS process that rebuilds or catches up the standard projections, logging each committed
// batch, so a scenario can kill it part-way through; see scenarios/crash-projections.ts.
import { openLedger, ProjectionRunner } from '@perfledger/core';
import { AckWriter } from '../support/ack-log.js';
import { standardProjections } from '../support/standard-projections.js';
import type { ProjectionWorkerConfig } from '../support/worker-configs.js';
import { waitForGo } from '../support/worker-main.js';

const config = JSON.parse(process.argv[2] ?? '{}') as ProjectionWorkerConfig;
const log = new AckWriter(config.log);
const ledger = openLedger({ file: config.file, busyTimeoutMs: 60_000 });
const runner = new ProjectionRunner(ledger, standardProjections, {
  mode: config.mode === 'catch-up' ? 'catch-up' : 'inline',
  batchSize: config.batchSize,
});
log.write({ k: 'ready', pid: process.pid });
await waitForGo();
const onProgress = ({ done, total }: { done: number; total: number }) =>
  log.write({ k: 'progress', done, total });
try {
  if (config.mode === 'rebuild') runner.rebuild(undefined, { onProgress });
  else runner.catchUp({ onProgress });
  log.write({ k: 'done', batches: 0, conflicts: 0, replays: 0 });
} catch (error) {
  const e = error as { name?: string; code?: string; message?: string };
  log.write({ k: 'error', b: null, name: String(e.name), code: e.code ?? null, message: String(e.message) });
}
ledger.close();
log.close();
process.disconnect?.();
