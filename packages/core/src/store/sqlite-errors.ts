import { LedgerBusyError, LedgerError, NotALedgerError, StorageError } from '../errors/index.js';

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
  if (code.startsWith('SQLITE_READONLY')) {
    return new StorageError('READ_ONLY', file, `'${file}' is open read-only; nothing was written.`, {
      cause: error,
    });
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
  if (code === 'SQLITE_CANTOPEN') {
    return new StorageError('STORAGE_FAILED', file, `Cannot open '${file}': ${error.message}.`, {
      cause: error,
    });
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
