import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StorageError } from '@perfledger/core';
import Database from 'better-sqlite3';

/**
 * Runs `work` with a fresh SQLite database in a new temporary directory, and removes the
 * directory afterwards whether `work` returns or throws. The scratch file is for rebuilt copies
 * of projection tables: nothing in it needs to survive, so it is written without a journal or
 * syncs.
 *
 * @example
 * ```ts
 * const rows = withScratchDatabase(undefined, (db) => db.prepare('SELECT 1 AS one').get());
 * ```
 */
export function withScratchDatabase<T>(directory: string | undefined, work: (db: Database.Database) => T): T {
  const parent = directory ?? tmpdir();
  let dir: string;
  try {
    dir = mkdtempSync(join(parent, 'perfledger-verify-'));
  } catch (error) {
    throw new StorageError(
      'STORAGE_FAILED',
      parent,
      `Cannot create a scratch directory in '${parent}' to rebuild the projections into: ${error instanceof Error ? error.message : String(error)}.`,
      { cause: error },
    );
  }
  try {
    const db = new Database(join(dir, 'scratch.db'));
    try {
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      return work(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
