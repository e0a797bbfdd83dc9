import type { EventStore, Ledger, Projection } from '@perfledger/core';
import { StorageError } from '@perfledger/core';

/** The options of `@perfledger/postgres`'s `openLedger` the CLI passes. */
export interface PostgresLedgerOptions {
  readonly connectionString: string;
  readonly ledger: string;
  readonly readonly?: boolean;
  readonly projections: readonly Projection[];
  readonly projectionMode?: 'inline' | 'catch-up';
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
  readonly maxClockJumpDays?: number;
  readonly lockTimeoutMs?: number;
}

/** The options of `@perfledger/postgres`'s `postgresStore` the CLI passes. */
export interface PostgresStoreOptions {
  readonly connectionString: string;
  readonly ledger: string;
  readonly readonly?: boolean;
}

/** The part of `@perfledger/postgres` the CLI uses. */
interface PostgresModule {
  openLedger(options: PostgresLedgerOptions): Promise<Ledger>;
  postgresStore(options: PostgresStoreOptions): Promise<EventStore>;
}

// The engine is loaded only when a command is given a postgres:// URL: SQLite users never load
// the PostgreSQL driver. The specifier is a variable so that this package builds (and its SQLite
// paths run) whether or not @perfledger/postgres is installed.
const POSTGRES_PACKAGE: string = '@perfledger/postgres';

let loaded: Promise<PostgresModule> | undefined;

/** `@perfledger/postgres`, loaded on first use; a clear `STORAGE_FAILED` when it is not installed. */
export function postgresEngine(where: string): Promise<PostgresModule> {
  loaded ??= (import(POSTGRES_PACKAGE) as Promise<PostgresModule>).catch((error: unknown) => {
    loaded = undefined;
    throw new StorageError(
      'STORAGE_FAILED',
      where,
      `Cannot open ${where}: PostgreSQL support (the package @perfledger/postgres) is not installed (${
        error instanceof Error ? error.message : String(error)
      }).`,
      { cause: error },
    );
  });
  return loaded;
}
