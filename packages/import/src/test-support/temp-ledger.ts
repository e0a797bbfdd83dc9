import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Ledger, type OpenLedgerOptions, openLedger } from '@perfledger/core';

/** A ledger on a fresh temporary file, removed by `dispose`. */
export interface TempLedger {
  readonly ledger: Ledger;
  readonly file: string;
  readonly dir: string;
  /** The bytes of the database file and its WAL, to prove nothing was written. */
  bytes(): { db: Buffer; wal: Buffer | null };
  dispose(): void;
}

export function tempLedger(options: Omit<OpenLedgerOptions, 'file'> = {}): TempLedger {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-import-'));
  const file = join(dir, 'ledger.db');
  const ledger = openLedger({ file, ...options });
  return {
    ledger,
    file,
    dir,
    bytes: () => ({
      db: readFileSync(file),
      wal: existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : null,
    }),
    dispose: () => {
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Quotes cells the way spreadsheets export CSV. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((cells) =>
      cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(','),
    )
    .join('\r\n');
}

export const FIXTURES = new URL('../../fixtures/', import.meta.url);

export function fixture(name: string): string {
  return fileURLToPath(new URL(name, FIXTURES));
}
