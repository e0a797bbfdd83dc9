import Database from 'better-sqlite3';
import { chainRowOf, EVENT_COLUMNS, type EventRowTuple } from '../chain/chain-row-of.js';
import { eventHash } from '../chain/event-hash.js';
import { GENESIS_HASH } from '../store/schema.js';

/** The columns of `events` a tampering may change (the hashes follow from them with `rechain`). */
const EDITABLE = new Set(EVENT_COLUMNS.split(', ').filter((column) => column !== 'position'));

/**
 * How {@link tamperWithEvent} edits a row.
 *
 * @example
 * ```ts
 * const options: TamperOptions = { rechain: true };
 * ```
 */
export interface TamperOptions {
  /**
   * Recompute the hash of the edited row and of every row after it, and the recorded head, so
   * that the chain links again: the forger's best effort. Without it the edited row's hash no
   * longer matches its content.
   */
  readonly rechain?: boolean;
}

/**
 * Edits one stored event behind the library's back, the way someone with write access to the
 * file would: drops the append-only triggers, `UPDATE`s the row with the sqlite3 API, and
 * recreates the triggers. For tests of what verification catches; the ledger must be closed
 * (or at least not mid-write) while it runs.
 *
 * @example
 * ```ts
 * tamperWithEvent(file, 2, { data: '{"percentComplete":90}' });
 * tamperWithEvent(file, 5, { recorded_at: '2024-01-01T00:00:00.000000Z' }, { rechain: true });
 * ```
 */
export function tamperWithEvent(
  file: string,
  position: number,
  changes: Readonly<Record<string, string | number | null>>,
  options: TamperOptions = {},
): void {
  const columns = Object.keys(changes);
  for (const column of columns) {
    if (!EDITABLE.has(column)) throw new RangeError(`tamperWithEvent: '${column}' is not an editable column`);
  }
  const db = new Database(file);
  try {
    db.transaction(() => {
      const triggers = db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
        .all() as { name: string; sql: string }[];
      for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
      if (columns.length > 0) {
        db.prepare(
          `UPDATE events SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE position = @position`,
        ).run({ ...changes, position });
      }
      if (options.rechain) rechainFrom(db, position);
      for (const { sql } of triggers) db.exec(sql);
    })();
  } finally {
    db.close();
  }
}

function rechainFrom(db: Database.Database, position: number): void {
  const before = db
    .prepare('SELECT hash FROM events WHERE position = ?')
    .pluck()
    .get(position - 1) as string | undefined;
  let prevHash = position <= 1 ? GENESIS_HASH : (before ?? GENESIS_HASH);
  const rows = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position >= ? ORDER BY position`)
    .raw(true)
    .all(position) as EventRowTuple[];
  const update = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?');
  let last: { position: number; hash: string } | undefined;
  for (const row of rows) {
    const hash = eventHash(prevHash, chainRowOf(row));
    update.run(prevHash, hash, row[0]);
    last = { position: row[0], hash };
    prevHash = hash;
  }
  if (last !== undefined) {
    db.prepare('UPDATE ledger_head SET hash = ? WHERE position = ?').run(last.hash, last.position);
  }
}
