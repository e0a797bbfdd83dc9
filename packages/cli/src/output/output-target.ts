import { resolve } from 'node:path';
import { checkOutputFile } from '@perfledger/core';
import { type Command, Option } from 'commander';
import { ledgerFiles as ledgerFilesOf } from '../commands/common.js';
import type { CliIo } from '../io.js';

/** A checked `--out` file: where to write, whether `--force` was given, and the ledger to protect. */
export interface OutputTarget {
  /** The absolute path. */
  readonly file: string;
  /** `--force`: replace an existing file (never a ledger file). */
  readonly force: boolean;
  /** The `--db` ledger, whose files (db, -wal, -shm, -journal) are never written. */
  readonly ledgerFiles: readonly string[];
  /**
   * Start the file with a UTF-8 byte-order mark: CSV (`--format csv`) unless `--no-bom`, so that
   * Excel reads it as UTF-8 and "–" and "£" are not garbled. Never on stdout.
   */
  readonly bom?: boolean;
}

/** The help text of `--force` on every command that writes a file. */
const FORCE_DESCRIPTION = 'replace an existing --out file (never the ledger or its -wal, -shm, -journal)';

/** `--out FILE`, with the given help. Pair it with {@link forceOption}. */
export function outOption(description = 'write to a file instead of stdout'): Option {
  return new Option('--out <file>', description);
}

/**
 * `--no-bom`, on every command that can write CSV to a file: leave out the byte-order mark.
 *
 * @example
 * ```ts
 * command.addOption(outOption()).addOption(forceOption()).addOption(bomOption());
 * ```
 */
export function bomOption(): Option {
  return new Option(
    '--no-bom',
    'leave out the UTF-8 byte-order mark that a CSV --out file starts with (it makes Excel read the file as UTF-8)',
  );
}

/** `--force`, on every command that can write a file. */
export function forceOption(): Option {
  return new Option('--force', FORCE_DESCRIPTION);
}

/**
 * Checks a command's `--out` path before the command does anything else, so a bad path (the
 * ledger, an existing file without `--force`, a missing directory) is refused before a report is
 * published or anything is read. Undefined when there is no `--out` (output goes to stdout).
 * A CSV file (`format: 'csv'`) gets a byte-order mark unless `bom` is false (`--no-bom`).
 *
 * @throws OutputFileError naming the path (see core's `checkOutputFile`).
 */
export function prepareOutput(
  command: Command,
  io: CliIo,
  options: {
    readonly out?: string;
    readonly force?: boolean;
    readonly format?: string;
    readonly bom?: boolean;
  },
): OutputTarget | undefined {
  if (options.out === undefined) return undefined;
  const force = options.force === true;
  const ledgerFiles = ledgerFilesOf(command, io);
  const file = checkOutputFile(resolve(io.cwd, options.out), { force, ledgerFiles });
  return { file, force, ledgerFiles, bom: options.format === 'csv' && options.bom !== false };
}
