// An OS process that rebuilds or catches up the standard projections, logging each committed
// batch, so a scenario can kill it part-way through; see scenarios/crash-projections.ts.

import { openLedger } from '@perfledger/sqlite';
import { AckWriter } from '../support/ack-log.js';
import { standardProjections } from '../support/standard-projections.js';
import type { ProjectionWorkerConfig } from '../support/worker-configs.js';
import { waitForGo } from '../support/worker-main.js';

const config = JSON.parse(process.argv[2] ?? '{}') as ProjectionWorkerConfig;
const log = new AckWriter(config.log);
// 'catch-up' so that opening does nothing to the projections: the work below is what may be killed.
const ledger = await openLedger({
  file: config.file,
  busyTimeoutMs: 60_000,
  projections: standardProjections,
  projectionMode: 'catch-up',
});
log.write({ k: 'ready', pid: process.pid });
await waitForGo();
const onProgress = ({ done, total }: { done: number; total: number }) =>
  log.write({ k: 'progress', done, total });
try {
  const options = { onProgress, ...(config.batchSize === undefined ? {} : { batchSize: config.batchSize }) };
  if (config.mode === 'rebuild') await ledger.projections.rebuild(undefined, options);
  else await ledger.projections.catchUp(options);
  log.write({ k: 'done', batches: 0, conflicts: 0, replays: 0 });
} catch (error) {
  const e = error as { name?: string; code?: string; message?: string };
  log.write({ k: 'error', b: null, name: String(e.name), code: e.code ?? null, message: String(e.message) });
}
await ledger.close();
log.close();
process.disconnect?.();
