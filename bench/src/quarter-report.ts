import { quarterEndView } from '@perfledger/quarter-end';
import { openLedger } from '@perfledger/sqlite';
import type Database from 'better-sqlite3';
import type { Dataset } from './dataset.js';
import { allProjections } from './projections.js';
import { openRaw } from './raw-sqlite.js';
import { type BenchRow, costRow } from './report.js';

/** The report every council prints after Christmas: FY 2023/24 Q3, as now known and as published. */
const QUARTER = { fy: '2023/24', quarter: 3 } as const;
const QUARTER_END = '2023-12-31';
const YEAR_START = '2023-04-01';
const PUBLISHED = '2024-01-31T23:59:59Z';

/**
 * `quarter-report`: the quarter-end view (every action as at 31 Dec 2023, with counts by reported
 * and derived status and the disagreements) read from the `quarter_end` projection, as now known
 * and as known at publication (31 Jan 2024), in ms per report (fastest of `repeats`). The
 * baseline is what one writes without projections: one raw pass over the log in position order
 * with `JSON.parse`, keeping each action's latest fact per field as at the date and position.
 *
 * @example
 * ```ts
 * const rows = await quarterReport(dataset, 5, console.log);
 * ```
 */
export async function quarterReport(
  dataset: Dataset,
  repeats: number,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const ledger = await openLedger({
    file: dataset.file,
    projections: allProjections(),
    projectionMode: 'catch-up',
  });
  const raw = openRaw(dataset.file);
  try {
    await ledger.projections.catchUp();
    const rows: BenchRow[] = [];
    for (const basis of ['now known', 'known at T'] as const) {
      const knownAt = basis === 'now known' ? undefined : PUBLISHED;
      const upTo = knownAt === undefined ? (await ledger.head()).position : await ledger.positionAt(knownAt);
      let oursMs = Number.POSITIVE_INFINITY;
      let total = 0;
      for (let i = 0; i < repeats; i++) {
        const started = performance.now();
        const view = await quarterEndView(ledger, {
          ...QUARTER,
          ...(knownAt === undefined ? {} : { knownAt }),
        });
        oursMs = Math.min(oursMs, performance.now() - started);
        total = view.total;
      }
      const started = performance.now();
      const rawTotal = rawQuarterEnd(raw, QUARTER_END, upTo, YEAR_START);
      const rawMs = performance.now() - started;
      log(`  ${basis}: ${total.toLocaleString('en-GB')} actions at position ${upTo.toLocaleString('en-GB')}`);
      rows.push(
        costRow(
          `quarter-report (${basis})`,
          'ms/report',
          oursMs,
          rawMs,
          'raw pass over the log, no projection',
          `${dataset.actions.toLocaleString('en-GB')} actions, ${dataset.events.toLocaleString('en-GB')} events; items: ours ${total}, raw ${rawTotal}`,
        ),
      );
    }
    return rows;
  } finally {
    raw.close();
    await ledger.close();
  }
}

interface Latest {
  effectiveOn: string;
  position: number;
  value: unknown;
}

type FactRow = [position: number, stream: string, type: string, data: string, effectiveOn: string];

/** One ordered pass: for each action and field, the latest value effective by `asAt` and known by `upTo`. */
function rawQuarterEnd(db: Database.Database, asAt: string, upTo: number, yearStart: string): number {
  const scan = db
    .prepare(
      'SELECT position, stream, type, data, effective_on FROM events WHERE position <= ? AND effective_on <= ? ORDER BY position',
    )
    .raw(true);
  const actions = new Map<string, Map<string, Latest>>();
  const set = (
    fields: Map<string, Latest>,
    field: string,
    effectiveOn: string,
    position: number,
    value: unknown,
  ) => {
    const current = fields.get(field);
    if (
      current === undefined ||
      current.effectiveOn < effectiveOn ||
      (current.effectiveOn === effectiveOn && current.position < position)
    ) {
      fields.set(field, { effectiveOn, position, value });
    }
  };
  for (const [position, stream, type, json, effectiveOn] of scan.iterate(
    upTo,
    asAt,
  ) as IterableIterator<FactRow>) {
    let fields = actions.get(stream);
    if (fields === undefined) {
      fields = new Map();
      actions.set(stream, fields);
    }
    const data = JSON.parse(json) as Record<string, unknown>;
    switch (type) {
      case 'ActionRegistered':
        set(fields, 'registered', effectiveOn, position, effectiveOn);
        set(fields, 'due', effectiveOn, position, data.dueDate);
        set(fields, 'percent', effectiveOn, position, 0);
        set(fields, 'status', effectiveOn, position, null);
        set(fields, 'closed', effectiveOn, position, null);
        break;
      case 'ProgressUpdated':
        set(fields, 'percent', effectiveOn, position, data.percentComplete);
        break;
      case 'StatusChanged':
        set(fields, 'status', effectiveOn, position, data.status);
        break;
      case 'DueDateRevised':
        set(fields, 'due', effectiveOn, position, data.to);
        break;
      case 'ActionClosed':
        set(fields, 'closed', effectiveOn, position, effectiveOn);
        break;
      case 'ActionReopened':
        set(fields, 'closed', effectiveOn, position, null);
        break;
    }
  }
  const counts = new Map<unknown, number>();
  let total = 0;
  for (const fields of actions.values()) {
    if (fields.get('registered') === undefined) continue;
    const closedOn = fields.get('closed')?.value as string | null | undefined;
    if (typeof closedOn === 'string' && closedOn < yearStart) continue;
    const status = fields.get('status')?.value ?? null;
    counts.set(status, (counts.get(status) ?? 0) + 1);
    total += 1;
  }
  return total;
}
