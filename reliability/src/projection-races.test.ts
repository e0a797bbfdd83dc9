import { join } from 'node:path';
import { openLedger, ProjectionRunner } from '@perfledger/core';
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

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function preparedFile(events: number): string {
  const dir = makeTempDir();
  dirs.push(dir);
  const file = join(dir, 'ledger.db');
  const ledger = openLedger({ file, durability: 'normal' });
  ledger.executeAll(sharedActionCommands(), { correlationId: 'setup-shared' });
  const runner = new ProjectionRunner(ledger, standardProjections, { mode: 'catch-up' });
  runner.start();
  const workload = new Workload('RACE', seededRandom(5));
  for (let batch = 1; ledger.head().position < events; batch++) {
    ledger.executeAll(workload.batch(`setup-${batch}`, 10), { correlationId: `setup-${batch}` });
  }
  ledger.close();
  return file;
}

describe('projections caught up by two processes at once', () => {
  it('apply each event once when the catch-ups interleave', () => {
    const file = preparedFile(200);
    const first = openLedger({ file });
    const second = openLedger({ file });
    try {
      const a = new ProjectionRunner(first, standardProjections, { mode: 'catch-up', batchSize: 20 });
      const b = new ProjectionRunner(second, standardProjections, { mode: 'catch-up', batchSize: 20 });
      let interleaved = false;
      a.catchUp({
        onProgress: () => {
          if (interleaved) return;
          interleaved = true;
          b.catchUp(); // the other process catches everything up between two of a's batches
        },
      });
      expect(interleaved).toBe(true);
    } finally {
      first.close();
      second.close();
    }
    const comparison = resumeAndCompare(file, 'catch-up');
    expect(comparison.differences).toEqual([]);
    expect(comparison.notReady).toEqual([]);
  });

  it('leave a projection that another process reset to that process, instead of skipping events', () => {
    const file = preparedFile(200);
    const first = openLedger({ file });
    const second = openLedger({ file });
    try {
      const a = new ProjectionRunner(first, standardProjections, { mode: 'catch-up', batchSize: 20 });
      const b = new ProjectionRunner(second, standardProjections, { mode: 'catch-up', batchSize: 20 });
      let batches = 0;
      a.catchUp({
        onProgress: () => {
          batches += 1;
          // Another process starts rebuilding the audit trail from scratch while a is half-way,
          // and dies after its first batch: a must neither carry on from where it was (skipping
          // the events in between) nor mark the projection ready.
          if (batches !== 3) return;
          expect(() =>
            b.rebuild(['audit'], {
              batchSize: 20,
              onProgress: () => {
                throw new Error('the other process dies');
              },
            }),
          ).toThrow('the other process dies');
        },
      });
      const audit = first.store.database
        .prepare("SELECT state, position FROM projection_checkpoints WHERE name = 'audit'")
        .get() as { state: string; position: number };
      expect(audit).toEqual({ state: 'rebuilding', position: expect.any(Number) });
      expect(audit.position).toBeLessThan(first.head().position);
      expect(dumpProjections(first).audit_trail?.length).toBeGreaterThan(0);
    } finally {
      first.close();
      second.close();
    }
    const comparison = resumeAndCompare(file, 'catch-up');
    expect(comparison.differences).toEqual([]);
    expect(comparison.notReady).toEqual([]);
  });
});
