import { createLedger, type Ledger, ValidationError } from '@perfledger/core';
import { checkOptionKeys } from '@perfledger/core/internal';
import { sqliteStore } from './sqlite-store-factory.js';
import { SQLITE_STORE_OPTION_KEYS, type SqliteStoreOptions } from './sqlite-store-options.js';

/** The ledger options of core's `createLedger`, everything but the store. */
export type LedgerOptions = Omit<Parameters<typeof createLedger>[0], 'store'>;

/**
 * The options of {@link openLedger}: the SQLite engine's ({@link SqliteStoreOptions}) and the
 * ledger's (`projections`, `projectionMode`, `statusKeys`). `upcasters` reach the store, which
 * applies them on read; `clock` reaches both (recorded times, and the ledger's `today()`). Strict: an unknown key is a `ValidationError` naming it.
 *
 * @example
 * ```ts
 * const options: OpenLedgerOptions = { file: 'plan.db', projections: [quarterEndProjection], durability: 'full' };
 * ```
 */
export type OpenLedgerOptions = SqliteStoreOptions & LedgerOptions;

/** The options that go to `createLedger`; `clock` goes to both (the store's recorded times, the ledger's today). */
const LEDGER_OPTION_KEYS = ['projections', 'projectionMode', 'statusKeys', 'onProgress'];

/**
 * Opens a ledger on a SQLite file, the embedded default: `createLedger` over `sqliteStore`. On a
 * read-write ledger the projections are created, rebuilt or caught up on open, and run inline
 * with every append by default.
 *
 * @example
 * ```ts
 * const ledger = await openLedger({ file: 'plan.db', projections: [quarterEndProjection, slippageProjection, auditTrailProjection] });
 * await ledger.execute(command, { actor: 'dem.services' });
 * await ledger.close();
 * ```
 */
export async function openLedger(options: OpenLedgerOptions): Promise<Ledger> {
  checkOptionKeys(
    options,
    [...SQLITE_STORE_OPTION_KEYS, ...LEDGER_OPTION_KEYS],
    'openLedger options',
    '{ file: "plan.db" }',
  );
  const engine: Record<string, unknown> = {};
  const ledger: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (SQLITE_STORE_OPTION_KEYS.includes(key)) engine[key] = value;
    if (LEDGER_OPTION_KEYS.includes(key) || key === 'clock') ledger[key] = value;
  }
  const store = await sqliteStore(engine as unknown as SqliteStoreOptions);
  try {
    return await createLedger({ ...(ledger as LedgerOptions), store });
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Opens an existing ledger file read-only: every write fails with `READ_ONLY`, the file is never
 * migrated or modified, and projections are read as they are (not rebuilt on open).
 *
 * @example
 * ```ts
 * const reader = await openReadonlyLedger('plan.db', { projections: [quarterEndProjection] });
 * ```
 */
export function openReadonlyLedger(
  file: string,
  options: Omit<OpenLedgerOptions, 'file' | 'readonly'> = {},
): Promise<Ledger> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError('The ledger options must be an object.', [
      { path: [], message: 'must be an object' },
    ]);
  }
  for (const key of ['file', 'readonly']) {
    if (key in options) {
      throw new ValidationError(
        `openReadonlyLedger takes the file as its first argument and is always read-only; '${key}' is not an option of it.`,
        [{ path: [key], message: 'not an option of openReadonlyLedger' }],
      );
    }
  }
  return openLedger({ ...options, file, readonly: true } as OpenLedgerOptions);
}
