import {
  chainRowOf,
  EVENT_COLUMNS,
  type EventRowTuple,
  eventHash,
  GENESIS_HASH,
} from '@perfledger/core/internal';
import Database from 'better-sqlite3';
import { rebuildStoredTree } from './stored-tree.js';

const COLUMNS = EVENT_COLUMNS.split(', ');
/** The columns of `events` a tampering may change (the hashes follow from them with `rechain`). */
const EDITABLE = new Set(COLUMNS.filter((column) => column !== 'position'));

/**
 * How {@link tamperWithEvent} edits a row.
 *
 * @example
 * ```ts
 * const options: TamperOptions = { rechain: true, method: 'keep-schema' };
 * ```
 */
export interface TamperOptions {
  /**
   * Recompute the hash of the edited row and of every row after it, and the recorded head, so
   * that the chain links again: the forger's best effort. Without it the edited row's hash no
   * longer matches its content.
   */
  readonly rechain?: boolean;
  /**
   * `'drop-triggers'` (default): drop the append-only triggers, rewrite the row, recreate them
   * (which moves the schema cookie). `'keep-schema'`: the same, then set the schema cookie back
   * (`PRAGMA schema_version`), so nothing but the row's content betrays the edit: the forger who
   * hides their schema change.
   */
  readonly method?: 'drop-triggers' | 'keep-schema';
}

/**
 * Edits one stored event behind the library's back, the way someone with write access to the
 * file would: by default drops the append-only triggers, `UPDATE`s the row with the sqlite3 API,
 * and recreates the triggers. For tests of what verification catches; the ledger must not be
 * mid-write while it runs.
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
  for (const column of Object.keys(changes)) {
    if (!EDITABLE.has(column)) throw new RangeError(`tamperWithEvent: '${column}' is not an editable column`);
  }
  const db = new Database(file);
  try {
    db.transaction(() => {
      const schemaVersion = db.pragma('schema_version', { simple: true }) as number;
      const triggers = db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
        .all() as { name: string; sql: string }[];
      for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
      const write = db.prepare(
        `INSERT OR REPLACE INTO events (${EVENT_COLUMNS}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
      );
      const read = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position = ?`).raw(true);
      const row = read.get(position) as EventRowTuple | undefined;
      if (row === undefined)
        throw new RangeError(`tamperWithEvent: there is no event at position ${position}`);
      write.run(...COLUMNS.map((column, i) => (column in changes ? changes[column] : row[i])));
      if (options.rechain) {
        rechainFrom(db, position, write);
        // A forger who recomputes every hash recomputes the Merkle tree's nodes as well.
        rebuildStoredTree(db);
      }
      for (const { sql } of triggers) db.exec(sql);
      // better-sqlite3 runs in defensive mode, which ignores writes to the schema cookie.
      // better-sqlite3's defensive mode ignores writes to the schema cookie; a forger turns it off.
      if (options.method === 'keep-schema') db.unsafeMode(true).pragma(`schema_version = ${schemaVersion}`);
    })();
  } finally {
    db.close();
  }
}

function rechainFrom(db: Database.Database, position: number, write: Database.Statement): void {
  const before = db
    .prepare('SELECT hash FROM events WHERE position = ?')
    .pluck()
    .get(position - 1) as string | undefined;
  let prevHash = before ?? GENESIS_HASH;
  const rows = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position >= ? ORDER BY position`)
    .raw(true)
    .all(position) as EventRowTuple[];
  let last: { position: number; hash: string } | undefined;
  for (const row of rows) {
    const hash = eventHash(prevHash, chainRowOf(row));
    write.run(...row.slice(0, 14), prevHash, hash);
    last = { position: row[0], hash };
    prevHash = hash;
  }
  if (last !== undefined) {
    db.prepare('UPDATE ledger_head SET hash = ? WHERE position = ?').run(last.hash, last.position);
  }
}
