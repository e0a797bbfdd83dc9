import { StorageError, ValidationError } from '@perfledger/core';
import type { QueryPort, SqlValue } from '@perfledger/core/internal';
import { castOf, translatePlaceholders, wireValue } from './query-sql.js';
import type { SqlClient } from './sql-client.js';

/**
 * How the query port reaches the database: runs `work` on a session in a READ ONLY transaction
 * (or a read-only savepoint of the caller's transaction) whose `search_path` is the ledger's
 * schema, and gives the session back.
 */
export type ReadOnlyRunner = <T>(work: (client: SqlClient) => Promise<T>) => Promise<T>;

/**
 * The PostgreSQL {@link QueryPort}: portable read-only SQL with `?` parameters over one ledger's
 * tables. Only a single `SELECT` or `WITH … SELECT` is accepted; anything else (a write, DDL,
 * `SET`, several statements) is refused with `StorageError` `READ_ONLY` before it runs. What is
 * accepted runs in a READ ONLY transaction, so a data-modifying CTE, `SELECT … FOR UPDATE`, or a
 * function that writes is refused by PostgreSQL itself (`25006`, also `READ_ONLY`), and whatever
 * the statement changed of the session (`set_config`) is rolled back with it. Placeholders become
 * `$n` outside string literals, identifiers and comments, each cast from its value's type.
 *
 * @example
 * ```ts
 * const port = postgresQueryPort('postgres://db/x#ledger', run);
 * await port.all('SELECT code FROM audit_trail WHERE position <= ?', [upTo]);
 * ```
 */
export function postgresQueryPort(location: string, run: ReadOnlyRunner): QueryPort {
  const prepare = (sql: string, params: readonly SqlValue[] | undefined) => {
    if (typeof sql !== 'string') throw new ValidationError(`A query must be SQL text, not ${typeof sql}.`);
    if (params !== undefined && !Array.isArray(params))
      throw new ValidationError('Query parameters must be a list of values for the ? placeholders.');
    const values = params ?? [];
    for (const value of values) {
      if (value !== null && !['string', 'number', 'bigint'].includes(typeof value)) {
        throw new ValidationError(`A query parameter must be text, a number or null, not ${typeof value}.`);
      }
    }
    const translated = translatePlaceholders(sql, (i) => castOf(values[i] ?? null));
    if (translated.keyword !== 'SELECT' && translated.keyword !== 'WITH')
      throw refused(location, sql, `${translated.keyword || 'it'} is not a SELECT`);
    if (translated.several) throw refused(location, sql, 'it holds more than one statement');
    if (translated.placeholders !== values.length) {
      throw new ValidationError(
        `The query has ${translated.placeholders} ? placeholders but ${values.length} parameters were given.`,
      );
    }
    return { text: translated.text, values: values.map(wireValue) };
  };
  const all = async <T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> => {
    const { text, values } = prepare(sql, params);
    return run(async (client) => (await client.query(text, values)).rows as T[]);
  };
  return Object.freeze({
    all,
    get: async <T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> =>
      (await all<T>(sql, params))[0],
    batches: <T>(sql: string, params?: readonly SqlValue[], batchSize = 1_000): AsyncIterable<T[]> => {
      if (!(Number.isSafeInteger(batchSize) && batchSize >= 1)) {
        throw new ValidationError(
          `A batch size must be a whole number, at least 1, not ${String(batchSize)}.`,
        );
      }
      prepare(sql, params);
      return batchesOf<T>(sql, params ?? [], batchSize, all);
    },
  });
}

/**
 * Each batch is one read of the statement with `LIMIT ? OFFSET ?` around it, in a transaction of
 * its own, so no session stays checked out between batches. Give the statement an `ORDER BY`
 * that decides every row's place for a stable split into batches.
 */
async function* batchesOf<T>(
  sql: string,
  params: readonly SqlValue[],
  batchSize: number,
  all: <R>(sql: string, params?: readonly SqlValue[]) => Promise<R[]>,
): AsyncGenerator<T[]> {
  const paged = `SELECT * FROM (${sql.replace(/[\s;]+$/, '')}) AS perfledger_batch LIMIT ? OFFSET ?`;
  for (let offset = 0; ; offset += batchSize) {
    const rows = await all<T>(paged, [...params, batchSize, offset]);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
  }
}

function refused(location: string, sql: string, why: string): StorageError {
  const shown = sql.trim().replace(/\s+/g, ' ');
  return new StorageError(
    'READ_ONLY',
    location,
    `The query \`${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}\` was refused before it ran: ${why}; the query port runs only a single SELECT (or WITH … SELECT). Nothing was written.`,
  );
}
