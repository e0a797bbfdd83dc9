import { LedgerBusyError, LedgerError, NotALedgerError, StorageError } from '@perfledger/core';

/**
 * Turns a SQLite error into the ledger's typed error, so callers never see SQLITE_BUSY and
 * friends; anything unrecognised passes through unchanged.
 */
export function translateSqliteError(error: unknown, file: string, busyTimeoutMs: number): unknown {
  if (error instanceof LedgerError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new LedgerBusyError(file, busyTimeoutMs, { cause: error });
  }
  if (code === 'SQLITE_READONLY_DIRECTORY' || code === 'SQLITE_READONLY_CANTINIT') {
    return new StorageError(
      'READ_ONLY',
      file,
      `'${file}' cannot be used: its directory is read-only, and SQLite must create '${file}-wal' and '${file}-shm' beside it; nothing was written. Copy the database to a writable directory.`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new StorageError(
      'READ_ONLY',
      file,
      `'${file}' is read-only (opened read-only, or the file or its file system cannot be written); nothing was written.`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_FULL') {
    return new StorageError(
      'STORAGE_FULL',
      file,
      `The disk or the database's size limit is full while writing '${file}'; nothing was written.`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new NotALedgerError(
      file,
      code === 'SQLITE_NOTADB' ? 'it is not a SQLite database' : 'it is corrupt',
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new StorageError(
      'STORAGE_FAILED',
      file,
      `Cannot open '${file}': ${error.message}. The file may be a directory or unreadable, or it is in WAL mode on a read-only directory or file system, where SQLite cannot create its '-wal' and '-shm' files; nothing was written.`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC' || code === 'SQLITE_IOERR_TRUNCATE') {
    return new StorageError(
      'STORAGE_FAILED',
      file,
      `Writing '${file}' failed (${code}): the disk may be failing, or the file may have reached a size limit of the system (ulimit -f); nothing was written.`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) {
    return new StorageError(
      'STORAGE_FAILED',
      file,
      `I/O error on '${file}' (${code}); nothing was written.`,
      {
        cause: error,
      },
    );
  }
  return error;
}
