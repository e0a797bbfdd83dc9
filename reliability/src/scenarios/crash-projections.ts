import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openLedger } from '@perfledger/sqlite';
import { type AckLine, outcomeOf, readAckLog } from '../support/ack-log.js';
import { checkLog } from '../support/check-log.js';
import { copyDatabase, makeTempDir, removeDir } from '../support/database-files.js';
import { killAfter, type RunningWorker, startWorker } from '../support/processes.js';
import { checkpointStates, resumeAndCompare } from '../support/projection-tables.js';
import { seededRandom } from '../support/random.js';
import { standardProjections } from '../support/standard-projections.js';
import type { AppendWorkerConfig, ProjectionWorkerConfig } from '../support/worker-configs.js';
import { sharedActionCommands, Workload } from '../support/workload.js';

/** Which projection run to interrupt, how often, over how long a log. */
export interface CrashProjectionsOptions {
  readonly mode: 'rebuild' | 'catch-up';
  readonly rounds: number;
  /** Roughly how many events the prepared log holds. */
  readonly events: number;
  /** Events per projection transaction. */
  readonly batchSize: number;
  /** Catch-up only: a writer appends to the file while the projections catch up. */
  readonly concurrentWriter: boolean;
  readonly seed: number;
}

/** What the kills interrupted and what the comparisons found. */
export interface CrashProjectionsReport {
  readonly mode: 'rebuild' | 'catch-up';
  readonly kills: number;
  /** Kills that left at least one projection mid-run (rebuilding, or behind the head). */
  readonly interrupted: number;
  readonly finishedBeforeKill: number;
  readonly events: number;
  readonly projectionRows: number;
  readonly problems: readonly string[];
}

/** Builds the log every round starts from: realistic batches, projections as the mode needs them. */
async function prepareTemplate(file: string, options: CrashProjectionsOptions): Promise<number> {
  // 'rebuild': the projections kept inline from the start; 'catch-up': built after the second
  // batch, then left behind for the catch-up to apply.
  const ledger = await openLedger({
    file,
    durability: 'normal',
    ...(options.mode === 'rebuild' ? { projections: standardProjections } : {}),
  });
  try {
    await ledger.executeAll(sharedActionCommands(), { correlationId: 'setup-shared' });
    const workload = new Workload('SETUP', seededRandom(options.seed));
    let batch = 0;
    while ((await ledger.head()).position < options.events) {
      batch += 1;
      const b = `setup-${batch}`;
      await ledger.executeAll(workload.batch(b, 25), { correlationId: b, idempotencyKey: b });
      if (options.mode === 'catch-up' && batch === 2) {
        // Set up in catch-up mode early on; everything after is left for the catch-up to apply.
        const catchUp = await openLedger({
          file,
          projections: standardProjections,
          projectionMode: 'catch-up',
        });
        await catchUp.projections.catchUp();
        await catchUp.close();
      }
    }
    return (await ledger.head()).position;
  } finally {
    await ledger.close();
  }
}

/**
 * SIGKILLs a process at a random moment while it rebuilds the standard projections, or catches
 * them up (optionally while another process appends). Each round starts from a copy of the same
 * prepared log; after the kill the log must be intact, and the projections, resumed with
 * `start()`, must equal a clean rebuild row for row.
 *
 * @example
 * ```ts
 * const report = await runCrashDuringProjections({ mode: 'rebuild', rounds: 3, events: 1500, batchSize: 50, concurrentWriter: false, seed: 1 });
 * report.problems; // []
 * ```
 */
export async function runCrashDuringProjections(
  options: CrashProjectionsOptions,
): Promise<CrashProjectionsReport> {
  const dir = makeTempDir();
  const random = seededRandom(options.seed + 17);
  try {
    const template = join(dir, 'template.db');
    const templateHead = await prepareTemplate(template, options);
    const problems: string[] = [];
    let kills = 0;
    let interrupted = 0;
    let finishedBeforeKill = 0;
    let projectionRows = 0;
    let events = 0;
    for (let round = 1; round <= options.rounds; round++) {
      const roundDir = join(dir, `round-${round}`);
      const file = copyDatabase(template, makeRoundDir(roundDir), 'ledger.db');
      const config: ProjectionWorkerConfig = {
        file,
        log: join(roundDir, 'projection.log'),
        mode: options.mode,
        batchSize: options.batchSize,
      };
      const worker = startWorker('projection-worker', config);
      let writer: RunningWorker | undefined;
      let writerConfig: AppendWorkerConfig | undefined;
      if (options.concurrentWriter) {
        writerConfig = {
          file,
          log: join(roundDir, 'writer.log'),
          prefix: `R${round}`,
          seed: options.seed * 100 + round,
          batches: 30,
          maxBatch: 10,
          mix: { exec: 3, raw: 1, multi: 1, replay: 1 },
          durability: 'full',
          busyTimeoutMs: 60_000,
          inlineProjections: false,
          shared: true,
          raceWindowMs: 0,
        };
        writer = startWorker('append-worker', writerConfig);
        await writer.ready;
      }
      await worker.ready;
      worker.go();
      writer?.go();
      const batches = Math.max(2, Math.ceil(templateHead / options.batchSize));
      const killWriter =
        writer !== undefined && writerConfig !== undefined && random.chance(0.5)
          ? killAfter(writer, writerConfig.log, 'ack', random.int(1, 25), random.int(0, 5))
          : Promise.resolve(false);
      const killedProjection = await killAfter(
        worker,
        config.log,
        'progress',
        random.int(1, batches - 1),
        random.int(0, 4),
      );
      const killedWriter = await killWriter;
      if (writer !== undefined) await writer.exited;
      if (killedProjection) kills += 1;
      else finishedBeforeKill += 1;
      const exit = await worker.exited;
      if (!killedProjection && exit.code !== 0)
        problems.push(
          `round ${round}: projection worker exited with ${exit.code}: ${exit.stderr.slice(0, 300)}`,
        );
      const workerOutcome = outcomeOf(readAckLog(config.log));
      for (const error of workerOutcome.errors)
        problems.push(`round ${round}: projection worker: ${error.code}: ${error.message}`);

      // The log must be untouched by the projection run, and hold exactly the writer's acks.
      // Opened with the projections in 'catch-up' mode: their state is read, not resumed.
      const ledger = await openLedger({ file, projections: standardProjections, projectionMode: 'catch-up' });
      try {
        const head = (await ledger.head()).position;
        const states = await checkpointStates(ledger);
        if (states.some((state) => state.state !== 'ready' || state.position < head)) interrupted += 1;
        const acks: Extract<AckLine, { k: 'ack' }>[] = [];
        const inFlight: Extract<AckLine, { k: 'intent' }>[] = [];
        if (writerConfig !== undefined) {
          const outcome = outcomeOf(readAckLog(writerConfig.log));
          acks.push(...outcome.acks);
          if (killedWriter && outcome.inFlight !== undefined) inFlight.push(outcome.inFlight);
          for (const error of outcome.errors)
            problems.push(`round ${round}: writer: ${error.code}: ${error.message}`);
          for (const anomaly of outcome.anomalies)
            problems.push(`round ${round}: writer: ${anomaly.message}`);
        }
        const check = await checkLog(ledger, { acks, inFlight, setupPrefix: 'setup' });
        problems.push(...check.problems.map((p) => `round ${round}: ${p}`));
        events = Math.max(events, check.events);
      } finally {
        await ledger.close();
      }
      const comparison = await resumeAndCompare(file, options.mode === 'catch-up' ? 'catch-up' : 'inline');
      projectionRows = Math.max(projectionRows, comparison.rows);
      problems.push(
        ...comparison.differences.map((d) => `round ${round}: ${d}`),
        ...comparison.notReady.map((n) => `round ${round}: not ready after resuming: ${n}`),
      );
      removeDir(roundDir);
    }
    return { mode: options.mode, kills, interrupted, finishedBeforeKill, events, projectionRows, problems };
  } finally {
    removeDir(dir);
  }
}

function makeRoundDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
