import { spawnSync } from 'node:child_process';
import { type BusinessDate, foldAction, type LedgerEvent, type TimelineEvent } from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import type { EmmettEvent, EmmettSqlite } from './emmett-install.js';
import { ratePerSecond, Stopwatch } from './measure.js';
import { removeDatabase, scratchFile } from './paths.js';
import { type PlannedEvent, RealisticEvents, toRequest } from './realistic-events.js';
import { type BenchRow, rateRow } from './report.js';

/** Sizes of the Emmett comparison. */
export interface EmmettSize {
  /** Single appends, each side: the `append-single` workload, cut short (Emmett takes ~5 ms per append). */
  readonly appends: number;
  /** Events per action in the append workload: the same shape as `append-single`. */
  readonly rounds: number;
  /** Actions whose state is folded in the read comparison. */
  readonly readActions: number;
  /** Events per action there: the same shape as `read-stream`. */
  readonly readEventsPerAction: number;
}

/**
 * `emmett`: the append-single and read-stream workloads through `@event-driven-io/emmett-sqlite`,
 * side by side with perfledger, each at its own default settings (perfledger: WAL,
 * synchronous=FULL, one connection; Emmett: WAL, SQLite's default synchronous, a connection per
 * call). The appends run in blocks, each side in turn (both are bound by fsync, and alternating
 * append by append lets one side's disk flushes slow the other); the reads alternate action by action and
 * fold with the same `foldAction`, so only the store differs. Ratio = ours / Emmett.
 *
 * @example
 * ```ts
 * const rows = await emmett(await loadEmmett(log), { appends: 1_000, rounds: 20, readActions: 1_000, readEventsPerAction: 100 }, log);
 * ```
 */
export async function emmett(
  module: EmmettSqlite,
  size: EmmettSize,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const against = `Emmett ${module.version} (sqlite3 5)`;
  const synchronous = await emmettSynchronous(module);
  const appends = await appendSingle(module, size);
  log(`  appends: ours ${appends.ours.toFixed(0)}/s, Emmett ${appends.theirs.toFixed(0)}/s`);
  const reads = await readStream(module, size, log);
  return [
    rateRow(
      'emmett append-single',
      'appends/s',
      appends.ours,
      appends.theirs,
      against,
      10,
      `${appends.count.toLocaleString('en-GB')} appends each; Emmett at synchronous=${synchronous}, ${emmettRetries} of its appends retried after SQLITE_BUSY`,
    ),
    rateRow('emmett read-stream', 'actions/s', reads.ours, reads.theirs, against, undefined),
  ];
}

async function appendSingle(
  module: EmmettSqlite,
  size: EmmettSize,
): Promise<{ ours: number; theirs: number; count: number }> {
  const actions = Math.max(1, Math.round(size.appends / size.rounds));
  const generator = new RealisticEvents({ actions, eventsPerAction: size.rounds });
  const oursFile = scratchFile('emmett-append-ours');
  const theirsFile = scratchFile('emmett-append-theirs');
  const ledger = await openLedger({ file: oursFile });
  const store = module.getSQLiteEventStore({ fileName: theirsFile });
  const ours = new Stopwatch();
  const theirs = new Stopwatch();
  const planned = [...generator.rounds()].flat();
  try {
    // Blocks, not alternation append by append: both wait on fsync, and Emmett's checkpoint when
    // it closes its connection after every call slows whatever fsyncs next on the same disk. The
    // sides take turns over ten blocks, so that both see the disk as it is over the whole run.
    // Emmett creates its schema on first use: let that happen outside the timed appends.
    await store.readStream('warm-up');
    const blockSize = Math.ceil(planned.length / BLOCKS);
    for (let start = 0; start < planned.length; start += blockSize) {
      const block = planned.slice(start, start + blockSize);
      settleDisk();
      for (const { stream, event, expectedVersion } of block) {
        const expected = expectedVersion === 0 ? 'no-stream' : expectedVersion;
        await ours.timeAsync(() => ledger.append(stream, [event], { expectedVersion: expected }));
      }
      settleDisk();
      for (const item of block) {
        const event = toEmmett(item);
        await theirs.timeAsync(() =>
          retried(() =>
            store.appendToStream(item.stream, [event], {
              expectedStreamVersion: BigInt(item.expectedVersion),
            }),
          ),
        );
      }
    }
  } finally {
    await ledger.close();
    removeDatabase(oursFile);
    removeDatabase(theirsFile);
  }
  const count = planned.length;
  return { ours: ratePerSecond(count, ours.ms), theirs: ratePerSecond(count, theirs.ms), count };
}

async function readStream(
  module: EmmettSqlite,
  size: EmmettSize,
  log: (line: string) => void,
): Promise<{ ours: number; theirs: number }> {
  const generator = new RealisticEvents({
    actions: size.readActions,
    eventsPerAction: size.readEventsPerAction,
  });
  const oursFile = scratchFile('emmett-read-ours');
  const theirsFile = scratchFile('emmett-read-theirs');
  const store = module.getSQLiteEventStore({ fileName: theirsFile });
  const byStream = new Map<string, PlannedEvent[]>();
  // Loaded quickly at durability 'normal', then read through a ledger opened at the default.
  const loader = await openLedger({ file: oursFile, durability: 'normal' });
  for (const round of generator.rounds()) {
    for (let i = 0; i < round.length; i += 1_000) {
      await loader.appendMany(round.slice(i, i + 1_000).map(toRequest));
    }
    for (const planned of round) {
      const list = byStream.get(planned.stream) ?? [];
      list.push(planned);
      byStream.set(planned.stream, list);
    }
  }
  await loader.close();
  const ledger = await openLedger({ file: oursFile });
  try {
    log(`  loading ${generator.total.toLocaleString('en-GB')} events into Emmett, one append per stream...`);
    for (const [stream, planned] of byStream) {
      await retried(() => store.appendToStream(stream, planned.map(toEmmett), { expectedStreamVersion: 0n }));
    }
    byStream.clear();
    const ours = new Stopwatch();
    const theirs = new Stopwatch();
    for (const code of generator.codes) {
      const state = await ours.timeAsync(() => ledger.getAction(code));
      const theirState = await theirs.timeAsync(async () => {
        const { events } = await store.readStream(`action:${code}`);
        return foldAction(
          events.map(
            (event) =>
              ({
                type: event.type,
                data: event.data,
                effectiveOn: event.metadata.effectiveOn as BusinessDate,
                streamVersion: Number(event.metadata.streamPosition),
              }) as LedgerEvent as TimelineEvent,
          ),
        );
      });
      if (state?.percentComplete !== theirState?.percentComplete || state?.dueDate !== theirState?.dueDate) {
        throw new Error(
          `emmett: ${code} folds differently from Emmett's events; the comparison would be void`,
        );
      }
    }
    return {
      ours: ratePerSecond(generator.codes.length, ours.ms),
      theirs: ratePerSecond(generator.codes.length, theirs.ms),
    };
  } finally {
    await ledger.close();
    removeDatabase(oursFile);
    removeDatabase(theirsFile);
  }
}

const BLOCKS = 10;

/** Flushes the kernel's dirty pages (untimed), so that neither side's block pays for the other's write-back. */
function settleDisk(): void {
  if (process.platform !== 'win32') spawnSync('sync', { stdio: 'ignore' });
}

/** Appends Emmett refused with SQLITE_BUSY and that were tried again (see {@link retried}). */
let emmettRetries = 0;

/**
 * Emmett 0.38.5 sometimes fails to commit a new stream's first append with SQLITE_BUSY ("cannot
 * commit transaction - SQL statements in progress": its `INSERT … RETURNING` statement is still
 * open) and rolls it back. A caller has to try again, so the bench does, and the failed attempt's
 * time counts as Emmett's. Emmett also logs each such error to the console; those lines are dropped.
 */
async function retried<T>(append: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (!(args[0] instanceof Error)) log(...args);
  };
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await append();
      } catch (error) {
        if (attempt >= 5 || !/SQLITE_BUSY/.test(String((error as Error).message))) throw error;
        emmettRetries += 1;
      }
    }
  } finally {
    console.log = log;
  }
}

function toEmmett(planned: PlannedEvent): EmmettEvent {
  return {
    type: planned.event.type,
    data: planned.event.data as Record<string, unknown>,
    metadata: { effectiveOn: planned.event.effectiveOn },
  };
}

async function emmettSynchronous(module: EmmettSqlite): Promise<string> {
  const file = scratchFile('emmett-settings');
  const connection = module.sqliteConnection({ fileName: file });
  try {
    const row = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
    return ['OFF', 'NORMAL', 'FULL', 'EXTRA'][row?.synchronous ?? -1] ?? 'unknown';
  } finally {
    connection.close();
    removeDatabase(file);
  }
}
