import { type Upcaster, UpcasterChain } from '@perfledger/core';
import { checkOptionKeys, DEFAULT_MAX_CLOCK_JUMP_DAYS } from '@perfledger/core/internal';
import { openDatabase } from './open-database.js';
import { SqliteStore } from './sqlite-store.js';
import {
  checkStoreOptions,
  SQLITE_STORE_OPTION_KEYS,
  type SqliteStoreOptions,
} from './sqlite-store-options.js';

/**
 * Opens the SQLite engine on a file: creates and migrates it on first use (every migration in one
 * transaction), refuses a file that is not a perfledger database or comes from a newer schema,
 * and sets WAL mode and the durability. A read-only store opens an existing file with SQLite's
 * read-only flag and never migrates or writes it. Options are strict: an unknown key, or a value
 * of the wrong type, is a `ValidationError` naming it, and nothing is opened.
 *
 * @example
 * ```ts
 * const store = await sqliteStore({ file: 'plan.db', durability: 'normal' });
 * const ledger = await createLedger({ store, projections });
 * ```
 */
export async function sqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  checkOptionKeys(options, SQLITE_STORE_OPTION_KEYS, 'sqliteStore options', '{ file: "plan.db" }');
  const upcasterChain = options.upcasters instanceof UpcasterChain;
  checkStoreOptions(options as unknown as Readonly<Record<string, unknown>>, upcasterChain);
  const { file, readonly = false, durability = 'full', busyTimeoutMs = 5_000 } = options;
  const db = openDatabase({ file, readonly, durability, busyTimeoutMs });
  return new SqliteStore({
    db,
    file,
    readonly,
    busyTimeoutMs,
    clock: options.clock ?? (() => new Date()),
    maxClockJumpDays: options.maxClockJumpDays ?? DEFAULT_MAX_CLOCK_JUMP_DAYS,
    upcasters: upcasterChain
      ? (options.upcasters as UpcasterChain)
      : new UpcasterChain((options.upcasters as readonly Upcaster[] | undefined) ?? []),
  });
}
