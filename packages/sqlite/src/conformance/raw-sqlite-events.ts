import type { ChainRow, RawEventAccess, StoredEventField, StoredValue } from '@perfledger/core/conformance';
import Database from 'better-sqlite3';
import { completeStoredTree, rawSqliteTree } from './raw-sqlite-tree.js';

/** The `events` column of each stored field. */
const COLUMN_OF: Readonly<Record<StoredEventField, string>> = {
  position: 'position',
  eventId: 'event_id',
  stream: 'stream',
  streamVersion: 'stream_version',
  type: 'type',
  schemaVersion: 'schema_version',
  dataJson: 'data',
  effectiveOn: 'effective_on',
  recordedAt: 'recorded_at',
  actor: 'actor',
  source: 'source',
  correlationId: 'correlation_id',
  causationId: 'causation_id',
  idempotencyKey: 'idempotency_key',
  prevHash: 'prev_hash',
  hash: 'hash',
};

const FIELDS = Object.keys(COLUMN_OF) as StoredEventField[];
const COLUMNS = FIELDS.map((field) => COLUMN_OF[field]).join(', ');
const PLACEHOLDERS = FIELDS.map(() => '?').join(', ');

function columnOf(field: string): string {
  const column = COLUMN_OF[field as StoredEventField];
  if (column === undefined) throw new RangeError(`no stored event field '${field}'`);
  return column;
}

/** Runs `work` on a connection of its own to the file, as another client of the database. */
function withConnection<T>(file: string, work: (db: Database.Database) => T): T {
  const db = new Database(file, { fileMustExist: true, timeout: 5_000 });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

function storedRow(db: Database.Database, position: number): StoredValue[] {
  const row = db.prepare(`SELECT ${COLUMNS} FROM events WHERE position = ?`).raw(true).get(position) as
    | StoredValue[]
    | undefined;
  if (row === undefined) throw new RangeError(`there is no event at position ${position}`);
  return row;
}

function replaced(
  row: readonly StoredValue[],
  changes: Readonly<Partial<Record<StoredEventField, StoredValue>>>,
): StoredValue[] {
  for (const field of Object.keys(changes)) columnOf(field);
  return FIELDS.map((field, i) => (field in changes ? (changes[field] as StoredValue) : row[i]!));
}

/**
 * Another client of a SQLite ledger file (a better-sqlite3 connection of its own): the plain
 * writes the file's triggers must refuse, and the owner's tampering that drops them first. Rows
 * appended this way get their Merkle nodes too, as an append would write them.
 *
 * @example
 * ```ts
 * const raw = rawSqliteEvents('/tmp/ledger.db');
 * await raw.tamper(2, { dataJson: '{"comment":"forged"}' });
 * ```
 */
export function rawSqliteEvents(file: string): RawEventAccess {
  return {
    nodes: rawSqliteTree(file),
    async tryUpdate(position, field, value) {
      withConnection(file, (db) => {
        db.prepare(`UPDATE events SET ${columnOf(field)} = ? WHERE position = ?`).run(value, position);
      });
    },
    async tryDelete(position) {
      withConnection(file, (db) => {
        db.prepare('DELETE FROM events WHERE position = ?').run(position);
      });
    },
    async tryReplace(position, changes) {
      withConnection(file, (db) => {
        const row = replaced(storedRow(db, position), changes);
        db.prepare(`INSERT OR REPLACE INTO events (${COLUMNS}) VALUES (${PLACEHOLDERS})`).run(...row);
      });
    },
    async tamper(position, changes) {
      withConnection(file, (db) => {
        db.transaction(() => {
          const row = replaced(storedRow(db, position), changes);
          const triggers = db
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
            .all() as { name: string; sql: string }[];
          for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
          db.prepare('DELETE FROM events WHERE position = ?').run(position);
          db.prepare(`INSERT INTO events (${COLUMNS}) VALUES (${PLACEHOLDERS})`).run(...row);
          for (const { sql } of triggers) db.exec(sql);
        })();
      });
    },
    async tamperDelete(position) {
      withConnection(file, (db) => {
        db.transaction(() => {
          storedRow(db, position);
          const triggers = db
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
            .all() as { name: string; sql: string }[];
          for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
          db.prepare('DELETE FROM events WHERE position = ?').run(position);
          for (const { sql } of triggers) db.exec(sql);
        })();
      });
    },
    async appendRows(rows: readonly ChainRow[]) {
      withConnection(file, (db) => {
        db.transaction(() => {
          const insert = db.prepare(`INSERT INTO events (${COLUMNS}) VALUES (${PLACEHOLDERS})`);
          for (const row of rows) insert.run(...FIELDS.map((field) => row[field]));
          completeStoredTree(db);
          const last = rows.at(-1);
          if (last !== undefined) {
            db.prepare('UPDATE ledger_head SET position = ?, hash = ?, recorded_at = ? WHERE id = 1').run(
              last.position,
              last.hash,
              last.recordedAt,
            );
          }
        }).immediate();
      });
    },
  };
}
