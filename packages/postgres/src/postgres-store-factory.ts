import { type Upcaster, UpcasterChain } from '@perfledger/core';
import { checkOptionKeys, DEFAULT_MAX_CLOCK_JUMP_DAYS } from '@perfledger/core/internal';
import pg from 'pg';
import { migrateLedger } from './migrate.js';
import { translatePgError } from './postgres-errors.js';
import { PostgresStore } from './postgres-store.js';
import {
  checkStoreOptions,
  POSTGRES_STORE_OPTION_KEYS,
  type PostgresStoreOptions,
} from './postgres-store-options.js';
import { DEFAULT_LEDGER, schemaOf } from './schema.js';
import { poolConnector, type SqlConnector } from './sql-client.js';

/**
 * Opens the PostgreSQL engine on one ledger of a database: connects (a pool of its own for a
 * `connectionString`, or the application's `pool`), creates and migrates the ledger's schema on
 * first use (read-write only), refuses a schema that is not a perfledger ledger or comes from a
 * newer perfledger. Options are strict: an unknown key, or a value of the wrong type, is a
 * `ValidationError` naming it, and nothing is opened.
 *
 * @example
 * ```ts
 * const store = await postgresStore({ connectionString: process.env.DATABASE_URL, ledger: 'broxtowe' });
 * const ledger = await createLedger({ store, projections });
 * ```
 */
export async function postgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  checkOptionKeys(
    options,
    POSTGRES_STORE_OPTION_KEYS,
    'postgresStore options',
    '{ connectionString: "postgres://…" }',
  );
  const upcasterChain = options.upcasters instanceof UpcasterChain;
  checkStoreOptions(options as unknown as Readonly<Record<string, unknown>>, upcasterChain);
  const ledger = options.ledger ?? DEFAULT_LEDGER;
  const readonly = options.readonly ?? false;
  let connector: SqlConnector;
  let server: string;
  if (options.connectionString !== undefined) {
    const pool = new pg.Pool({ connectionString: options.connectionString, max: 10 });
    // A reader's sessions are read-only by default too, besides every read's READ ONLY transaction.
    if (readonly)
      pool.on(
        'connect',
        (client) => void client.query('SET default_transaction_read_only = on').catch(() => undefined),
      );
    // An idle session the server ends (a restart, pg_terminate_backend) must not crash the process:
    // the next checkout gets a fresh one, and a call in flight fails with STORAGE_FAILED.
    pool.on('error', () => undefined);
    connector = poolConnector(pool, { owned: true });
    server = redacted(options.connectionString);
  } else {
    const pool = options.pool!;
    connector = poolConnector(pool, { owned: false });
    const o = (pool as unknown as { options?: Record<string, unknown> }).options ?? {};
    server =
      typeof o.connectionString === 'string'
        ? redacted(o.connectionString)
        : `postgres://${o.user === undefined ? '' : `${String(o.user)}@`}${String(o.host ?? 'localhost')}:${String(o.port ?? 5432)}/${String(o.database ?? '')}`;
  }
  return openPostgresStore(connector, {
    ...options,
    ledger,
    readonly,
    location: `${server}#${ledger}`,
  });
}

/**
 * What {@link openPostgresStore} takes besides the connector: the store's options, resolved.
 *
 * @example
 * ```ts
 * const options: OpenPostgresStoreOptions = { ledger: 'broxtowe', location: 'postgres://db/plans#broxtowe' };
 * ```
 */
export type OpenPostgresStoreOptions = Omit<PostgresStoreOptions, 'connectionString' | 'pool'> & {
  /** Where the ledger lives, for messages. */
  readonly location: string;
};

/**
 * Opens a store over any {@link SqlConnector} (a `pg.Pool`, an in-process PGlite): migrates the
 * ledger (unless read-only) and builds the store. `postgresStore()` and the PGlite seam of
 * `@perfledger/postgres/testing` both end here. The connector is ended if opening fails.
 *
 * @example
 * ```ts
 * const store = await openPostgresStore(connector, { ledger: 'x', location: 'pglite#x' });
 * ```
 */
export async function openPostgresStore(
  connector: SqlConnector,
  options: OpenPostgresStoreOptions,
): Promise<PostgresStore> {
  const upcasterChain = options.upcasters instanceof UpcasterChain;
  checkStoreOptions(options as unknown as Readonly<Record<string, unknown>>, upcasterChain, {
    needsConnection: false,
  });
  const ledger = options.ledger ?? DEFAULT_LEDGER;
  const schema = schemaOf(ledger);
  const readonly = options.readonly ?? false;
  try {
    const client = await connector.connect().catch((error: unknown) => {
      throw translatePgError(error, options.location);
    });
    let broken = false;
    try {
      await migrateLedger(client, schema, options.location, { readonly });
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      client.release(broken);
    }
  } catch (error) {
    await connector.end().catch(() => undefined);
    throw error;
  }
  return new PostgresStore({
    connector,
    ledger,
    schema,
    location: options.location,
    readonly,
    lockTimeoutMs: options.lockTimeoutMs ?? 5_000,
    clock: options.clock ?? (() => new Date()),
    maxClockJumpDays: options.maxClockJumpDays ?? DEFAULT_MAX_CLOCK_JUMP_DAYS,
    upcasters: upcasterChain
      ? (options.upcasters as UpcasterChain)
      : new UpcasterChain((options.upcasters as readonly Upcaster[] | undefined) ?? []),
  });
}

/** A connection string without its password, for messages. */
function redacted(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    url.password = '';
    url.search = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
