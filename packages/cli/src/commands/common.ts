import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Ledger, openLedger, openReadonlyLedger, StorageError } from '@perfledger/core';
import { type Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';

/** The output formats every query command offers. */
export const FORMATS = ['table', 'json', 'csv', 'md'] as const;

/** One of {@link FORMATS} (the report command also offers `html`). */
export type Format = (typeof FORMATS)[number] | 'html';

/** A `--format` option limited to the given formats, `table` by default. */
export function formatOption(formats: readonly string[] = FORMATS): Option {
  return new Option('--format <format>', 'output format').choices([...formats]).default('table');
}

/** The absolute path of the `--db` file, whichever command it was given to. */
export function dbPath(command: Command, io: CliIo): string {
  const { db } = command.optsWithGlobals<{ db: string }>();
  return resolve(io.cwd, db);
}

/**
 * Opens the ledger read-only, for query commands: nothing they do can change the file. A missing
 * file is a data error that says how to create one.
 */
export function openForReading(command: Command, io: CliIo): Ledger {
  const file = dbPath(command, io);
  if (!existsSync(file)) {
    throw new StorageError(
      'STORAGE_FAILED',
      file,
      `There is no ledger at '${file}'. Create one with 'perfledger import FILE --as-of DATE', or pass --db.`,
    );
  }
  return openReadonlyLedger(file);
}

/**
 * Opens (creating if needed) the ledger for a command that writes, with the global
 * `--max-clock-jump-days` when given.
 */
export function openForWriting(
  command: Command,
  io: CliIo,
  options: { busyTimeoutMs?: number } = {},
): Ledger {
  const { maxClockJumpDays } = command.optsWithGlobals<{ maxClockJumpDays?: string }>();
  return openLedger({
    file: dbPath(command, io),
    ...options,
    ...(maxClockJumpDays === undefined
      ? {}
      : { maxClockJumpDays: parseWholeNumber('--max-clock-jump-days', maxClockJumpDays, 'days') }),
  });
}

/**
 * Reads a flag's value as a whole number of at least 1 (`unit` names what it counts, if anything).
 *
 * @throws UsageError naming the flag and the value.
 */
export function parseWholeNumber(flag: string, text: string, unit?: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(
      `${flag} must be a whole number${unit === undefined ? '' : ` of ${unit}`} of at least 1, not '${text}'.`,
    );
  }
  return n;
}

/** Runs `work` with a ledger and always closes it. */
export async function using<T>(ledger: Ledger, work: (ledger: Ledger) => T | Promise<T>): Promise<T> {
  try {
    return await work(ledger);
  } finally {
    ledger.close();
  }
}
