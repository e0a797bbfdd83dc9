import { join } from 'node:path';
import { ConcurrencyError } from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { runConcurrentWriters, runCreationRace } from './scenarios/concurrent-writers.js';
import { assertRefused } from './support/assert-refused.js';
import { makeTempDir, removeDir } from './support/database-files.js';

// Several OS processes append to one file at once; the counts are small here and larger in
// `npm run stress`. Every acknowledged append must be in the log exactly once, positions and
// stream versions gap-free, the chain verified, and conflicts only ever ConcurrencyError.
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

describe('concurrent writers in separate processes', () => {
  it('lose and duplicate nothing, and see conflicts only as ConcurrencyError', async () => {
    const report = await runConcurrentWriters({
      writers: 4,
      batchesPerWriter: 60,
      maxBatch: 5,
      seed: 20_240_601,
      raceWindowMs: 5,
    });
    expect(report.problems).toEqual([]);
    // Not even LEDGER_BUSY: with a generous busy timeout, writers wait their turn.
    expect(report.errors).toEqual([]);
    expect(report.conflicts).toBeGreaterThan(0);
    expect(report.replays).toBeGreaterThan(0);
    expect(report.batches).toBe(4 * 60 - report.replays);
  });

  it('create a new ledger file together: one initialises it, all append', async () => {
    const report = await runCreationRace({ processes: 4, batches: 3, seed: 7 });
    expect(report.problems).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.events).toBeGreaterThanOrEqual(4 * 3);
  });
});

describe('a conflicting append', () => {
  it('fails with ConcurrencyError carrying expected and actual, and writes nothing', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const file = join(dir, 'ledger.db');
    const first = await openLedger({ file });
    const second = await openLedger({ file });
    try {
      const event = { type: 'CommentAdded', effectiveOn: '2024-04-01', data: { comment: 'first' } } as const;
      await first.append('report:notes', [event as never], { expectedVersion: 'no-stream' });
      const seen = await second.store.streamVersion('report:notes');
      await first.append('report:notes', [event as never], { expectedVersion: seen });
      const error = await assertRefused(
        file,
        async () => await second.append('report:notes', [event as never], { expectedVersion: seen }),
      );
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({
        code: 'CONCURRENCY_CONFLICT',
        stream: 'report:notes',
        expected: 1,
        actual: 2,
      });
    } finally {
      await first.close();
      await second.close();
    }
  });
});
