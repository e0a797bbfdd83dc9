import { createLedger, type Ledger, ValidationError } from '@perfledger/core';
import { checkOptionKeys } from '@perfledger/core/internal';
import { postgresStore } from './postgres-store-factory.js';
import { POSTGRES_STORE_OPTION_KEYS, type PostgresStoreOptions } from './postgres-store-options.js';

/**
 * The ledger options of core's `createLedger`, everything but the store.
 *
 * @example
 * ```ts
 * const options: LedgerOptions = { projections: [quarterEndProjection], projectionMode: 'inline' };
 * ```
 */
export type LedgerOptions = Omit<Parameters<typeof createLedger>[0], 'store'>;

/**
 * The options of {@link openLedger}: the PostgreSQL engine's ({@link PostgresStoreOptions}) and
 * the ledger's (`projections`, `projectionMode`, `statusKeys`, `onProgress`). `clock` reaches
 * both. Strict: an unknown key is a `ValidationError` naming it.
 *
 * @example
 * ```ts
 * const options: OpenLedgerOptions = { connectionString: 'postgres://app@db/plans', ledger: 'broxtowe', projections };
 * ```
 */
export type OpenLedgerOptions = PostgresStoreOptions & LedgerOptions;

const LEDGER_OPTION_KEYS = ['projections', 'projectionMode', 'statusKeys', 'onProgress'];

/**
 * Opens a ledger of a PostgreSQL database: `createLedger` over `postgresStore`. On a read-write
 * ledger the projections are created, rebuilt or caught up on open, and run inline with every
 * append by default.
 *
 * @example
 * ```ts
 * const ledger = await openLedger({ connectionString: 'postgres://app@db/plans', ledger: 'broxtowe', projections: [quarterEndProjection] });
 * await ledger.execute(command, { actor: 'dem.services' });
 * await ledger.close();
 * ```
 */
export async function openLedger(options: OpenLedgerOptions): Promise<Ledger> {
  checkOptionKeys(
    options,
    [...POSTGRES_STORE_OPTION_KEYS, ...LEDGER_OPTION_KEYS],
    'openLedger options',
    '{ connectionString: "postgres://…" }',
  );
  const engine: Record<string, unknown> = {};
  const ledger: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (POSTGRES_STORE_OPTION_KEYS.includes(key)) engine[key] = value;
    if (LEDGER_OPTION_KEYS.includes(key) || key === 'clock') ledger[key] = value;
  }
  const store = await postgresStore(engine as PostgresStoreOptions);
  try {
    return await createLedger({ ...(ledger as LedgerOptions), store });
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Opens a ledger of a PostgreSQL database read-only (for an auditor or a report): every write
 * fails with `READ_ONLY`, in the library and in the database (READ ONLY transactions), the
 * schema is never created or migrated, and projections are read as they are. Takes the options
 * of {@link openLedger} without `readonly`, or, like `@perfledger/sqlite`'s, the connection
 * string first and the other options after it.
 *
 * @example
 * ```ts
 * const reader = await openReadonlyLedger({ connectionString: 'postgres://auditor@db/plans', ledger: 'broxtowe', projections });
 * const same = await openReadonlyLedger('postgres://auditor@db/plans', { ledger: 'broxtowe', projections });
 * ```
 */
export async function openReadonlyLedger(
  connection: string | Omit<OpenLedgerOptions, 'readonly'>,
  more: Omit<OpenLedgerOptions, 'readonly' | 'connectionString' | 'pool'> = {},
): Promise<Ledger> {
  for (const value of typeof connection === 'string' ? [more] : [connection, more]) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ValidationError('The ledger options must be an object.', [
        { path: [], message: 'must be an object' },
      ]);
    }
  }
  for (const key of typeof connection === 'string'
    ? ['readonly', 'connectionString', 'pool']
    : ['readonly']) {
    if (key in more || (typeof connection !== 'string' && key in connection)) {
      throw new ValidationError(
        key === 'readonly'
          ? "openReadonlyLedger is always read-only; 'readonly' is not an option of it."
          : `openReadonlyLedger was given the connection string first; '${key}' is not an option of it then.`,
        [{ path: [key], message: 'not an option of openReadonlyLedger' }],
      );
    }
  }
  if (typeof connection !== 'string' && Object.keys(more).length > 0) {
    throw new ValidationError(
      'openReadonlyLedger takes one options object, or a connection string and options.',
      [{ path: [], message: 'give the options once' }],
    );
  }
  const options = typeof connection === 'string' ? { ...more, connectionString: connection } : connection;
  return openLedger({ ...options, readonly: true } as OpenLedgerOptions);
}
