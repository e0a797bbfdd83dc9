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
import { RealisticEvents } from './realistic-events.js';
import { type BenchRow, rateRow } from './report.js';

/** Sizes of the append-single case: `actions × rounds` appends. */
export interface AppendSingleSize {
  readonly actions: number;
  readonly rounds: number;
}

/**
 * `append-single`: one event per `ledger.append` call, each its own transaction with its exact
 * expected version, against raw single-row inserts of the same rows, one transaction each.
 * At synchronous=FULL both wait for one fsync per append, which dominates; the `[normal]` row
 * shows the code path itself. Ours and raw alternate append by append. With `erasable`, the
 * ledger's personal data is erasable (issue 13): comments, reasons and notes are sealed as
 * salted digests and their text written to the side table in the same transaction, while the
 * raw side inserts the stored row only.
 *
 * @example
 * ```ts
 * const row = await appendSingle({ actions: 1_000, rounds: 20 }, 'full');
 * ```
 */
export async function appendSingle(
  size: AppendSingleSize,
  durability: Durability,
  erasable = false,
): Promise<BenchRow> {
  // Untimed warm-up on other files, so that neither side is measured while the JIT compiles.
  await interleave(new RealisticEvents({ actions: 100, eventsPerAction: 3, seed: 7 }), durability, erasable);
  const { appends, ours, baseline } = await interleave(
    new RealisticEvents({ actions: size.actions, eventsPerAction: size.rounds }),
    durability,
    erasable,
  );
  return rateRow(
    `${durability === 'full' ? 'append-single' : 'append-single [normal]'}${erasable ? ' [erasable]' : ''}`,
    'appends/s',
    ratePerSecond(appends, ours.ms),
    ratePerSecond(appends, baseline.ms),
    'raw better-sqlite3',
    durability === 'full' ? 0.5 : undefined,
    durability === 'full' ? `${appends.toLocaleString('en-GB')} appends, one fsync each` : undefined,
  );
}

async function interleave(
  generator: RealisticEvents,
  durability: Durability,
  erasable: boolean,
): Promise<{ appends: number; ours: Stopwatch; baseline: Stopwatch }> {
  const oursFile = scratchFile(`append-single-ours-${durability}`);
  const rawFile = scratchFile(`append-single-raw-${durability}`);
  const ledger = await openLedger({ file: oursFile, ...(durability === 'full' ? {} : { durability }) });
  if (erasable) await ledger.enablePersonalDataErasure();
  const raw = await createRawDatabase(rawFile, durability);
  assertSameSettings(ledgerSettings(oursFile, durability), settingsOf(raw), 'append-single');
  const reader = openRawReader(oursFile);
  const readBack = reader.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position = ?`).raw(true);
  const insert = prepareInsert(raw);
  const ours = new Stopwatch();
  const baseline = new Stopwatch();
  let appends = 0;
  try {
    for (const round of generator.rounds()) {
      for (const planned of round) {
        const expectedVersion = planned.expectedVersion === 0 ? 'no-stream' : planned.expectedVersion;
        const result = await ours.timeAsync(() =>
          ledger.append(planned.stream, [planned.event], { expectedVersion }),
        );
        const row = readBack.get(result.lastPosition) as RawRow;
        baseline.time(() => insert.run(row));
        appends += 1;
      }
    }
  } finally {
    reader.close();
    raw.close();
    await ledger.close();
    removeDatabase(oursFile);
    removeDatabase(rawFile);
  }
  return { appends, ours, baseline };
}
