import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { checkOutputFile, type OutputFileOptions, refuseLedgerFile } from './check-output-file.js';
import { errnoOf, fileExistsError, toOutputFileError } from './output-file-errors.js';

/**
 * Options for {@link writeOutputFile}.
 *
 * @example
 * ```ts
 * const options: WriteOutputFileOptions = { mode: 0o600, ledgerFiles: ['plan.db'] };
 * ```
 */
export interface WriteOutputFileOptions extends OutputFileOptions {
  /** The file's permission bits from the moment it exists (less the umask); 0o666 by default. */
  readonly mode?: number;
}

/** `link()` errors that mean "this file system has no hard links", not "refused". */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/**
 * The one way perfledger writes a file (reports, trails, checkpoints, keys). It
 * - refuses a ledger's own files however they are spelled (`OUTPUT_IS_LEDGER`, even with `force`);
 * - refuses an existing file unless `force` is set (`FILE_EXISTS`), and never writes through a
 *   symbolic link: with `force` the link itself is replaced;
 * - writes a temporary file in the same directory (with `mode` from its creation), fsyncs it, and
 *   renames it into place (without `force`, links it, so a file created meanwhile is not
 *   replaced either), then fsyncs the directory where the platform allows;
 * - on any failure removes the temporary file: a reader sees the old file or the whole new one,
 *   never a partial or empty file, and a failed attempt never blocks a retry.
 *
 * Relative paths are resolved against the process's working directory. Returns the absolute path
 * written.
 *
 * @throws OutputFileError `OUTPUT_IS_LEDGER`, `FILE_EXISTS`, `OUTPUT_DIRECTORY_MISSING`,
 *   `OUTPUT_IS_DIRECTORY`, `OUTPUT_NOT_A_FILE`, `READ_ONLY`, `STORAGE_FULL` or `STORAGE_FAILED`,
 *   naming the path; nothing was written.
 * @example
 * ```ts
 * writeOutputFile('q2.html', html, { ledgerFiles: ['plan.db'] }); // never replaces plan.db, plan.db-wal, ...
 * writeOutputFile('q2.html', html, { force: true, ledgerFiles: ['plan.db'] }); // replaces an older q2.html
 * ```
 */
export function writeOutputFile(
  file: string,
  data: string | Uint8Array,
  options: WriteOutputFileOptions = {},
): string {
  const target = checkOutputFile(file, options);
  const dir = dirname(target);
  const temp = join(dir, `.perfledger-${randomBytes(8).toString('hex')}.tmp`);
  let fd: number | undefined;
  let placed = false;
  try {
    fd = openSync(temp, 'wx', options.mode ?? 0o666);
    writeFileSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // Again, just before placing it: a ledger may have been created there meanwhile.
    refuseLedgerFile(target, options.ledgerFiles ?? []);
    place(temp, target, options.force === true);
    placed = true;
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    if (!placed) removeQuietly(temp);
    throw toOutputFileError(error, target);
  }
  syncDirectory(dir);
  return target;
}

/** Puts the complete temporary file at `target`: rename with `force`, else a no-clobber link. */
function place(temp: string, target: string, force: boolean): void {
  if (force) {
    renameSync(temp, target);
    return;
  }
  try {
    linkSync(temp, target);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'EEXIST') throw fileExistsError(target, isSymbolicLink(target), error);
    if (code === undefined || !NO_HARD_LINKS.has(code)) throw error;
    // No hard links here (FAT, some network file systems): check, then rename.
    if (exists(target)) throw fileExistsError(target, isSymbolicLink(target), error);
    renameSync(temp, target);
    return;
  }
  removeQuietly(temp);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already failing; the original error is the one to report.
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Best effort: the original error is the one to report.
  }
}

/** Makes the rename durable. Some platforms cannot fsync a directory; the file is in place either way. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported here (e.g. Windows); nothing to undo.
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}
