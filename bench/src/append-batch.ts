import { type Durability, openLedger } from '@perfledger/sqlite';
import { ratePerSecond, Stopwatch } from './measure.js';
import { removeDatabase, scratchFile } from './paths.js';
import {
  assertSameSettings,
  createRawDatabase,
  EVENT_COLUMNS,
  ledgerSettings,
  openRawReader,
  prepareInsert,
  type RawRow,
  settingsOf,
} from './raw-sqlite.js';
import { RealisticEvents, toRequest } from './realistic-events.js';
import { type BenchRow, rateRow } from './report.js';

/** Sizes of the append-batch case. */
export interface AppendBatchSize {
  readonly actions: number;
  readonly rounds: number;
}

/**
 * `append-batch`: `actions × rounds` events appended 1 000 per call (a quarterly import: one
 * update for each of 1 000 actions per call, each with its exact expected version) through
 * `ledger.appendMany`, against raw better-sqlite3 inserting the very rows the ledger wrote
 * (same columns, indexes and JSON strings) in transactions of 1 000, at the same settings.
 * The two alternate batch by batch, so that machine noise falls on both alike.
 *
 * @example
 * ```ts
 * const row = await appendBatch({ actions: 1_000, rounds: 100 }, 'full');
 * ```
 */
export async function appendBatch(size: AppendBatchSize, durability: Durability): Promise<BenchRow> {
  // Untimed warm-up on other files, so that neither side is measured while the JIT compiles.
  await interleave(new RealisticEvents({ actions: size.actions, eventsPerAction: 5, seed: 7 }), durability);
  const { events, ours, baseline } = await interleave(
    new RealisticEvents({ actions: size.actions, eventsPerAction: size.rounds }),
    durability,
  );
  return rateRow(
    durability === 'full' ? 'append-batch' : 'append-batch [normal]',
    'events/s',
    ratePerSecond(events, ours.ms),
    ratePerSecond(events, baseline.ms),
    'raw better-sqlite3',
    durability === 'full' ? 0.6 : undefined,
    durability === 'full' ? `${events.toLocaleString('en-GB')} events, 1 000 per append` : undefined,
  );
}

async function interleave(
  generator: RealisticEvents,
  durability: Durability,
): Promise<{ events: number; ours: Stopwatch; baseline: Stopwatch }> {
  const oursFile = scratchFile(`append-batch-ours-${durability}`);
  const rawFile = scratchFile(`append-batch-raw-${durability}`);
  const ledger = await openLedger({ file: oursFile, ...(durability === 'full' ? {} : { durability }) });
  const raw = await createRawDatabase(rawFile, durability);
  assertSameSettings(ledgerSettings(oursFile, durability), settingsOf(raw), 'append-batch');
  const reader = openRawReader(oursFile);
  const readBack = reader
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position BETWEEN ? AND ?`)
    .raw(true);
  const insert = prepareInsert(raw);
  const insertAll = raw.transaction((rows: RawRow[]) => {
    for (const row of rows) insert.run(row);
  });
  const ours = new Stopwatch();
  const baseline = new Stopwatch();
  let events = 0;
  try {
    for (const round of generator.rounds()) {
      for (let i = 0; i < round.length; i += 1_000) {
        const requests = round.slice(i, i + 1_000).map(toRequest);
        const result = await ours.timeAsync(() => ledger.appendMany(requests));
        const rows = readBack.all(result.firstPosition, result.lastPosition) as RawRow[];
        baseline.time(() => insertAll.immediate(rows));
        events += rows.length;
      }
    }
  } finally {
    reader.close();
    raw.close();
    await ledger.close();
    removeDatabase(oursFile);
    removeDatabase(rawFile);
  }
  return { events, ours, baseline };
}
