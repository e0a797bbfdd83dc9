import type { Projection, ProjectionTable } from '@perfledger/core';
import { createIndexSql, createTableSql, quoteIdentifier } from '@perfledger/sqlite/internal';
import type Database from 'better-sqlite3';
import type { RssSampler } from './measure.js';
import { removeDatabase } from './paths.js';
import { openRaw, openRawReader } from './raw-sqlite.js';

/** Events per raw transaction: large, as a rebuild may use. */
const EVENTS_PER_TRANSACTION = 100_000;

/** Rows read ahead per table (untimed) before they are inserted. */
const READ_AHEAD = 20_000;

/** The page cache of the raw side: 1 GiB, the budget `@perfledger/sqlite` gives a bulk rebuild. */
const CACHE_KIB = 1_048_576;

/**
 * The limit a rebuild can reach: raw better-sqlite3 inserting exactly the rows the projections
 * wrote (read back from `source`, whose projection tables a rebuild has just filled) into the same
 * tables in a fresh `target` file, in event order (rows merged by `position` across tables), in
 * transactions of {@link EVENTS_PER_TRANSACTION} events, at `synchronous=NORMAL` with a 1 GiB page
 * cache, with the secondary indexes built after the rows. Only the inserts, the commits and the
 * index builds are timed; reading the rows back is not.
 *
 * @example
 * ```ts
 * const { events, ms, rows } = insertProjectionRowsRaw('ledger.db', 'scratch.db', allProjections(), sampler);
 * ```
 */
export function insertProjectionRowsRaw(
  source: string,
  target: string,
  projections: readonly Projection[],
  sampler: RssSampler,
): { events: number; ms: number; rows: number } {
  const tables = projections.flatMap((projection) => projection.tables);
  const events = headPosition(source);
  const staging = `${target}.staging`;
  const reader = stageRows(source, staging, tables);
  const db = openRaw(target, 'normal');
  try {
    db.pragma(`cache_size = -${CACHE_KIB}`);
    for (const table of tables) db.exec(createTableSql(table));
    const cursors = tables.map((table) => new TableCursor(reader, db, table));
    let ms = 0;
    let rows = 0;
    const timed = (work: () => void) => {
      const started = performance.now();
      work();
      ms += performance.now() - started;
    };
    for (let from = 0; from < events; from += EVENTS_PER_TRANSACTION) {
      const to = Math.min(events, from + EVENTS_PER_TRANSACTION);
      timed(() => db.exec('BEGIN'));
      // Merge the tables' rows by position within the window, READ_AHEAD rows at a time per table.
      for (let upTo = from + READ_AHEAD; ; upTo += READ_AHEAD) {
        const until = Math.min(upTo, to);
        for (const cursor of cursors) {
          const batch = cursor.readUntil(until);
          timed(() => {
            for (const values of batch) cursor.insert.run(values);
          });
          rows += batch.length;
        }
        sampler.sample();
        if (until >= to) break;
      }
      timed(() => db.exec('COMMIT'));
    }
    timed(() => {
      for (const table of tables) {
        for (const index of table.indexes ?? []) db.exec(createIndexSql(table.name, index));
      }
    });
    return { events, ms, rows };
  } finally {
    db.close();
    reader.close();
    removeDatabase(staging);
  }
}

/** The number of events in a ledger file: its head position. */
function headPosition(file: string): number {
  const db = openRawReader(file);
  try {
    return db.prepare('SELECT position FROM ledger_head WHERE id = 1').pluck().get() as number;
  } finally {
    db.close();
  }
}

/**
 * Copies the source's projection rows (untimed) into a staging file whose tables have the same
 * declared columns and an index on `position`, so that they can be read back in event order a
 * window at a time: not every projection table has an index that starts with `position`.
 */
function stageRows(source: string, staging: string, tables: readonly ProjectionTable[]): Database.Database {
  removeDatabase(staging);
  const db = openRaw(staging, 'normal');
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.prepare('ATTACH DATABASE ? AS src').run(source);
  for (const table of tables) {
    const name = quoteIdentifier(table.name);
    db.exec(createTableSql(table));
    db.exec(`INSERT INTO main.${name} SELECT * FROM src.${name}`);
    db.exec(`CREATE INDEX ${quoteIdentifier(`${table.name}_staging_position`)} ON ${name} (position)`);
  }
  db.exec('DETACH DATABASE src');
  return db;
}

/** One table's rows in position order, read a window at a time, and its raw insert. */
class TableCursor {
  readonly insert: Database.Statement<unknown[]>;
  readonly #select: Database.Statement<unknown[]>;
  #after = 0;

  constructor(reader: Database.Database, db: Database.Database, table: ProjectionTable) {
    if (!table.columns.some((column) => column.name === 'position')) {
      throw new Error(`raw-insert: table ${table.name} has no position column to order its rows by`);
    }
    const columns = table.columns.map((column) => quoteIdentifier(column.name)).join(', ');
    this.#select = reader
      .prepare(
        `SELECT ${columns} FROM ${quoteIdentifier(table.name)} WHERE position > ? AND position <= ? ORDER BY position`,
      )
      .raw(true);
    this.insert = db.prepare(
      `INSERT INTO ${quoteIdentifier(table.name)} (${columns}) VALUES (${table.columns.map(() => '?').join(', ')})`,
    );
  }

  /** The rows after the last read up to `position`, in position order. */
  readUntil(position: number): unknown[][] {
    const rows = this.#select.all(this.#after, position) as unknown[][];
    this.#after = position;
    return rows;
  }
}
