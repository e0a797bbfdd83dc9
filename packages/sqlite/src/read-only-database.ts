import { StorageError } from '@perfledger/core';
import { refusalOf } from './read-only-statement.js';
import type { SqlDatabase, SqlStatement } from './sql-database.js';
import { translateSqliteError } from './sqlite-errors.js';

/**
 * What the read-only guard needs of a compiled statement: better-sqlite3's `Statement` has it.
 *
 * @example
 * ```ts
 * const statement: CompiledStatement = db.prepare('SELECT 1');
 * statement.readonly; // true
 * ```
 */
export interface CompiledStatement extends SqlStatement {
  /** `sqlite3_stmt_readonly`: true when running the statement writes nothing to the database. */
  readonly readonly: boolean;
  /** True when the statement returns rows. */
  readonly reader: boolean;
}

/**
 * The connection underneath: better-sqlite3's `Database` satisfies it.
 *
 * @example
 * ```ts
 * const db: CompilingDatabase = new Database('plan.db', { readonly: true });
 * ```
 */
export interface CompilingDatabase {
  /** Compiles one statement without running it. */
  prepare(sql: string): CompiledStatement;
}

/**
 * The connection as a read-only ledger hands it out (`ledger.store.database`). The file is opened
 * with SQLite's read-only flag, yet a read-only connection can still write elsewhere:
 * `VACUUM INTO 'copy.db'` writes a new file, `ATTACH` reaches other files, and pragmas change the
 * connection (`query_only = OFF`). So every statement is classified when it is prepared (see
 * {@link refusalOf}), and one that could write anywhere is refused with `StorageError`
 * `READ_ONLY` when it is run, before SQLite runs it (preparing it is allowed: projections prepare
 * their inserts up front). `exec` runs one statement, checked the same way (a script of several
 * is refused whole: each must be checked before any runs). Every SQLite error of a statement that
 * is allowed is reported as the ledger's typed error too, never as a raw `SqliteError`.
 *
 * @example
 * ```ts
 * const database = readOnlyDatabase(db, 'plan.db', 5_000);
 * database.prepare("VACUUM INTO 'copy.db'"); // throws StorageError READ_ONLY; no file is written
 * ```
 */
export function readOnlyDatabase(db: CompilingDatabase, file: string, busyTimeoutMs: number): SqlDatabase {
  const guard = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      throw translateSqliteError(error, file, busyTimeoutMs);
    }
  };
  const compile = (sql: string): { compiled: CompiledStatement; refusal: StorageError | undefined } => {
    if (typeof sql !== 'string') throw refused(file, String(sql), 'it is not SQL text');
    let compiled: CompiledStatement;
    try {
      compiled = guard(() => db.prepare(sql));
    } catch (error) {
      if (error instanceof RangeError && /more than one statement/.test(error.message)) {
        throw refused(file, sql, 'it holds more than one statement; run them one at a time');
      }
      throw error;
    }
    const why = refusalOf(sql, compiled.readonly);
    return { compiled, refusal: why === undefined ? undefined : refused(file, sql, why) };
  };
  // Preparing a write is allowed (projections prepare their inserts up front); running one is not.
  const statement = ({ compiled, refusal }: ReturnType<typeof compile>): SqlStatement => {
    const checked = <T>(work: () => T): T => {
      if (refusal !== undefined) throw refusal;
      return guard(work);
    };
    return Object.freeze({
      run: (...params: unknown[]) => checked(() => compiled.run(...params)),
      get: (...params: unknown[]) => checked(() => compiled.get(...params)),
      all: (...params: unknown[]) => checked(() => compiled.all(...params)),
      iterate: (...params: unknown[]) =>
        iterateGuarded(guard, () => checked(() => compiled.iterate(...params))),
    });
  };
  const database: SqlDatabase = Object.freeze({
    prepare: (sql: string) => statement(compile(sql)),
    exec: (sql: string) => {
      const { compiled, refusal } = compile(sql);
      if (refusal !== undefined) throw refusal;
      guard(() => (compiled.reader ? compiled.all() : compiled.run()));
      return database;
    },
  });
  return database;
}

function refused(file: string, sql: string, why: string): StorageError {
  const shown = sql.trim().replace(/\s+/g, ' ');
  return new StorageError(
    'READ_ONLY',
    file,
    `'${file}' is open read-only, so the statement \`${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}\` was refused before it ran: ${why}. Nothing was written.`,
  );
}

function* iterateGuarded(
  guard: <T>(work: () => T) => T,
  open: () => IterableIterator<unknown>,
): Generator<unknown> {
  const iterator = guard(open);
  try {
    for (;;) {
      const next = guard(() => iterator.next());
      if (next.done) return;
      yield next.value;
    }
  } finally {
    iterator.return?.();
  }
}
