import { join } from 'node:path';
import { type Durability, openLedger } from '@perfledger/sqlite';
import { type AckLine, outcomeOf, readAckLog } from '../support/ack-log.js';
import { checkLog } from '../support/check-log.js';
import { makeTempDir, removeDir } from '../support/database-files.js';
import { startWorker } from '../support/processes.js';
import type { AppendMix, AppendWorkerConfig } from '../support/worker-configs.js';
import { sharedActionCommands } from '../support/workload.js';

/** How many writers, how much each appends, and how hard they race. */
export interface ConcurrentWritersOptions {
  readonly writers: number;
  readonly batchesPerWriter: number;
  readonly maxBatch: number;
  readonly seed: number;
  /** `'mixed'` (the default): even writers `'full'`, odd ones `'normal'`, on the same file. */
  readonly durability?: Durability | 'mixed';
  /** Generous by default: a LEDGER_BUSY under this load would be a finding. */
  readonly busyTimeoutMs?: number;
  readonly raceWindowMs?: number;
  readonly mix?: AppendMix;
}

/** What the writers did and what the checks found; `problems` is empty when every guarantee held. */
export interface ConcurrentWritersReport {
  readonly writers: number;
  readonly batches: number;
  readonly events: number;
  readonly conflicts: number;
  readonly replays: number;
  /** The longest a single append took, waiting for the lock included (ms). */
  readonly slowestAppendMs: number;
  /** Errors other than ConcurrencyError that reached a writer, as `CODE: message`. */
  readonly errors: readonly string[];
  readonly problems: readonly string[];
  readonly durationMs: number;
}

const DEFAULT_MIX: AppendMix = { exec: 4, raw: 4, multi: 1, replay: 1 };

/**
 * Several OS processes append to one database file at once: `executeAll` batches on their own
 * actions and comments on shared ones, raw appends with exact expected versions to the shared
 * streams (re-read and retried on ConcurrencyError), multi-stream appends, and repeated
 * idempotency keys. Then the file is checked against the union of the writers' acks.
 *
 * @example
 * ```ts
 * const report = await runConcurrentWriters({ writers: 4, batchesPerWriter: 100, maxBatch: 5, seed: 1 });
 * report.problems; // []
 * ```
 */
export async function runConcurrentWriters(
  options: ConcurrentWritersOptions,
): Promise<ConcurrentWritersReport> {
  const dir = makeTempDir();
  try {
    const file = join(dir, 'ledger.db');
    const setup = await openLedger({ file });
    await setup.executeAll(sharedActionCommands(), { correlationId: 'setup-shared' });
    await setup.close();

    const started = performance.now();
    const configs: AppendWorkerConfig[] = Array.from({ length: options.writers }, (_, w) => ({
      file,
      log: join(dir, `writer-${w}.log`),
      prefix: `W${w}`,
      seed: options.seed * 1000 + w,
      batches: options.batchesPerWriter,
      maxBatch: options.maxBatch,
      mix: options.mix ?? DEFAULT_MIX,
      durability:
        (options.durability ?? 'mixed') === 'mixed'
          ? w % 2 === 0
            ? 'full'
            : 'normal'
          : (options.durability as Durability),
      busyTimeoutMs: options.busyTimeoutMs ?? 60_000,
      inlineProjections: false,
      shared: true,
      raceWindowMs: options.raceWindowMs ?? 1,
    }));
    const workers = configs.map((config) => startWorker('append-worker', config));
    await Promise.all(workers.map((worker) => worker.ready));
    for (const worker of workers) worker.go();
    const exits = await Promise.all(workers.map((worker) => worker.exited));
    const durationMs = performance.now() - started;

    const problems: string[] = [];
    const errors: string[] = [];
    const acks: Extract<AckLine, { k: 'ack' }>[] = [];
    let conflicts = 0;
    let replays = 0;
    let slowestAppendMs = 0;
    configs.forEach((config, w) => {
      const exit = exits[w]!;
      const lines = readAckLog(config.log);
      const outcome = outcomeOf(lines);
      if (exit.code !== 0 || !outcome.finished) {
        problems.push(
          `writer ${w} exited with ${exit.code ?? exit.signal} before finishing: ${exit.stderr.slice(0, 500)}`,
        );
      }
      acks.push(...outcome.acks);
      conflicts += outcome.conflicts;
      for (const line of lines) {
        if (line.k !== 'done') continue;
        replays += line.replays;
        slowestAppendMs = Math.max(slowestAppendMs, line.slowestMs ?? 0);
      }
      for (const error of outcome.errors) errors.push(`${error.code ?? error.name}: ${error.message}`);
      for (const anomaly of outcome.anomalies) problems.push(`writer ${w}: ${anomaly.message}`);
      if (outcome.inFlight !== undefined)
        problems.push(`writer ${w} left batch ${outcome.inFlight.b} unresolved`);
    });
    const ledger = await openLedger({ file });
    try {
      const check = await checkLog(ledger, { acks, inFlight: [], setupPrefix: 'setup' });
      problems.push(...check.problems);
      return {
        writers: options.writers,
        batches: check.ackedBatches,
        events: check.events,
        conflicts,
        replays,
        slowestAppendMs,
        errors,
        problems,
        durationMs,
      };
    } finally {
      await ledger.close();
    }
  } finally {
    removeDir(dir);
  }
}

/** What happened when several processes created the same ledger file at once. */
export interface CreationRaceReport {
  readonly processes: number;
  readonly events: number;
  readonly errors: readonly string[];
  readonly problems: readonly string[];
}

/**
 * Several processes open a file that does not exist yet, at the same moment, and each appends a
 * few batches: exactly one initialises it, and nobody sees a half-created schema or a raw
 * SQLITE_BUSY.
 *
 * @example
 * ```ts
 * (await runCreationRace({ processes: 4, batches: 5, seed: 3 })).problems; // []
 * ```
 */
export async function runCreationRace(options: {
  readonly processes: number;
  readonly batches: number;
  readonly seed: number;
}): Promise<CreationRaceReport> {
  const dir = makeTempDir();
  try {
    const file = join(dir, 'new.db');
    const configs: AppendWorkerConfig[] = Array.from({ length: options.processes }, (_, w) => ({
      file,
      log: join(dir, `creator-${w}.log`),
      prefix: `C${w}`,
      seed: options.seed * 1000 + w,
      batches: options.batches,
      maxBatch: 3,
      mix: { exec: 1, raw: 0, multi: 0, replay: 0 },
      durability: 'full',
      busyTimeoutMs: 60_000,
      inlineProjections: false,
      shared: false,
      raceWindowMs: 0,
    }));
    const workers = configs.map((config) => startWorker('append-worker', config));
    await Promise.all(workers.map((worker) => worker.ready.catch(() => undefined)));
    for (const worker of workers) worker.go();
    const exits = await Promise.all(workers.map((worker) => worker.exited));
    const problems: string[] = [];
    const errors: string[] = [];
    const acks: Extract<AckLine, { k: 'ack' }>[] = [];
    configs.forEach((config, w) => {
      const outcome = outcomeOf(readAckLog(config.log));
      for (const error of outcome.errors) errors.push(`${error.code ?? error.name}: ${error.message}`);
      if (exits[w]!.code !== 0 && outcome.errors.length === 0) {
        problems.push(`process ${w} exited with ${exits[w]!.code}: ${exits[w]!.stderr.slice(0, 300)}`);
      }
      acks.push(...outcome.acks);
    });
    const ledger = await openLedger({ file });
    try {
      const check = await checkLog(ledger, { acks, inFlight: [], setupPrefix: 'setup' });
      problems.push(...check.problems);
      const origins = (await ledger.query.get(
        "SELECT count(*) AS n FROM ledger_meta WHERE key = 'origin'",
      )) as {
        n: number;
      };
      if (origins.n !== 1) problems.push(`the file has ${origins.n} origins`);
      return { processes: options.processes, events: check.events, errors, problems };
    } finally {
      await ledger.close();
    }
  } finally {
    removeDir(dir);
  }
}
