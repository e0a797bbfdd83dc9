import { StorageError, ValidationError } from '@perfledger/core';
import type { QueryPort, SqlValue } from '@perfledger/core/internal';
import type Database from 'better-sqlite3';
import { leadingKeyword } from './read-only-statement.js';

/** How the query port reaches the connection: a synchronous step, run with the connection to itself. */
export type ExclusiveStep = <T>(step: () => T) => Promise<T>;

const STATEMENTS_KEPT = 256;

/**
 * The SQLite {@link QueryPort}: read-only SQL with `?` parameters over the ledger's tables.
 * Only a single `SELECT` or `WITH … SELECT` runs; anything else (a write, DDL, a pragma,
 * `ATTACH`, `VACUUM`, several statements) is refused with `StorageError` `READ_ONLY` before it
 * runs, checked both by its leading keyword and by SQLite's own verdict on the compiled
 * statement (`sqlite3_stmt_readonly`), so `WITH x AS (…) DELETE …` is refused too. Rows come back
 * as plain objects; integers within ±2^53 as numbers and beyond as `bigint`, never rounded.
 * Statements are prepared once and kept (up to 256).
 *
 * @example
 * ```ts
 * const port = sqliteQueryPort(db, 'plan.db', run);
 * await port.all('SELECT code FROM audit_trail WHERE position <= ?', [upTo]);
 * ```
 */
export function sqliteQueryPort(db: Database.Database, file: string, exclusive: ExclusiveStep): QueryPort {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    const cached = statements.get(sql);
    if (cached !== undefined) return cached;
    if (typeof sql !== 'string') throw new ValidationError(`A query must be SQL text, not ${typeof sql}.`);
    const keyword = leadingKeyword(sql);
    if (keyword !== 'SELECT' && keyword !== 'WITH')
      throw refused(file, sql, `${keyword || 'it'} is not a SELECT`);
    let statement: Database.Statement;
    try {
      statement = db.prepare(sql);
    } catch (error) {
      if (error instanceof RangeError && /more than one statement/.test(error.message)) {
        throw refused(file, sql, 'it holds more than one statement');
      }
      throw error;
    }
    if (!statement.readonly || !statement.reader) throw refused(file, sql, 'it writes');
    statement.safeIntegers(true);
    if (statements.size >= STATEMENTS_KEPT) statements.clear();
    statements.set(sql, statement);
    return statement;
  };
  const checkedParams = (params: readonly SqlValue[] | undefined): readonly SqlValue[] => {
    if (params === undefined) return [];
    if (!Array.isArray(params))
      throw new ValidationError('Query parameters must be a list of values for the ? placeholders.');
    return params;
  };
  const all = <T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> => {
    const values = checkedParams(params);
    return exclusive(() => (prepare(sql).all(...values) as Record<string, unknown>[]).map(plainRow) as T[]);
  };
  return Object.freeze({
    all,
    get: <T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> => {
      const values = checkedParams(params);
      return exclusive(() => {
        const row = prepare(sql).get(...values) as Record<string, unknown> | undefined;
        return row === undefined ? undefined : (plainRow(row) as T);
      });
    },
    batches: <T>(sql: string, params?: readonly SqlValue[], batchSize = 1_000): AsyncIterable<T[]> => {
      const values = checkedParams(params);
      if (!(Number.isSafeInteger(batchSize) && batchSize >= 1)) {
        throw new ValidationError(
          `A batch size must be a whole number, at least 1, not ${String(batchSize)}.`,
        );
      }
      return batchesOf<T>(sql, values, batchSize, all, () => exclusive(() => prepare(sql)));
    },
  });
}

/**
 * Each batch is one read of the statement with `LIMIT ? OFFSET ?` around it, under one lock
 * acquisition, so no statement stays open between batches (the connection stays free for other
 * callers, and memory holds one batch). Give the statement an `ORDER BY` that decides every row's
 * place for a stable split into batches.
 */
async function* batchesOf<T>(
  sql: string,
  params: readonly SqlValue[],
  batchSize: number,
  all: <R>(sql: string, params?: readonly SqlValue[]) => Promise<R[]>,
  check: () => Promise<unknown>,
): AsyncGenerator<T[]> {
  // The statement itself is checked (and refused) as all() would, before it is wrapped.
  await check();
  const paged = `SELECT * FROM (${sql.replace(/[\s;]+$/, '')}) LIMIT ? OFFSET ?`;
  for (let offset = 0; ; offset += batchSize) {
    const rows = await all<T>(paged, [...params, batchSize, offset]);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
  }
}

function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const key in row) {
    const value = row[key];
    if (typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE) row[key] = Number(value);
  }
  return row;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function refused(file: string, sql: string, why: string): StorageError {
  const shown = sql.trim().replace(/\s+/g, ' ');
  return new StorageError(
    'READ_ONLY',
    file,
    `The query \`${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}\` was refused before it ran: ${why}; the query port runs only a single SELECT (or WITH … SELECT). Nothing was written.`,
  );
}
