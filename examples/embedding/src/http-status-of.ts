import type { LedgerError, LedgerErrorCode } from '@perfledger/core';

/**
 * The HTTP status for each stable `LedgerError` code. Match on codes, never on messages: codes
 * are part of perfledger's API, messages are for people.
 */
const statusByCode: Readonly<Partial<Record<LedgerErrorCode, number>>> = {
  // The request is malformed: a missing field, a progress of 140, a date that does not exist.
  VALIDATION_FAILED: 400,
  // The action was never registered (or not as at the date asked about).
  UNKNOWN_ACTION: 404,
  // Well formed, but the ledger's state refuses it: a rule, a closed action, a lost race.
  RULE_VIOLATION: 409,
  ACTION_ALREADY_REGISTERED: 409,
  ACTION_CLOSED: 409,
  CONCURRENCY_CONFLICT: 409,
  // Try again shortly: another writer holds the lock, or the projections are catching up.
  LEDGER_BUSY: 503,
  PROJECTION_NOT_READY: 503,
  STORAGE_FULL: 507,
};

/**
 * Maps a perfledger error to the HTTP status an API should answer with; 500 for anything that is
 * the server's fault rather than the request's.
 *
 * @example
 * ```ts
 * httpStatusOf(new UnknownActionError('XX1')); // 404
 * ```
 */
export function httpStatusOf(error: LedgerError): number {
  return statusByCode[error.code] ?? 500;
}
