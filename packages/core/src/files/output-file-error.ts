import { LedgerError } from '../errors/ledger-error.js';

/**
 * Why perfledger refused to write a file, or could not:
 * - `OUTPUT_IS_LEDGER`: the path is one of a ledger's own files (the database, `-wal`, `-shm`,
 *   `-journal`), however it is spelled: another name, a symbolic link, a hard link;
 * - `FILE_EXISTS`: the file exists and replacing it was not asked for (`force`, `--force`);
 * - `OUTPUT_DIRECTORY_MISSING`: the directory to write in does not exist, or part of the path is a file;
 * - `OUTPUT_IS_DIRECTORY`: the path names a directory;
 * - `OUTPUT_NOT_A_FILE`: the path names a device, a named pipe or a socket, which is never replaced;
 * - `READ_ONLY`: permission denied, or a read-only file system;
 * - `STORAGE_FULL`: the disk or the quota is full (`ENOSPC`, `EDQUOT`);
 * - `STORAGE_FAILED`: any other I/O error; the message names it.
 *
 * In every case nothing was written: no partial file, no temporary file, the old file (if any)
 * untouched.
 *
 * @example
 * ```ts
 * const retryWithForce = (code: OutputFileErrorCode) => code === 'FILE_EXISTS';
 * ```
 */
export type OutputFileErrorCode =
  | 'OUTPUT_IS_LEDGER'
  | 'FILE_EXISTS'
  | 'OUTPUT_DIRECTORY_MISSING'
  | 'OUTPUT_IS_DIRECTORY'
  | 'OUTPUT_NOT_A_FILE'
  | 'READ_ONLY'
  | 'STORAGE_FULL'
  | 'STORAGE_FAILED';

/**
 * A file perfledger was asked to write (a report, a trail, a checkpoint, a key) was refused or
 * could not be written. `file` is the absolute path concerned; the message says what to do.
 *
 * @example
 * ```ts
 * try {
 *   writeOutputFile('report.html', html, { ledgerFiles: ['plan.db'] });
 * } catch (error) {
 *   if (error instanceof OutputFileError && error.code === 'FILE_EXISTS') askBeforeReplacing(error.file);
 * }
 * ```
 */
export class OutputFileError extends LedgerError {
  declare readonly code: OutputFileErrorCode;

  constructor(
    code: OutputFileErrorCode,
    /** The absolute path that was refused or could not be written. */
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
