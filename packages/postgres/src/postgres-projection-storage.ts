import { ValidationError } from '@perfledger/core';
import type {
  Checkpoint,
  ProjectionRow,
  ProjectionStorage,
  ProjectionTable,
} from '@perfledger/core/internal';
import {
  checkTable,
  createIndexSql,
  createTableSql,
  insertRowSql,
  quoteIdentifier,
} from './projection-ddl.js';
import type { SqlClient } from './sql-client.js';

/** Runs `work` on a session: in the caller's transaction when there is one, else in one of its own. */
export type SessionStep = <T>(work: (client: SqlClient) => Promise<T>) => Promise<T>;

/** At most this many values are bound per `INSERT` (PostgreSQL allows 65 535). */
const VALUES_PER_STATEMENT = 4_000;

/** Rows per multi-row `INSERT` (fewer for wide tables, see {@link VALUES_PER_STATEMENT}). */
const ROWS_PER_STATEMENT = 500;

/**
 * The PostgreSQL {@link ProjectionStorage}: tables created from their declarations in the
 * ledger's schema (see {@link createTableSql}), rows inserted with multi-row
 * `INSERT … ON CONFLICT DO NOTHING` (a row whose key is present is skipped), checkpoints in
 * `projection_checkpoints`. Every write joins the caller's transaction, or is one of its own.
 *
 * @example
 * ```ts
 * const storage = new PostgresProjectionStorage('perfledger_x', read, write);
 * await storage.resetTables([table], { deferIndexes: true });
 * await storage.insertRows(table, rows);
 * await storage.createIndexes([table]);
 * ```
 */
export class PostgresProjectionStorage implements ProjectionStorage {
  readonly #schema: string;
  readonly #s: string;
  readonly #read: SessionStep;
  readonly #write: SessionStep;
  readonly #inserts = new Map<string, PreparedInsert>();

  constructor(schema: string, read: SessionStep, write: SessionStep) {
    this.#schema = schema;
    this.#s = quoteIdentifier(schema);
    this.#read = read;
    this.#write = write;
  }

  async resetTables(
    tables: readonly ProjectionTable[],
    options: { readonly deferIndexes?: boolean } = {},
  ): Promise<void> {
    for (const table of tables) checkTable(table);
    const statements: string[] = [];
    for (const table of tables) {
      this.#inserts.delete(table.name);
      statements.push(`DROP TABLE IF EXISTS ${this.#s}.${quoteIdentifier(table.name)}`);
      statements.push(createTableSql(this.#schema, table));
      if (options.deferIndexes !== true) statements.push(...this.#indexes(table));
    }
    if (statements.length === 0) return;
    return this.#write(async (client) => {
      await client.script(statements.map((statement) => `${statement};`).join('\n'));
    });
  }

  async createIndexes(tables: readonly ProjectionTable[]): Promise<void> {
    for (const table of tables) checkTable(table);
    const statements = tables.flatMap((table) => this.#indexes(table));
    return this.#write(async (client) => {
      if (statements.length > 0)
        await client.script(statements.map((statement) => `${statement};`).join('\n'));
    });
  }

  async insertRows(table: ProjectionTable, rows: readonly ProjectionRow[]): Promise<void> {
    const prepared = this.#insertFor(table);
    const { width, perStatement, scalars } = prepared;
    const batches: unknown[][] = [];
    let batch: unknown[] = [];
    for (const row of rows) {
      if (row?.table !== table.name || !Array.isArray(row.values) || row.values.length !== width)
        throw badRow(table, row);
      for (let i = 0; i < width; i++) {
        const value = row.values[i];
        batch.push(
          scalars[i] ? scalarJson(table, i, value) : typeof value === 'bigint' ? value.toString() : value,
        );
      }
      if (batch.length === perStatement * width) {
        batches.push(batch);
        batch = [];
      }
    }
    if (batch.length > 0) batches.push(batch);
    return this.#write(async (client) => {
      for (const values of batches) await client.query(prepared.sql(values.length / width), values);
    });
  }

  existingTables(names: readonly string[]): Promise<string[]> {
    if (names.length === 0) return Promise.resolve([]);
    return this.#read(async (client) => {
      const result = await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname IN (SELECT json_array_elements_text($2::json))
         ORDER BY c.relname COLLATE "C"`,
        [this.#schema, JSON.stringify(names)],
      );
      return result.rows.map((row) => row.name);
    });
  }

  checkpoint(name: string): Promise<Checkpoint | undefined> {
    return this.#read(
      async (client) =>
        (
          await client.query<Checkpoint>(
            `SELECT name, version, position, state FROM ${this.#s}.projection_checkpoints WHERE name = $1`,
            [name],
          )
        ).rows[0],
    );
  }

  checkpoints(): Promise<Checkpoint[]> {
    return this.#read(
      async (client) =>
        (
          await client.query<Checkpoint>(
            `SELECT name, version, position, state FROM ${this.#s}.projection_checkpoints ORDER BY name COLLATE "C"`,
          )
        ).rows,
    );
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
    return this.#write(async (client) => {
      await client.query(
        `INSERT INTO ${this.#s}.projection_checkpoints (name, version, position, state, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position,
           state = excluded.state, updated_at = excluded.updated_at`,
        [name, version, position, state, new Date().toISOString()],
      );
    });
  }

  #indexes(table: ProjectionTable): string[] {
    return (table.indexes ?? []).map((index) => createIndexSql(this.#schema, table.name, index));
  }

  #insertFor(table: ProjectionTable): PreparedInsert {
    const cached = this.#inserts.get(table?.name);
    if (cached !== undefined && cached.table === table) return cached;
    checkTable(table);
    const width = table.columns.length;
    const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(VALUES_PER_STATEMENT / width)));
    const texts = new Map<number, string>();
    const prepared: PreparedInsert = {
      table,
      width,
      perStatement,
      scalars: table.columns.map((column) => column.type === 'scalar'),
      sql: (rowCount) => {
        let text = texts.get(rowCount);
        if (text === undefined) {
          text = insertRowSql(this.#schema, table, rowCount);
          texts.set(rowCount, text);
        }
        return text;
      },
    };
    this.#inserts.set(table.name, prepared);
    return prepared;
  }
}

interface PreparedInsert {
  readonly table: ProjectionTable;
  readonly width: number;
  readonly perStatement: number;
  readonly scalars: readonly boolean[];
  readonly sql: (rowCount: number) => string;
}

/** A scalar value as JSON text: a number or a string (NULL stays NULL). */
function scalarJson(table: ProjectionTable, column: number, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && Number.isFinite(value)) return JSON.stringify(value);
  throw new ValidationError(
    `The scalar column '${table.columns[column]!.name}' of '${table.name}' takes text or a finite number, not ${String(value)}.`,
  );
}

function badRow(table: ProjectionTable, row: ProjectionRow): ValidationError {
  return new ValidationError(
    row?.table !== table.name
      ? `A row for table '${String(row?.table)}' was given to insert into '${table.name}'.`
      : `A row for '${table.name}' has ${row.values?.length} values; the table has ${table.columns.length} columns.`,
  );
}
