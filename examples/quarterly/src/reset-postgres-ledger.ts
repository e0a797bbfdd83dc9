/** The part of `@perfledger/postgres` the demo uses. */
interface PostgresModule {
  dropLedger(options: { readonly connectionString: string; readonly ledger: string }): Promise<void>;
}

// Loaded only for a PostgreSQL run, so the SQLite demo never loads the driver.
const POSTGRES_PACKAGE: string = '@perfledger/postgres';

/** Removes the demo ledger an earlier run left in the database, if any, so the run starts empty. */
export async function resetPostgresLedger(url: string, ledger: string): Promise<void> {
  const postgres = (await import(POSTGRES_PACKAGE)) as PostgresModule;
  await postgres.dropLedger({ connectionString: url, ledger });
}
