import { join } from 'node:path';
import { openLedger } from '@perfledger/sqlite';
import { type AckLine, outcomeOf, readAckLog } from '../support/ack-log.js';
import { checkLog } from '../support/check-log.js';
import { makeTempDir, removeDir } from '../support/database-files.js';
import { killAfter, startWorker } from '../support/processes.js';
import { resumeAndCompare } from '../support/projection-tables.js';
import { seededRandom } from '../support/random.js';
import type { AppendWorkerConfig } from '../support/worker-configs.js';
import { sharedActionCommands } from '../support/workload.js';

/** How many rounds of kills, how many writers die in each, and how big their batches are. */
export interface CrashAppendsOptions {
  readonly rounds: number;
  readonly writersPerRound: number;
  readonly batchesPerWriter: number;
  readonly maxBatch: number;
  readonly seed: number;
}

/** What the kills hit and what the checks found; `problems` is empty when every guarantee held. */
export interface CrashAppendsReport {
  readonly kills: number;
  /** Writers that finished before their kill landed (the kill then proves nothing). */
  readonly finishedBeforeKill: number;
  /** In-flight batches found whole in the log after the kill (committed, ack lost). */
  readonly inFlightPresent: number;
  /** In-flight batches absent after the kill (rolled back). */
  readonly inFlightAbsent: number;
  /** In-flight batches retried with their idempotency key: replayed, or written once. */
  readonly retriedReplayed: number;
  readonly retriedWritten: number;
  readonly events: number;
  readonly projectionRows: number;
  readonly errors: readonly string[];
  readonly problems: readonly string[];
}

/**
 * Writers appending `executeAll` batches (with the standard projections inline) are SIGKILLed at
 * random moments, round after round, on one file. After each round the log must be exactly the
 * acknowledged batches plus, per killed writer, at most its batch in flight, whole. That batch
 * is then retried with its idempotency key (as a client would) and must land exactly once.
 * Finally the projections, resumed, must equal a clean rebuild.
 *
 * @example
 * ```ts
 * const report = await runCrashDuringAppends({ rounds: 3, writersPerRound: 2, batchesPerWriter: 40, maxBatch: 30, seed: 1 });
 * report.problems; // []
 * ```
 */
export async function runCrashDuringAppends(options: CrashAppendsOptions): Promise<CrashAppendsReport> {
  const dir = makeTempDir();
  const random = seededRandom(options.seed);
  try {
    const file = join(dir, 'ledger.db');
    const setup = await openLedger({ file });
    await setup.executeAll(sharedActionCommands(), { correlationId: 'setup-shared' });
    await setup.close();

    const acks: Extract<AckLine, { k: 'ack' }>[] = [];
    const inFlight: Extract<AckLine, { k: 'intent' }>[] = [];
    const problems: string[] = [];
    const errors: string[] = [];
    let kills = 0;
    let finishedBeforeKill = 0;
    let retriedReplayed = 0;
    let retriedWritten = 0;
    let inFlightPresent = 0;
    let inFlightAbsent = 0;
    let events = 0;
    for (let round = 1; round <= options.rounds; round++) {
      const configs: AppendWorkerConfig[] = Array.from({ length: options.writersPerRound }, (_, w) => ({
        file,
        log: join(dir, `round-${round}-writer-${w}.log`),
        prefix: `R${round}W${w}`,
        seed: options.seed * 10_000 + round * 100 + w,
        batches: options.batchesPerWriter,
        maxBatch: options.maxBatch,
        mix: { exec: 6, raw: 2, multi: 1, replay: 1 },
        durability: (round + w) % 2 === 0 ? 'full' : 'normal',
        busyTimeoutMs: 60_000,
        inlineProjections: true,
        shared: true,
        raceWindowMs: 0,
        ackDelayMs: 3,
      }));
      const workers = configs.map((config) => startWorker('append-worker', config));
      await Promise.all(workers.map((worker) => worker.ready));
      for (const worker of workers) worker.go();
      const killed = await Promise.all(
        workers.map((worker, w) =>
          killAfter(
            worker,
            configs[w]!.log,
            'ack',
            random.int(1, Math.max(1, options.batchesPerWriter - 2)),
            random.int(0, 8),
          ),
        ),
      );
      const exits = await Promise.all(workers.map((worker) => worker.exited));
      const roundInFlight: Extract<AckLine, { k: 'intent' }>[] = [];
      configs.forEach((config, w) => {
        const outcome = outcomeOf(readAckLog(config.log));
        if (killed[w]) kills += 1;
        else finishedBeforeKill += 1;
        if (!killed[w] && exits[w]!.code !== 0) {
          problems.push(
            `round ${round} writer ${w} exited with ${exits[w]!.code}: ${exits[w]!.stderr.slice(0, 300)}`,
          );
        }
        acks.push(...outcome.acks);
        for (const error of outcome.errors) errors.push(`${error.code ?? error.name}: ${error.message}`);
        for (const anomaly of outcome.anomalies)
          problems.push(`round ${round} writer ${w}: ${anomaly.message}`);
        if (outcome.inFlight !== undefined) roundInFlight.push(outcome.inFlight);
      });
      inFlight.push(...roundInFlight);

      const ledger = await openLedger({ file, busyTimeoutMs: 60_000 });
      try {
        const check = await checkLog(ledger, { acks, inFlight, setupPrefix: 'setup' });
        problems.push(...check.problems.map((p) => `after round ${round}: ${p}`));
        const present = new Set<string>();
        for await (const event of ledger.readAll()) {
          if (event.correlationId !== null) present.add(event.correlationId);
        }
        for (const intent of roundInFlight) {
          if (present.has(intent.b)) inFlightPresent += 1;
          else inFlightAbsent += 1;
          if (intent.cmds === undefined) continue;
          // The client retries the batch it never heard back about, with the same key.
          const result = await ledger.executeAll(intent.cmds, {
            correlationId: intent.b,
            actor: `worker ${intent.b.split('-')[0]}`,
            source: 'reliability',
            idempotencyKey: intent.b,
          });
          if (result.replayed) retriedReplayed += 1;
          else retriedWritten += 1;
          if (result.replayed !== present.has(intent.b)) {
            problems.push(
              `retry of ${intent.b}: replayed=${result.replayed}, but present=${present.has(intent.b)}`,
            );
          }
          acks.push({
            k: 'ack',
            b: intent.b,
            op: 'exec',
            first: result.firstPosition,
            last: result.lastPosition,
            ids: result.events.map((event) => event.eventId),
            replayed: result.replayed,
          });
        }
        const after = await checkLog(ledger, { acks, inFlight, setupPrefix: 'setup' });
        problems.push(...after.problems.map((p) => `after retries in round ${round}: ${p}`));
        events = after.events;
      } finally {
        await ledger.close();
      }
    }
    const comparison = await resumeAndCompare(file, 'inline');
    problems.push(
      ...comparison.differences,
      ...comparison.notReady.map((n) => `not ready after resuming: ${n}`),
    );
    return {
      kills,
      finishedBeforeKill,
      inFlightPresent,
      inFlightAbsent,
      retriedReplayed,
      retriedWritten,
      events,
      projectionRows: comparison.rows,
      errors,
      problems,
    };
  } finally {
    removeDir(dir);
  }
}
