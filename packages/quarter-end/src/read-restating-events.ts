import type { BusinessDate, EventEnvelope, Ledger, SqlDatabase, SqlStatement } from '@perfledger/core';
import { describeEvent } from './describe-event.js';
import { QUARTER_END_FACTS_TABLE } from './quarter-end-projection.js';
import type { RestatingEvent } from './restatements.js';

const POSITIONS_SQL = `SELECT position, effective_on FROM ${QUARTER_END_FACTS_TABLE}
  WHERE code = ? AND position <= ? GROUP BY position, effective_on`;

// Relative costs per event read, measured on a 1 000 000-event ledger: one sequential scan of
// the log after the cut-off (1), whole action streams (about 2.5), or the wanted events one at a
// time (about 12). The cheapest way is chosen; all three give the same events.
const COST = { scan: 1, stream: 2.5, single: 12 } as const;

const statements = new WeakMap<SqlDatabase, SqlStatement>();

/**
 * For each action, its events recorded in `(after, upTo]` and effective on or before `asAt`, in
 * position order. Every event of an action stream sets at least one fact, so the facts table
 * names their positions; the events themselves come from the log (upcast, with actors).
 * `strategy` forces one way of reading (for tests); by default the cheapest is chosen.
 *
 * @example
 * ```ts
 * readRestatingEvents(ledger, ['FP1922_02'], 4180, ledger.head().position, '2023-12-31');
 * ```
 */
export function readRestatingEvents(
  ledger: Ledger,
  codes: readonly string[],
  after: number,
  upTo: number,
  asAt: BusinessDate,
  strategy?: 'scan' | 'streams' | 'single',
): Map<string, RestatingEvent[]> {
  const db = ledger.store.database;
  let statement = statements.get(db);
  if (statement === undefined) {
    statement = db.prepare(POSITIONS_SQL);
    statements.set(db, statement);
  }
  const wanted: number[] = [];
  let streamEvents = 0;
  for (const code of codes) {
    const rows = statement.all(code, upTo) as { position: number; effective_on: string }[];
    streamEvents += rows.length;
    for (const row of rows) if (row.position > after && row.effective_on <= asAt) wanted.push(row.position);
  }
  const result = new Map<string, RestatingEvent[]>(codes.map((code) => [code, []]));
  const take = (event: EventEnvelope): void => {
    if (!event.stream.startsWith('action:') || event.effectiveOn > asAt) return;
    const list = result.get(event.stream.slice('action:'.length));
    if (list === undefined) return;
    list.push({
      type: event.type,
      position: event.position,
      effectiveOn: event.effectiveOn,
      recordedAt: event.recordedAt,
      actor: event.actor,
      description: describeEvent(event),
    });
  };
  const scan = COST.scan * (upTo - after);
  const streams = COST.stream * streamEvents;
  const single = COST.single * wanted.length;
  const chosen =
    strategy ?? (single <= scan && single <= streams ? 'single' : streams <= scan ? 'streams' : 'scan');
  if (chosen === 'single') {
    for (const position of wanted.sort((a, b) => a - b)) {
      for (const event of ledger.readAll({ after: position - 1, upTo: position, batchSize: 1 })) take(event);
    }
  } else if (chosen === 'streams') {
    for (const code of codes) {
      for (const event of ledger.readAction(code, { upTo })) if (event.position > after) take(event);
    }
  } else {
    for (const event of ledger.readAll({ after, upTo, batchSize: 5_000 })) take(event);
  }
  return result;
}
