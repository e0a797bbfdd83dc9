import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ledger } from '@perfledger/core';
import { type OpenLedgerOptions, openLedger } from '../open-ledger.js';

/**
 * How to create a {@link TempLedger}: any `openLedger` option except the file, which is always fresh.
 *
 * @example
 * ```ts
 * await createTempLedger({ prefix: 'import-test-', durability: 'normal', statusKeys: [bragStatusKey] });
 * ```
 */
export type TempLedgerOptions = Omit<OpenLedgerOptions, 'file'> & {
  /** The temp directory's name prefix; `perfledger-` by default. */
  readonly prefix?: string;
};

/**
 * A ledger on a real SQLite file in its own temp directory.
 *
 * @example
 * ```ts
 * const { ledger, file, cleanup } = await createTempLedger();
 * const reader = await openReadonlyLedger(file);
 * ```
 */
export interface TempLedger {
  readonly ledger: Ledger;
  /** The database file (its `-wal` and `-shm` files sit beside it). */
  readonly file: string;
  /** The temp directory that holds the file; removed by {@link TempLedger.cleanup}. */
  readonly dir: string;
  /** Closes the ledger and removes the directory. Safe to call twice. */
  cleanup(): Promise<void>;
}

/**
 * Opens a ledger on a new SQLite file in a fresh temp directory, so tests exercise the real
 * storage (WAL, triggers, locks) rather than a mock. Call `cleanup()` when done.
 *
 * @example
 * ```ts
 * const temp = await createTempLedger({ clock: steppingClock('2024-01-15T09:00:00Z', 1000) });
 * try {
 *   await temp.ledger.execute(register);
 * } finally {
 *   await temp.cleanup();
 * }
 * ```
 */
export async function createTempLedger(options: TempLedgerOptions = {}): Promise<TempLedger> {
  const { prefix = 'perfledger-', ...ledgerOptions } = options;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'ledger.db');
  let ledger: Ledger;
  try {
    ledger = await openLedger({ ...ledgerOptions, file } as OpenLedgerOptions);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    ledger,
    file,
    dir,
    async cleanup() {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
