import { join } from 'node:path';
import { openLedger } from '@perfledger/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from './support/database-files.js';
import { dumpProjections, resumeAndCompare } from './support/projection-tables.js';
import { seededRandom } from './support/random.js';
import { standardProjections } from './support/standard-projections.js';
import { sharedActionCommands, Workload } from './support/workload.js';

// Regression tests for a bug these scenarios found: ProjectionRunner.catchUp read each checkpoint
// once, before its loop, so two processes catching up the same file applied the same events
// twice (duplicate rows, or a raw UNIQUE-constraint SqliteError from the audit trail). Two
// connections in one process, interleaved through onProgress, reproduce it deterministically.
//
// On the async API the two connections share the file's connection lock (writable stores of one
// file in one process do, see packages/sqlite/src/shared-connection-lock.ts): the second waits its
// turn asynchronously instead of blocking the thread in SQLite's busy wait.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

async function preparedFile(events: number): Promise<string> {
  const dir = makeTempDir();
  dirs.push(dir);
  const file = join(dir, 'ledger.db');
  const ledger = await openLedger({ file, durability: 'normal' });
  await ledger.executeAll(sharedActionCommands(), { correlationId: 'setup-shared' });
  // Build the projections once, then let them fall behind: the appends below do not apply them.
  const builder = await openLedger({ file, projections: standardProjections, projectionMode: 'catch-up' });
  await builder.projections.catchUp();
  await builder.close();
  const workload = new Workload('RACE', seededRandom(5));
  for (let batch = 1; (await ledger.head()).position < events; batch++) {
    await ledger.executeAll(workload.batch(`setup-${batch}`, 10), { correlationId: `setup-${batch}` });
  }
  await ledger.close();
  return file;
}

describe('projections caught up by two processes at once', () => {
  it('apply each event once when the catch-ups interleave', async () => {
    const file = await preparedFile(200);
    const first = await openLedger({ file, projections: standardProjections, projectionMode: 'catch-up' });
    const second = await openLedger({ file, projections: standardProjections, projectionMode: 'catch-up' });
    try {
      let interleaved: Promise<number> | undefined;
      await first.projections.catchUp({
        batchSize: 20,
        onProgress: () => {
          // The other process starts catching everything up between two of first's batches.
          interleaved ??= second.projections.catchUp({ batchSize: 20 });
        },
      });
      expect(interleaved).toBeDefined();
      await interleaved;
    } finally {
      await first.close();
      await second.close();
    }
    const comparison = await resumeAndCompare(file, 'catch-up');
    expect(comparison.differences).toEqual([]);
    expect(comparison.notReady).toEqual([]);
  });

  it('leave a projection that another process reset to that process, instead of skipping events', async () => {
    const file = await preparedFile(200);
    const first = await openLedger({ file, projections: standardProjections, projectionMode: 'catch-up' });
    const second = await openLedger({ file, projections: standardProjections, projectionMode: 'catch-up' });
    try {
      let batches = 0;
      let dying: Promise<number> | undefined;
      await first.projections.catchUp({
        batchSize: 20,
        onProgress: () => {
          batches += 1;
          // Another process starts rebuilding the audit trail from scratch while first is
          // half-way, and dies after its first batch: first must neither carry on from where it
          // was (skipping the events in between) nor mark the projection ready.
          if (batches !== 3) return;
          dying = second.projections.rebuild(['audit'], {
            batchSize: 20,
            onProgress: () => {
              throw new Error('the other process dies');
            },
          });
        },
      });
      await expect(dying).rejects.toThrow('the other process dies');
      const audit = (await first.projections.status()).find((status) => status.name === 'audit');
      expect(audit).toMatchObject({ state: 'rebuilding', position: expect.any(Number) });
      expect(audit?.position).toBeLessThan((await first.head()).position);
      expect(dumpProjections(first).audit_trail?.length).toBeGreaterThan(0);
    } finally {
      await first.close();
      await second.close();
    }
    const comparison = await resumeAndCompare(file, 'catch-up');
    expect(comparison.differences).toEqual([]);
    expect(comparison.notReady).toEqual([]);
  });
});
