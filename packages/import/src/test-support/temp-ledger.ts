import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventEnvelope, Ledger, ReadAllOptions } from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import { ledgerBytes } from '@perfledger/sqlite/testing';

/** What `openLedger` takes besides the file. */
export type TempLedgerOptions = Omit<Parameters<typeof openLedger>[0], 'file'>;

/** A ledger on a fresh temporary file, removed by `dispose`. */
export interface TempLedger {
  readonly ledger: Ledger;
  readonly file: string;
  readonly dir: string;
  /** The bytes of the database file and its WAL and journal, to prove nothing was written. */
  bytes(): Buffer;
  dispose(): Promise<void>;
}

/** Opens a ledger on a new temporary SQLite file. */
export async function tempLedger(options: TempLedgerOptions = {}): Promise<TempLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-import-'));
  const file = join(dir, 'ledger.db');
  const ledger = await openLedger({ file, ...options });
  return {
    ledger,
    file,
    dir,
    bytes: () => ledgerBytes(file),
    dispose: async () => {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every event of the log (after a position), read into a list. */
export async function eventsOf(ledger: Ledger, options: ReadAllOptions = {}): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for await (const event of ledger.readAll(options)) events.push(event);
  return events;
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
