import { describe, expect, inject, it } from 'vitest';
import { postgresStore } from '../postgres-store-factory.js';
import { dropLedger, uniqueLedgerName } from '../testing/test-server.js';
import { runWorker, type WorkerAck, type WorkerPlan } from './append-worker.js';
import { type LedgerSummary, oneTo, range, spawnWorker, summarise } from './load-support.js';

const url = inject('postgresServer');

const SHARED = 'action:SHARED';
const APPENDS = 12;
const BATCH = 3;

/** Runs plans as child processes and (for `inProcess`) on connections of this process, all at once. */
async function runAll(
  processes: readonly WorkerPlan[],
  inProcess: readonly WorkerPlan[],
): Promise<Map<number, WorkerAck[]>> {
  const runs = processes.map((plan) => spawnWorker(plan));
  const local = inProcess.map(async (plan) => {
    const acks: WorkerAck[] = [];
    await runWorker(plan, (line) => {
      if ('key' in line) acks.push(line);
    });
    return { worker: plan.worker, acks };
  });
  const byWorker = new Map<number, WorkerAck[]>();
  for (const [i, run] of runs.entries()) {
    const { code, stderr, acks } = await run.exited;
    expect(stderr, `worker ${processes[i]!.worker}`).toBe('');
    expect(code).toBe(0);
    byWorker.set(processes[i]!.worker, acks);
  }
  for (const done of await Promise.all(local)) byWorker.set(done.worker, done.acks);
  return byWorker;
}

/** Everything the tests demand of a ledger that `acks` were appended to, `plans` being all its workers. */
function expectWhole(
  summary: LedgerSummary,
  plans: readonly WorkerPlan[],
  acks: Map<number, WorkerAck[]>,
): void {
  const appended = plans.length * APPENDS;
  // Nothing lost or duplicated: every append is there once, with all its events.
  expect(summary.events).toBe(appended * BATCH);
  expect(summary.headPosition).toBe(summary.events);
  expect(summary.gapFree).toBe(true);
  expect(summary.verify).toMatchObject({ ok: true });
  expect(summary.keys.size).toBe(appended);
  for (const plan of plans) {
    const mine = acks.get(plan.worker)!;
    // Every fifth append was sent twice: the repeat was replayed, with the first one's positions.
    expect(mine.filter((ack) => !ack.replayed)).toHaveLength(APPENDS);
    expect(mine.filter((ack) => ack.replayed)).toHaveLength(Math.floor(APPENDS / 5));
    for (const ack of mine) {
      expect(summary.keys.get(ack.key), ack.key).toEqual(range(ack.first, ack.last));
      expect(ack.last - ack.first + 1).toBe(BATCH);
    }
    expect(summary.streams.get(`action:W${plan.worker}`)).toEqual(oneTo(APPENDS * (BATCH - 1)));
  }
  // The shared stream's exact expected versions held under contention: versions 1…n, no repeat.
  expect(summary.streams.get(SHARED)).toEqual(oneTo(appended));
}

describe.skipIf(url === null)('several processes and connections on one PostgreSQL server', () => {
  it('appending to one ledger at once lose nothing, duplicate nothing, and keep positions gap-free', async () => {
    const ledger = uniqueLedgerName('load_one');
    try {
      const plan = (worker: number): WorkerPlan => ({
        url: url!,
        ledger,
        worker,
        appends: APPENDS,
        batch: BATCH,
        shared: SHARED,
      });
      const processes = [1, 2, 3].map(plan);
      const local = [4, 5].map(plan);
      // A catch-up reader polls from its checkpoint all the while, as a projection would: with
      // positions committed in order it sees every event once, in order, never one behind its
      // checkpoint (the skipped-event failure of sequence-numbered stores).
      await (await postgresStore({ connectionString: url!, ledger })).close();
      const reader = await postgresStore({ connectionString: url!, ledger, readonly: true });
      let writing = true;
      const seen: number[] = [];
      const polling = (async () => {
        while (writing || seen.length < processes.length * APPENDS * BATCH + local.length * APPENDS * BATCH) {
          const before = seen.length;
          for await (const batch of reader.readAllBatches({ after: seen.length, batchSize: 7 })) {
            for (const event of batch) seen.push(event.position);
          }
          if (!writing && seen.length === before) break;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      let seenWhileWriting = 0;
      const acks = await runAll(processes, local).finally(() => {
        writing = false;
        seenWhileWriting = seen.length;
      });
      await polling;
      await reader.close();
      const summary = await summarise(url!, ledger);
      expectWhole(summary, [...processes, ...local], acks);
      expect(seen).toEqual(oneTo(summary.events));
      expect(seenWhileWriting).toBeGreaterThan(0);
      // They really ran at the same time: someone lost a race on the shared stream and retried.
      const conflicts = [...acks.values()].flat().reduce((sum, ack) => sum + ack.conflicts, 0);
      expect(conflicts).toBeGreaterThan(0);
    } finally {
      await dropLedger(url!, ledger);
    }
  });

  it('appending to different ledgers at once keep each ledger whole and independent', async () => {
    const ledgers = [uniqueLedgerName('load_a'), uniqueLedgerName('load_b')];
    try {
      const plans = ledgers.map((ledger, l) =>
        [1, 2, 3].map(
          (n): WorkerPlan => ({
            url: url!,
            ledger,
            worker: l * 10 + n,
            appends: APPENDS,
            batch: BATCH,
            shared: SHARED,
          }),
        ),
      );
      // Two processes and one in-process connection per ledger, all six at once.
      const acks = await runAll(
        plans.flatMap((p) => p.slice(0, 2)),
        plans.map((p) => p[2]!),
      );
      const summaries = await Promise.all(ledgers.map((ledger) => summarise(url!, ledger)));
      for (const [l, summary] of summaries.entries()) {
        expectWhole(summary, plans[l]!, acks);
        // Nothing of the other ledger's workers is visible here.
        const foreign = plans[1 - l]!.map((p) => `action:W${p.worker}`);
        for (const stream of foreign) expect(summary.streams.has(stream)).toBe(false);
      }
      // Own positions and chains: both start at 1, and the heads differ.
      expect(summaries[0]!.verify).not.toEqual(summaries[1]!.verify);
    } finally {
      for (const ledger of ledgers) await dropLedger(url!, ledger);
    }
  });
});
