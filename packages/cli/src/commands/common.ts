import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Ledger, StorageError } from '@perfledger/core';
import { openLedger, openReadonlyLedger } from '@perfledger/sqlite';
import { type Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { progressFor } from '../output/progress.js';
import { standardProjections } from '../projections.js';
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
 * Opens the ledger read-only, for query commands: nothing they do can change the file. The
 * standard projections are registered so that reads can use them (a read-only ledger never
 * builds them; a read finds them not ready instead). A missing file is a data error that says
 * how to create one.
 */
export async function openForReading(command: Command, io: CliIo): Promise<Ledger> {
  const file = dbPath(command, io);
  if (!existsSync(file)) {
    throw new StorageError(
      'STORAGE_FAILED',
      file,
      `There is no ledger at '${file}'. Create one with 'perfledger import FILE --as-of DATE', or pass --db.`,
    );
  }
  return openReadonlyLedger(file, { projections: standardProjections });
}

/** How a writing command wants the ledger: how long to wait for a writer, who runs the projections. */
export interface OpenForWritingOptions {
  readonly busyTimeoutMs?: number;
  /**
   * `'inline'` (the default): the ledger brings the standard projections up to date on open and
   * applies every append to them in its transaction. `'catch-up'`: the command decides when
   * (`ledger.projections.catchUp()` or `rebuild()`), for commands that must check the log first.
   */
  readonly projectionMode?: 'inline' | 'catch-up';
  /** Open this database file instead of `--db` (an import stages a new ledger beside it). */
  readonly file?: string;
}

/**
 * Opens (creating if needed) the ledger for a command that writes, with the standard projections
 * and the global `--max-clock-jump-days` when given.
 */
export async function openForWriting(
  command: Command,
  io: CliIo,
  options: OpenForWritingOptions = {},
): Promise<Ledger> {
  const { maxClockJumpDays } = command.optsWithGlobals<{ maxClockJumpDays?: string }>();
  const clockJump =
    maxClockJumpDays === undefined
      ? undefined
      : parseWholeNumber('--max-clock-jump-days', maxClockJumpDays, 'days');
  // Bringing the projections up to date on open can take a while on a large ledger: show it.
  const progress = progressFor(io, 'Updating projections');
  try {
    return await openLedger({
      file: options.file ?? dbPath(command, io),
      projections: standardProjections,
      onProgress: ({ done, total }) => progress.update(done, total),
      ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
      ...(options.projectionMode === undefined ? {} : { projectionMode: options.projectionMode }),
      ...(clockJump === undefined ? {} : { maxClockJumpDays: clockJump }),
    });
  } finally {
    progress.stop();
  }
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

/** Opens a ledger, runs `work` with it and always closes it. */
export async function using<T>(
  opening: Promise<Ledger>,
  work: (ledger: Ledger) => T | Promise<T>,
): Promise<T> {
  const ledger = await opening;
  try {
    return await work(ledger);
  } finally {
    await ledger.close();
  }
}
