import type { Ledger } from '@perfledger/core';

/** Every slippage table's rows in a total order, for row-for-row comparison. */
export async function dumpSlippageTables(ledger: Ledger): Promise<Record<string, unknown[]>> {
  return {
    slippage_registrations: await ledger.query.all('SELECT * FROM slippage_registrations ORDER BY position'),
    slippage_details: await ledger.query.all('SELECT * FROM slippage_details ORDER BY position, field'),
    slippage_revisions: await ledger.query.all('SELECT * FROM slippage_revisions ORDER BY position'),
    slippage_corrections: await ledger.query.all('SELECT * FROM slippage_corrections ORDER BY position'),
  };
}
