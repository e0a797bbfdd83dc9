import type { PGlite } from '@electric-sql/pglite';
import type { PostgresStore } from '../postgres-store.js';
import { openPostgresStore } from '../postgres-store-factory.js';
import type { PostgresStoreOptions } from '../postgres-store-options.js';
import { DEFAULT_LEDGER } from '../schema.js';
import { type SqlClient, type SqlConnector, TYPE_PARSERS } from '../sql-client.js';

/** Identity serializers for JSON parameters: the store passes JSON text, not values to encode. */
const SERIALIZERS = { 114: (value: unknown) => String(value), 3802: (value: unknown) => String(value) };

/** One queue per PGlite instance: it has a single session, which every connector on it shares. */
const queues = new WeakMap<PGlite, { tail: Promise<void> }>();

/**
 * A connector over an in-process PGlite (real PostgreSQL compiled to WASM). PGlite has one
 * session, so each checkout waits until the previous one is given back: every store on one
 * PGlite instance behaves as a pool of one connection. What needs two sessions at once (a second
 * connection reading while a transaction is open) cannot run on it; the server runs that.
 *
 * @example
 * ```ts
 * const db = await PGlite.create();
 * const store = await openPostgresStore(pgliteConnector(db), { ledger: 'x', location: 'pglite#x' });
 * ```
 */
export function pgliteConnector(db: PGlite): SqlConnector {
  let queue = queues.get(db);
  if (queue === undefined) {
    queue = { tail: Promise.resolve() };
    queues.set(db, queue);
  }
  const shared = queue;
  return {
    async connect(): Promise<SqlClient> {
      let free!: () => void;
      const turn = new Promise<void>((resolve) => {
        free = resolve;
      });
      const before = shared.tail;
      shared.tail = before.then(() => turn);
      await before;
      let released = false;
      return {
        async query<R>(
          sql: string,
          params: readonly unknown[] = [],
          options: { readonly arrays?: boolean } = {},
        ) {
          const result = await db.query<R>(sql, params as unknown[], {
            rowMode: options.arrays ? 'array' : 'object',
            parsers: TYPE_PARSERS as Record<number, (value: string) => unknown>,
            serializers: SERIALIZERS,
          });
          return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
        },
        async script<R>(sql: string) {
          const results = await db.exec(sql, {
            rowMode: 'array',
            parsers: TYPE_PARSERS as Record<number, (value: string) => unknown>,
          });
          return results.map((r) => ({ rows: r.rows as R[], rowCount: r.affectedRows ?? 0 }));
        },
        release() {
          if (released) return;
          released = true;
          free();
        },
      };
    },
    async end() {},
  };
}

/**
 * The options of {@link pgliteStore}: the engine's, with a PGlite instance in place of a
 * connection string or pool.
 *
 * @example
 * ```ts
 * const options: PgliteStoreOptions = { db: await PGlite.create(), ledger: 'test_a' };
 * ```
 */
export type PgliteStoreOptions = Omit<PostgresStoreOptions, 'connectionString' | 'pool'> & {
  /** The in-process PGlite database; the caller creates and closes it. */
  readonly db: PGlite;
};

/**
 * The PostgreSQL store on an in-process PGlite: the same code, schema and SQL as on a server,
 * for tests without one. Several ledgers (schemas) and stores may share one PGlite instance.
 *
 * @example
 * ```ts
 * const db = await PGlite.create();
 * const store = await pgliteStore({ db, ledger: 'demo' });
 * ```
 */
export function pgliteStore(options: PgliteStoreOptions): Promise<PostgresStore> {
  const { db, ...rest } = options;
  const ledger = rest.ledger ?? DEFAULT_LEDGER;
  return openPostgresStore(pgliteConnector(db), { ...rest, ledger, location: `pglite#${ledger}` });
}
