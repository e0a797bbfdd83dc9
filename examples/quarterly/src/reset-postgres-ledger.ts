/**
 * Removes the demo ledger an earlier run left in the database, if any (its schema, with
 * everything in it), so the run starts from an empty ledger. Only ever called for a ledger whose
 * name starts with `demo` (see `demoTarget`). The PostgreSQL engine is loaded only here, so the
 * SQLite demo never loads the driver.
 */
export async function resetPostgresLedger(url: string, ledger: string): Promise<void> {
  const { dropLedger } = await import('@perfledger/postgres/testing');
  await dropLedger(url, ledger);
}
