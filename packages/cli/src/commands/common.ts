import { existsSync } from 'node:fs';
import { type Ledger, type StatusKey, StorageError } from '@perfledger/core';
import { openLedger, openReadonlyLedger } from '@perfledger/sqlite';
import { type Command, Option } from 'commander';
import { configuredStatusKeys } from '../config/configured-status-keys.js';
import { DEFAULT_LEDGER, type LedgerTarget, ledgerTarget } from '../engines/ledger-target.js';
import { postgresEngine } from '../engines/postgres-engine.js';
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

/** Commands that have printed the `--ledger is ignored` note: it is said once per command. */
const noted = new WeakSet<Command>();

/**
 * Where the command's ledger is: the global `--db` (a SQLite file, or a `postgres://` URL; from
 * `PERFLEDGER_DB` when `--db` is not given) and `--ledger` (a PostgreSQL database's ledger,
 * `default` unless given; ignored for a SQLite file, which holds one ledger).
 */
export function dbTarget(command: Command, io: CliIo): LedgerTarget {
  const { db, ledger } = command.optsWithGlobals<{ db: string; ledger: string }>();
  const target = ledgerTarget(db, ledger, io.cwd);
  if (target.engine === 'sqlite' && ledger !== DEFAULT_LEDGER && !noted.has(command)) {
    noted.add(command);
    io.stderr(
      `note: --ledger ${ledger} is ignored: ${target.file} is a SQLite file, which holds one ledger.\n`,
    );
  }
  return target;
}

/**
 * The files of the command's ledger that key, checkpoint and `--out` files must never replace:
 * the SQLite file (its `-wal`, `-shm` and `-journal` are derived from it); none on PostgreSQL.
 */
export function ledgerFiles(command: Command, io: CliIo): string[] {
  const { db, ledger } = command.optsWithGlobals<{ db: string; ledger: string }>();
  const target = ledgerTarget(db, ledger, io.cwd);
  return target.engine === 'sqlite' ? [target.file] : [];
}

/**
 * Opens the ledger read-only, for query commands: nothing they do can change it. The standard
 * projections are registered so that reads can use them (a read-only ledger never builds them; a
 * read finds them not ready instead). A missing SQLite file is a data error that says how to
 * create one.
 */
export async function openForReading(command: Command, io: CliIo): Promise<Ledger> {
  const target = dbTarget(command, io);
  const statusKeys = configuredStatusKeys(command, io);
  if (target.engine === 'postgres') {
    const postgres = await postgresEngine(target.label);
    return postgres.openReadonlyLedger({
      connectionString: target.connectionString,
      ledger: target.ledger,
      projections: standardProjections,
      statusKeys,
    });
  }
  const file = target.file;
  if (!existsSync(file)) {
    throw new StorageError(
      'STORAGE_FAILED',
      file,
      `There is no ledger at '${file}'. Create one with 'perfledger import FILE --as-of DATE', or pass --db.`,
    );
  }
  return openReadonlyLedger(file, { projections: standardProjections, statusKeys });
}

/** How a writing command wants the ledger: how long to wait for a writer, who runs the projections. */
export interface OpenForWritingOptions {
  /** How long to wait for another writer's lock (SQLite's busy timeout, PostgreSQL's lock timeout). */
  readonly busyTimeoutMs?: number;
  /**
   * `'inline'` (the default): the ledger brings the standard projections up to date on open and
   * applies every append to them in its transaction. `'catch-up'`: the command decides when
   * (`ledger.projections.catchUp()` or `rebuild()`), for commands that must check the log first.
   */
  readonly projectionMode?: 'inline' | 'catch-up';
  /** Open this database file instead of `--db` (an import stages a new ledger beside it). */
  readonly file?: string;
  /** The council's own status keys (from the config file), besides the built-in ones. */
  readonly statusKeys?: readonly StatusKey[];
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
  return openWritable(dbTarget(command, io), io, {
    statusKeys: configuredStatusKeys(command, io),
    ...options,
    ...(clockJump === undefined ? {} : { maxClockJumpDays: clockJump }),
  });
}

/**
 * Opens (creating if needed) a read-write ledger with the standard projections at `target`: the
 * one place that chooses the engine for writing. With the default `'inline'` projection mode the
 * projections are brought up to date on open, with a progress bar when a person is watching.
 */
export async function openWritable(
  target: LedgerTarget,
  io: CliIo,
  options: OpenForWritingOptions & { readonly maxClockJumpDays?: number } = {},
): Promise<Ledger> {
  // Bringing the projections up to date on open can take a while on a large ledger: show it.
  const progress = progressFor(io, 'Updating projections');
  const ledgerOptions = {
    projections: standardProjections,
    onProgress: ({ done, total }: { readonly done: number; readonly total: number }) =>
      progress.update(done, total),
    ...(options.projectionMode === undefined ? {} : { projectionMode: options.projectionMode }),
    ...(options.maxClockJumpDays === undefined ? {} : { maxClockJumpDays: options.maxClockJumpDays }),
    ...(options.statusKeys === undefined ? {} : { statusKeys: options.statusKeys }),
  };
  try {
    if (target.engine === 'postgres') {
      const postgres = await postgresEngine(target.label);
      return await postgres.openLedger({
        connectionString: target.connectionString,
        ledger: target.ledger,
        ...ledgerOptions,
        ...(options.busyTimeoutMs === undefined ? {} : { lockTimeoutMs: options.busyTimeoutMs }),
      });
    }
    return await openLedger({
      file: options.file ?? target.file,
      ...ledgerOptions,
      ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
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
