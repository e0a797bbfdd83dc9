import { ValidationError } from '@perfledger/core';
import type {
  Checkpoint,
  ProjectionRow,
  ProjectionStorage,
  ProjectionTable,
} from '@perfledger/core/internal';
import type Database from 'better-sqlite3';
import { checkTable, createIndexSql, createTableSql, insertRowSql } from './projection-ddl.js';
import type { ExclusiveStep } from './sqlite-query-port.js';
import type { Statements } from './statements.js';

/** How the storage writes: a synchronous step in one write transaction (joining the caller's). */
export type WriteStep = <T>(step: () => T) => Promise<T>;

/**
 * The SQLite {@link ProjectionStorage}: tables created from their declarations (see
 * {@link createTableSql}), rows inserted with cached `INSERT OR IGNORE` statements per table (the
 * rebuild's hot path: up to 50 rows per call of a prepared statement, positional values, no row
 * objects), checkpoints in
 * `projection_checkpoints`. Every write joins the caller's transaction, or is one of its own.
 *
 * @example
 * ```ts
 * const storage = new SqliteProjectionStorage(db, statements, read, write);
 * await storage.resetTables([table], { deferIndexes: true });
 * await storage.insertRows(table, rows);
 * await storage.createIndexes([table]);
 * ```
 */
export class SqliteProjectionStorage implements ProjectionStorage {
  readonly #db: Database.Database;
  readonly #statements: Statements;
  readonly #read: ExclusiveStep;
  readonly #write: WriteStep;
  /** Insert statements by table name, with the column list they were prepared for. */
  readonly #inserts = new Map<string, PreparedInsert>();

  constructor(db: Database.Database, statements: Statements, read: ExclusiveStep, write: WriteStep) {
    this.#db = db;
    this.#statements = statements;
    this.#read = read;
    this.#write = write;
  }

  async resetTables(
    tables: readonly ProjectionTable[],
    options: { readonly deferIndexes?: boolean } = {},
  ): Promise<void> {
    for (const table of tables) checkTable(table);
    return this.#write(() => {
      for (const table of tables) {
        this.#inserts.delete(table.name);
        this.#db.exec(`DROP TABLE IF EXISTS "${table.name}"`);
        this.#db.exec(createTableSql(table));
        if (options.deferIndexes !== true) this.#createIndexes(table);
      }
    });
  }

  async createIndexes(tables: readonly ProjectionTable[]): Promise<void> {
    for (const table of tables) checkTable(table);
    return this.#write(() => {
      for (const table of tables) this.#createIndexes(table);
    });
  }

  async insertRows(table: ProjectionTable, rows: readonly ProjectionRow[]): Promise<void> {
    const prepared = this.#insertFor(table);
    return this.#write(() => {
      insertAll(prepared, rows);
    });
  }

  existingTables(names: readonly string[]): Promise<string[]> {
    if (names.length === 0) return Promise.resolve([]);
    return this.#read(
      () =>
        this.#db
          .prepare(
            `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${names.map(() => '?').join(', ')}) ORDER BY name`,
          )
          .pluck()
          .all(...names) as string[],
    );
  }

  checkpoint(name: string): Promise<Checkpoint | undefined> {
    return this.#read(() => this.#statements.checkpointGet.get(name) as Checkpoint | undefined);
  }

  checkpoints(): Promise<Checkpoint[]> {
    return this.#read(() => this.#statements.checkpointAll.all() as Checkpoint[]);
  }

  async putCheckpoint(checkpoint: Checkpoint): Promise<void> {
    const { name, version, position, state } = checkpoint ?? {};
    if (
      typeof name !== 'string' ||
      !Number.isSafeInteger(version) ||
      !(Number.isSafeInteger(position) && position >= 0) ||
      (state !== 'ready' && state !== 'rebuilding')
    ) {
      throw new ValidationError(
        `A checkpoint needs a name, a whole version, a position at least 0 and a state 'ready' or 'rebuilding'.`,
      );
    }
    return this.#write(() => {
      this.#statements.checkpointPut.run(name, version, position, state, new Date().toISOString());
    });
  }

  #createIndexes(table: ProjectionTable): void {
    for (const index of table.indexes ?? []) this.#db.exec(createIndexSql(table.name, index));
  }

  #insertFor(table: ProjectionTable): PreparedInsert {
    const cached = this.#inserts.get(table?.name);
    // The same declaration object: the common case, checked without building any SQL.
    if (cached !== undefined && cached.table === table) return cached;
    checkTable(table);
    const sql = insertRowSql(table);
    if (cached !== undefined && cached.sql === sql) return cached;
    const width = table.columns.length;
    const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(VALUES_PER_STATEMENT / width)));
    let many: Database.Statement | undefined;
    const prepared: PreparedInsert = {
      table,
      sql,
      width,
      one: this.#db.prepare(sql),
      perStatement,
      // Prepared on first use: inline appends insert a few rows at a time.
      many: () => {
        many ??= this.#db.prepare(insertRowSql(table, perStatement));
        return many;
      },
      scalars: table.columns.flatMap((column, i) => (column.type === 'scalar' ? [i] : [])),
    };
    this.#inserts.set(table.name, prepared);
    return prepared;
  }
}

/** Rows per multi-row `INSERT` (fewer for wide tables, see {@link VALUES_PER_STATEMENT}). */
const ROWS_PER_STATEMENT = 50;

/** At most this many values are bound per statement: far below SQLite's limit of 32 766. */
const VALUES_PER_STATEMENT = 1_000;

/**
 * A table's cached inserts: one row per statement, and {@link PreparedInsert.perStatement} rows
 * per statement (a rebuild's hot path: one call into SQLite for many rows), and which columns
 * are `scalar`.
 */
interface PreparedInsert {
  readonly table: ProjectionTable;
  readonly sql: string;
  readonly width: number;
  readonly one: Database.Statement;
  readonly perStatement: number;
  readonly many: () => Database.Statement;
  readonly scalars: readonly number[];
}

/**
 * Inserts the rows in order, {@link PreparedInsert.perStatement} at a time, the rest one by one:
 * the same rows in the same order as inserting each on its own (a duplicate, of a stored row or
 * of an earlier one in the list, is skipped either way). Checks every row's table and width
 * before binding it.
 */
function insertAll(prepared: PreparedInsert, rows: readonly ProjectionRow[]): void {
  const { table, width, perStatement, scalars } = prepared;
  const count = rows.length;
  let next = 0;
  if (count >= perStatement && perStatement > 1) {
    const many = prepared.many();
    const bound: unknown[] = new Array(perStatement * width);
    for (; next + perStatement <= count; next += perStatement) {
      let at = 0;
      for (let r = next; r < next + perStatement; r++) {
        const row = rows[r]!;
        const values = row.values;
        if (row.table !== table.name || values.length !== width) throw badRow(table, row);
        for (let i = 0; i < width; i++) bound[at + i] = values[i];
        for (const i of scalars) {
          const value = values[i];
          if (typeof value === 'number' && Number.isSafeInteger(value)) bound[at + i] = BigInt(value);
        }
        at += width;
      }
      many.run(bound);
    }
  }
  for (; next < count; next++) {
    const row = rows[next]!;
    if (row.table !== table.name || row.values.length !== width) throw badRow(table, row);
    prepared.one.run(scalars.length === 0 ? (row.values as unknown[]) : exactScalars(row.values, scalars));
  }
}

/**
 * The values with whole numbers in `scalar` columns bound as 64-bit integers: better-sqlite3
 * binds every JavaScript number as a double, which an `ANY` column (no type affinity) would keep
 * as a REAL, so 58 would come back as 58.0 and compare unequal to an integer 58.
 */
function exactScalars(values: readonly unknown[], scalars: readonly number[]): unknown[] {
  const bound = values.slice();
  for (const i of scalars) {
    const value = bound[i];
    if (typeof value === 'number' && Number.isSafeInteger(value)) bound[i] = BigInt(value);
  }
  return bound;
}

function badRow(table: ProjectionTable, row: ProjectionRow): ValidationError {
  return new ValidationError(
    row.table !== table.name
      ? `A row for table '${String(row.table)}' was given to insert into '${table.name}'.`
      : `A row for '${table.name}' has ${row.values.length} values; the table has ${table.columns.length} columns.`,
  );
}
