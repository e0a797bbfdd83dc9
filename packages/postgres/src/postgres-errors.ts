import { LedgerBusyError, LedgerError, StorageError } from '@perfledger/core';

/** Connection-level failures: the session is gone, the outcome of a commit may be unknown. */
const LOST_CONNECTION = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

/**
 * Turns a PostgreSQL (or driver) error into the ledger's typed error with a stable code, so
 * callers never match on SQLSTATEs; anything unrecognised passes through unchanged.
 *
 * - `40001` serialization failure, `40P01` deadlock, `55P03` lock not available and `57014`
 *   statement/lock timeout: `LEDGER_BUSY` (nothing was written; retry).
 * - `25006` read-only transaction, and `42501` insufficient privilege on a write: `READ_ONLY`;
 *   on a read, `STORAGE_FAILED`.
 * - `53100` disk full, `53200` out of memory, `53300` too many connections: `STORAGE_FULL`.
 * - `57P01`–`57P03` (administrator shutdown, crash, cannot connect now), `08xxx` connection
 *   exceptions and a lost socket: `STORAGE_FAILED`, saying that the outcome of a commit in
 *   flight is unknown and that retrying with the same idempotency key is safe.
 * - the append-only trigger's `P0001`: `READ_ONLY` (events are immutable).
 * - `23505` on `events` (a position taken behind the head: written outside perfledger):
 *   `STORAGE_FAILED`.
 *
 * @example
 * ```ts
 * try { await client.query(sql); } catch (error) { throw translatePgError(error, location, { writing: true }); }
 * ```
 */
export function translatePgError(
  error: unknown,
  location: string,
  options: { readonly writing?: boolean; readonly lockTimeoutMs?: number } = {},
): unknown {
  if (error instanceof LedgerError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const message = error.message;
  if (typeof code !== 'string') {
    if (
      /Connection terminated|connection is closed|Client was closed|not queryable|Cannot use a pool after calling end/i.test(
        message,
      )
    ) {
      return lost(location, error);
    }
    return error;
  }
  if (code === '40001' || code === '40P01' || code === '55P03' || code === '57014') {
    return new LedgerBusyError(location, options.lockTimeoutMs ?? 0, { cause: error });
  }
  if (code === '25006') {
    return new StorageError(
      'READ_ONLY',
      location,
      `'${location}' refused a write: the transaction is read-only (${message}); nothing was written.`,
      { cause: error },
    );
  }
  if (code === '42501' && options.writing === true) {
    return new StorageError(
      'READ_ONLY',
      location,
      `'${location}' refused a write: the database role may not do it (${message}); nothing was written.`,
      { cause: error },
    );
  }
  if (code === '42501') {
    return new StorageError(
      'STORAGE_FAILED',
      location,
      `'${location}' refused a read: the database role may not read it (${message}).`,
      { cause: error },
    );
  }
  if (code === 'P0001' && message.startsWith('perfledger: events are immutable')) {
    return new StorageError('READ_ONLY', location, `${message}; nothing was written.`, { cause: error });
  }
  if (code === '23505' && /events/.test(String((error as { table?: unknown }).table ?? message))) {
    return new StorageError(
      'STORAGE_FAILED',
      location,
      `'${location}' already holds an event with that position, id or stream version (${message}): the log was written outside perfledger's appends; nothing was written. Run a full verification.`,
      { cause: error },
    );
  }
  if (code === '53100' || code === '53200' || code === '53300') {
    return new StorageError(
      'STORAGE_FULL',
      location,
      `The database server at '${location}' is out of ${code === '53100' ? 'disk space' : code === '53200' ? 'memory' : 'connections'} (${message}); nothing was written.`,
      { cause: error },
    );
  }
  if (
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    code.startsWith('08') ||
    LOST_CONNECTION.has(code)
  ) {
    return lost(location, error);
  }
  return error;
}

function lost(location: string, error: Error): StorageError {
  return new StorageError(
    'STORAGE_FAILED',
    location,
    `The connection to '${location}' was lost (${error.message}). A write in flight may or may not have committed; repeat it with the same idempotency key, which is safe.`,
    { cause: error },
  );
}
