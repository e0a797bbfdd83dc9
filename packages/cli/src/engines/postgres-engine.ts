import { StorageError } from '@perfledger/core';

/** `@perfledger/postgres`, as the CLI uses it. */
export type PostgresModule = typeof import('@perfledger/postgres');

// The engine is loaded only when a command is given a postgres:// URL, so SQLite users never
// load the PostgreSQL driver.
let loaded: Promise<PostgresModule> | undefined;

/** `@perfledger/postgres`, loaded on first use; a clear `STORAGE_FAILED` when it cannot be loaded. */
export function postgresEngine(where: string): Promise<PostgresModule> {
  loaded ??= import('@perfledger/postgres').catch((error: unknown) => {
    loaded = undefined;
    throw new StorageError(
      'STORAGE_FAILED',
      where,
      `Cannot open ${where}: PostgreSQL support (the package @perfledger/postgres) could not be loaded (${
        error instanceof Error ? error.message : String(error)
      }).`,
      { cause: error },
    );
  });
  return loaded;
}
