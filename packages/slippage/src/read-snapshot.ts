import type { SqlDatabase } from '@perfledger/core';

/**
 * Runs several reads inside one savepoint, so they all see the same snapshot of the file even
 * while another process appends or rebuilds. A savepoint rather than BEGIN because it also
 * nests inside a transaction the caller may already hold, and works on read-only connections.
 *
 * @example
 * ```ts
 * const [a, b] = readSnapshot(db, () => [countRegistrations(db), countRevisions(db)]);
 * ```
 */
export function readSnapshot<T>(db: SqlDatabase, read: () => T): T {
  db.exec('SAVEPOINT slippage_read');
  try {
    return read();
  } finally {
    // Nothing was written, so releasing after a failure is as safe as rolling back.
    db.exec('RELEASE slippage_read');
  }
}
