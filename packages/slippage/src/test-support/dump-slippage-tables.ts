import type { SqlDatabase } from '@perfledger/core';

/** Every slippage table's rows in a total order, for row-for-row comparison. */
export function dumpSlippageTables(db: SqlDatabase): Record<string, unknown[]> {
  return {
    slippage_registrations: db.prepare('SELECT * FROM slippage_registrations ORDER BY position').all(),
    slippage_details: db.prepare('SELECT * FROM slippage_details ORDER BY position, field').all(),
    slippage_revisions: db.prepare('SELECT * FROM slippage_revisions ORDER BY position').all(),
  };
}
