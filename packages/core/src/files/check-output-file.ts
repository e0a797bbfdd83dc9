import { accessSync, constants, lstatSync, type Stats, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileKind } from './file-kind.js';
import { findLedgerFile } from './ledger-file-match.js';
import { OutputFileError } from './output-file-error.js';
import {
  directoryMissingError,
  errnoOf,
  fileExistsError,
  isDirectoryError,
  toOutputFileError,
} from './output-file-errors.js';

/**
 * What {@link checkOutputFile} and {@link writeOutputFile} refuse.
 *
 * @example
 * ```ts
 * const options: OutputFileOptions = { force: true, ledgerFiles: ['plan.db'] };
 * ```
 */
export interface OutputFileOptions {
  /**
   * Replace an existing file (false by default: an existing file is refused with `FILE_EXISTS`).
   * A symbolic link is replaced itself; what it points to is never written. Never overrides the
   * refusal of a ledger's own files.
   */
  readonly force?: boolean;
  /**
   * Ledger databases whose files must never be written: each database and its `-wal`, `-shm` and
   * `-journal` files, whether or not they exist yet. Any file that is a perfledger database by its
   * content (and its `-wal`, `-shm`, `-journal` names) is refused even when not listed.
   */
  readonly ledgerFiles?: readonly string[];
}

/**
 * Checks, without writing anything, that `file` may be written with `options`, and returns its
 * absolute path. Commands call it before they do anything else, so a bad output path is refused
 * before a report is published or a checkpoint signed; {@link writeOutputFile} checks again.
 *
 * @throws OutputFileError `OUTPUT_IS_LEDGER`, `OUTPUT_DIRECTORY_MISSING`, `OUTPUT_IS_DIRECTORY`,
 *   `OUTPUT_NOT_A_FILE`, `FILE_EXISTS` (without `force`) or `READ_ONLY`, naming the path.
 * @example
 * ```ts
 * const target = checkOutputFile('q2.html', { ledgerFiles: ['plan.db'] }); // throws before any work is done
 * ```
 */
export function checkOutputFile(file: string, options: OutputFileOptions = {}): string {
  const target = resolve(file);
  if (/[\\/]$/.test(file)) throw isDirectoryError(target);
  const dir = dirname(target);
  let dirStats: Stats;
  try {
    dirStats = statSync(dir);
  } catch (error) {
    throw toOutputFileError(error, target);
  }
  if (!dirStats.isDirectory()) throw directoryMissingError(target, 'ENOTDIR');
  refuseLedgerFile(target, options.ledgerFiles ?? []);
  let stats: Stats | undefined;
  try {
    stats = lstatSync(target);
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') throw toOutputFileError(error, target);
  }
  if (stats !== undefined) {
    if (stats.isDirectory()) throw isDirectoryError(target);
    if (!stats.isFile() && !stats.isSymbolicLink()) {
      throw new OutputFileError(
        'OUTPUT_NOT_A_FILE',
        target,
        `Refusing to write '${target}': it is ${fileKind(stats)}, not a regular file. Nothing was written; choose the path of a regular file.`,
      );
    }
    if (options.force !== true) throw fileExistsError(target, stats.isSymbolicLink());
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw toOutputFileError(error, target);
  }
  return target;
}

/**
 * Throws `OUTPUT_IS_LEDGER` when writing `target` would replace a ledger's own file.
 *
 * @throws OutputFileError `OUTPUT_IS_LEDGER` naming the path and the ledger file it is.
 * @example
 * ```ts
 * refuseLedgerFile('/data/plan.db-wal', ['/data/plan.db']); // throws
 * ```
 */
export function refuseLedgerFile(target: string, ledgerFiles: readonly string[]): void {
  const ledgerFile = findLedgerFile(target, ledgerFiles);
  if (ledgerFile === undefined) return;
  const which = ledgerFile === target ? '' : ` '${ledgerFile}'`;
  throw new OutputFileError(
    'OUTPUT_IS_LEDGER',
    target,
    `Refusing to write '${target}': it is the ledger's ${kindOfLedgerFile(ledgerFile)}${which}, and writing it would destroy the ledger. Nothing was written; choose another output path (--force never overrides this).`,
  );
}

function kindOfLedgerFile(file: string): string {
  if (file.endsWith('-wal')) return 'write-ahead log (-wal)';
  if (file.endsWith('-shm')) return 'shared-memory index (-shm)';
  if (file.endsWith('-journal')) return 'rollback journal (-journal)';
  return 'database';
}
