import { type Ledger, ValidationError } from '@perfledger/core';
import { pragmaRunnerOf } from '../connection-seam.js';

/**
 * Runs a PRAGMA on the ledger's own SQLite connection, for tests of what the engine does when
 * the database misbehaves: `max_page_count` to fill the database, for instance, which is a
 * setting of one connection and so cannot be made from another. The ledger's API offers no such
 * path on purpose; this is a test seam only.
 *
 * @throws ValidationError when the ledger is not on the SQLite engine.
 * @example
 * ```ts
 * await ledgerPragma(ledger, 'max_page_count = 2'); // the next append that needs a page fails with STORAGE_FULL
 * ```
 */
export async function ledgerPragma(ledger: Ledger, pragma: string): Promise<unknown> {
  const run = pragmaRunnerOf(ledger.store);
  if (run === undefined) throw new ValidationError('ledgerPragma needs a ledger on the SQLite engine.');
  return run(pragma);
}
