import { openLedger } from '@perfledger/sqlite';
import type Database from 'better-sqlite3';
import type { Dataset } from './dataset.js';
import { ratePerSecond, Stopwatch } from './measure.js';
import { assertSameSettings, ledgerSettings, openRaw, settingsOf } from './raw-sqlite.js';
import { type BenchRow, rateRow } from './report.js';

/** The state a raw fold keeps: the fields a quarter-end report needs. */
interface RawState {
  code: string;
  title: string;
  plan: string;
  directorate: string;
  section: string;
  owner: string | null;
  dueDate: string;
  originalDueDate: string;
  dueDateRevisions: number;
  percentComplete: number;
  status: string | null;
  closed: { outcome: string; effectiveOn: string } | null;
  lastComment: { text: string; effectiveOn: string } | null;
  eventCount: number;
  version: number;
}

type RawEventRow = [type: string, data: string, effectiveOn: string, streamVersion: number];

/**
 * `read-stream`: every action's current state, folded from its events: `await ledger.getAction(code)`
 * (read the stream's facts, order it by effective date, fold with the immutable evolver) against a raw
 * `SELECT type, data, effective_on, stream_version … WHERE stream = ? ORDER BY effective_on,
 * stream_version` with `JSON.parse` and a plain mutable fold. Interleaved action by action,
 * after one untimed warm-up pass.
 *
 * @example
 * ```ts
 * const row = await readStream(await ensureDataset({ actions: 1_000, eventsPerAction: 100 }, log));
 * ```
 */
export async function readStream(dataset: Dataset): Promise<BenchRow> {
  const ledger = await openLedger({ file: dataset.file });
  const raw = openRaw(dataset.file);
  assertSameSettings(ledgerSettings(dataset.file), settingsOf(raw), 'read-stream');
  const select = raw
    .prepare(
      'SELECT type, data, effective_on, stream_version FROM events WHERE stream = ? ORDER BY effective_on, stream_version',
    )
    .raw(true);
  const ours = new Stopwatch();
  const baseline = new Stopwatch();
  let folded = 0;
  try {
    for (const code of dataset.codes) {
      await ledger.getAction(code);
      rawFold(select, code);
    }
    for (const code of dataset.codes) {
      const state = await ours.timeAsync(() => ledger.getAction(code));
      const rawState = baseline.time(() => rawFold(select, code));
      if (state?.percentComplete !== rawState?.percentComplete || state?.dueDate !== rawState?.dueDate) {
        throw new Error(`read-stream: the baseline folded ${code} differently; the comparison would be void`);
      }
      folded += 1;
    }
  } finally {
    raw.close();
    await ledger.close();
  }
  return rateRow(
    'read-stream',
    'actions/s',
    ratePerSecond(folded, ours.ms),
    ratePerSecond(folded, baseline.ms),
    'raw better-sqlite3',
    0.5,
    `${dataset.actions.toLocaleString('en-GB')} actions of ${dataset.eventsPerAction} events`,
  );
}

/** What a hand-written reader does: select, parse, and fold into a mutable object. */
export function rawFold(select: Database.Statement<unknown[]>, code: string): RawState | undefined {
  const rows = select.all(`action:${code}`) as RawEventRow[];
  let state: RawState | undefined;
  for (const [type, json, effectiveOn, version] of rows) {
    const data = JSON.parse(json) as Record<string, unknown>;
    if (type === 'ActionRegistered') {
      state = {
        code: data.code as string,
        title: data.title as string,
        plan: data.plan as string,
        directorate: data.directorate as string,
        section: data.section as string,
        owner: (data.owner as string | undefined) ?? null,
        dueDate: data.dueDate as string,
        originalDueDate: data.dueDate as string,
        dueDateRevisions: 0,
        percentComplete: 0,
        status: null,
        closed: null,
        lastComment: null,
        eventCount: 1,
        version,
      };
      continue;
    }
    if (state === undefined) continue;
    state.eventCount += 1;
    state.version = Math.max(state.version, version);
    switch (type) {
      case 'ProgressUpdated':
        state.percentComplete = data.percentComplete as number;
        break;
      case 'StatusChanged':
        state.status = data.status as string;
        break;
      case 'DueDateRevised':
        state.dueDate = data.to as string;
        state.dueDateRevisions += 1;
        break;
      case 'ActionClosed':
        state.closed = { outcome: data.outcome as string, effectiveOn };
        break;
      case 'ActionReopened':
        state.closed = null;
        break;
      case 'ActionDetailsAmended':
        for (const key of ['title', 'owner', 'directorate', 'section', 'plan'] as const) {
          if (typeof data[key] === 'string') state[key] = data[key];
        }
        break;
      case 'CommentAdded':
        state.lastComment = { text: data.comment as string, effectiveOn };
        break;
    }
  }
  return state;
}
