import { describe, expect, it } from 'vitest';
import { runCrashDuringAppends } from './scenarios/crash-appends.js';
import { runCrashDuringProjections } from './scenarios/crash-projections.js';

// Writers and projection runs are SIGKILLed at random moments; the counts are small here and
// larger in `npm run stress`. The log must be exactly the acknowledged appends plus, per killed
// writer, at most its one batch in flight, whole; projections must resume and equal a rebuild.

describe('a writer killed during batch appends (with inline projections)', () => {
  it('leaves exactly the acknowledged batches, plus its batch in flight whole or absent', async () => {
    const report = await runCrashDuringAppends({
      rounds: 3,
      writersPerRound: 2,
      batchesPerWriter: 25,
      maxBatch: 25,
      seed: 31,
    });
    expect(report.problems).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.kills).toBeGreaterThan(0);
    // Every batch in flight was retried with its idempotency key and landed exactly once.
    expect(report.retriedReplayed + report.retriedWritten).toBeLessThanOrEqual(report.kills);
    expect(report.projectionRows).toBeGreaterThan(0);
  });
});

describe('a process killed during a projection run', () => {
  it('during rebuild(): start() resumes it, and it equals a clean rebuild row for row', async () => {
    const report = await runCrashDuringProjections({
      mode: 'rebuild',
      rounds: 3,
      events: 1200,
      batchSize: 40,
      concurrentWriter: false,
      seed: 41,
    });
    expect(report.problems).toEqual([]);
    expect(report.kills).toBeGreaterThan(0);
    expect(report.interrupted).toBeGreaterThan(0);
  });

  it('during catchUp() while another process appends: it resumes and equals a clean rebuild', async () => {
    const report = await runCrashDuringProjections({
      mode: 'catch-up',
      rounds: 3,
      events: 1200,
      batchSize: 40,
      concurrentWriter: true,
      seed: 43,
    });
    expect(report.problems).toEqual([]);
    expect(report.kills).toBeGreaterThan(0);
    expect(report.interrupted).toBeGreaterThan(0);
  });
});
