import { type ChainRow, ChainVerifier } from '../chain/chain-verifier.js';
import { ValidationError } from '../errors/validation-error.js';
import { VerificationFailedError } from '../errors/verification-failed-error.js';
import { mayHoldPersonalData } from '../personal-data/personal-marker.js';
import type { LogHead } from './event-store.js';

/** The most rows one `appendCopied` call takes: a copy streams in batches, never one huge call. */
export const MAX_COPIED_ROWS = 10_000;

const HASH = /^[0-9a-f]{64}$/;

const TEXT_FIELDS = ['eventId', 'stream', 'type', 'effectiveOn', 'recordedAt'] as const;
const NULLABLE_FIELDS = ['actor', 'source', 'correlationId', 'causationId', 'idempotencyKey'] as const;
const COUNT_FIELDS = ['position', 'streamVersion', 'schemaVersion'] as const;

/**
 * Checks the arguments of `EventStore.appendCopied` before a transaction begins: `origin` is
 * non-empty text, and `rows` is an array (at most {@link MAX_COPIED_ROWS}) of complete stored
 * rows: whole-number positions and versions from 1, text fields as text, the five metadata
 * fields text or null, data JSON text holding an object, both hashes 64 lowercase hex digits,
 * and, for data holding personal-data markers, the side-table records (`personal`).
 * Refuses with a `ValidationError` naming the row's position (and its index in `rows`).
 *
 * @example
 * ```ts
 * checkCopiedRowsShape(origin, rows); // then, inside the transaction, checkCopiedRows(...)
 * ```
 */
export function checkCopiedRowsShape(origin: unknown, rows: unknown): asserts rows is readonly ChainRow[] {
  if (typeof origin !== 'string' || origin.trim() === '' || origin.length > 200) {
    throw new ValidationError(
      'appendCopied: the origin must be the source ledger’s origin, non-empty text (at most 200 characters).',
      [{ path: ['origin'], message: 'must be non-empty text' }],
    );
  }
  if (!Array.isArray(rows)) {
    throw new ValidationError('appendCopied: the rows must be an array of stored rows (ChainRow[]).', [
      { path: ['rows'], message: 'must be an array' },
    ]);
  }
  if (rows.length > MAX_COPIED_ROWS) {
    throw new ValidationError(
      `appendCopied: ${rows.length} rows in one call; copy at most ${MAX_COPIED_ROWS} at a time (copyLedger streams batches).`,
      [{ path: ['rows'], message: `at most ${MAX_COPIED_ROWS} rows` }],
    );
  }
  for (const [index, row] of (rows as unknown[]).entries()) {
    const problem = rowProblem(row);
    if (problem !== undefined) {
      const position = (row as { position?: unknown } | null)?.position;
      const where = Number.isSafeInteger(position) ? `the row at position ${position}` : `row ${index}`;
      throw new ValidationError(
        `appendCopied: ${where} is not a stored row: ${problem.message}; nothing was written.`,
        [{ path: ['rows', index, ...problem.field], message: problem.message }],
      );
    }
  }
}

function rowProblem(row: unknown): { field: string[]; message: string } | undefined {
  if (typeof row !== 'object' || row === null) return { field: [], message: 'not an object' };
  const r = row as Record<string, unknown>;
  for (const field of COUNT_FIELDS) {
    const value = r[field];
    if (!(Number.isSafeInteger(value) && (value as number) >= 1))
      return { field: [field], message: `${field} must be a whole number from 1` };
  }
  for (const field of TEXT_FIELDS) {
    if (typeof r[field] !== 'string' || r[field] === '')
      return { field: [field], message: `${field} must be non-empty text` };
  }
  for (const field of NULLABLE_FIELDS) {
    if (r[field] !== null && typeof r[field] !== 'string')
      return { field: [field], message: `${field} must be text or null` };
  }
  if (typeof r.dataJson !== 'string') return { field: ['dataJson'], message: 'dataJson must be JSON text' };
  let data: unknown;
  try {
    data = JSON.parse(r.dataJson);
  } catch {
    return { field: ['dataJson'], message: 'dataJson is not JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { field: ['dataJson'], message: 'dataJson must hold a JSON object' };
  for (const field of ['prevHash', 'hash'] as const) {
    if (typeof r[field] !== 'string' || !HASH.test(r[field] as string))
      return { field: [field], message: `${field} must be 64 lowercase hex digits` };
  }
  return personalProblem(r.personal, mayHoldPersonalData(r.dataJson));
}

/** The shape of a copied row's side-table records (their content is checked by the verifier). */
function personalProblem(
  personal: unknown,
  marked: boolean,
): { field: string[]; message: string } | undefined {
  if (personal === undefined) {
    return marked
      ? {
          field: ['personal'],
          message: 'its data holds personal-data markers but the row carries no personal records',
        }
      : undefined;
  }
  const fail = (message: string) => ({ field: ['personal'], message });
  if (typeof personal !== 'object' || personal === null) return fail('personal must be { texts, erasures }');
  const { texts, erasures } = personal as { texts?: unknown; erasures?: unknown };
  if (!Array.isArray(texts) || !Array.isArray(erasures)) return fail('personal must be { texts, erasures }');
  for (const text of texts as unknown[]) {
    const t = text as Record<string, unknown> | null;
    if (
      typeof t?.field !== 'string' ||
      typeof t.text !== 'string' ||
      typeof t.salt !== 'string' ||
      !HASH.test(t.salt)
    )
      return fail('each personal text must be { field, salt (64 hex digits), text }');
  }
  for (const erasure of erasures as unknown[]) {
    const e = erasure as Record<string, unknown> | null;
    if (
      typeof e?.field !== 'string' ||
      typeof e.erasedOn !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(e.erasedOn) ||
      !Number.isSafeInteger(e.erasurePosition)
    )
      return fail('each personal erasure must be { field, erasedOn (YYYY-MM-DD), erasurePosition }');
  }
  return undefined;
}

/** What {@link checkCopiedRows} checks copied rows against: the target as it is inside the write transaction. */
export interface CopyTarget {
  /** Where the target lives, for messages. */
  readonly location: string;
  /** The target's own origin. */
  readonly origin: string;
  /** The target's head, read inside the write transaction (under the lock on the head). */
  readonly head: LogHead;
  /**
   * A stream's version in the target now (0 when it has none). Synchronous: an engine whose reads
   * are asynchronous reads the versions of the rows' streams first and answers from them.
   */
  readonly streamVersionOf: (stream: string) => number;
}

/**
 * The checks `EventStore.appendCopied` makes inside its write transaction, before writing: the
 * same on every engine, so every engine refuses the same rows with the same errors.
 *
 * - A target with events must have the rows' origin (a ledger is copied only onto itself), and
 *   the first row must continue its head: position `head + 1`, previous hash the head's hash.
 *   Otherwise the target holds other history: a `ValidationError`, nothing written.
 * - Every row must then pass the chain verifier from the head: consecutive positions, each
 *   previous hash the hash before it, each hash recomputed from the row's content and equal to
 *   the stored one, stream versions continuing the target's, recorded times strictly increasing.
 *   The first row that fails is refused with a `VerificationFailedError` whose `break` names
 *   its position and kind (the message says what is wrong), and nothing of the call is written.
 *
 * Returns true when the target is empty and `rows` is not, so the target takes `origin` as its
 * own (an empty call changes nothing). The caller has checked
 * the shape with {@link checkCopiedRowsShape}, and writes the rows, the head (the last row's
 * position, hash and recorded time) and, for an empty target, the origin, in the same transaction.
 *
 * @example
 * ```ts
 * const adopt = checkCopiedRows(origin, rows, { location, origin: own, head, streamVersionOf });
 * ```
 */
export function checkCopiedRows(origin: string, rows: readonly ChainRow[], target: CopyTarget): boolean {
  const { head, location } = target;
  const empty = head.position === 0;
  if (!empty && target.origin !== origin) {
    throw new ValidationError(
      `appendCopied: '${location}' holds other history (its origin is ${target.origin}, the rows come from ledger ${origin}); a ledger is copied only into an empty ledger or onto an earlier copy of itself. Nothing was written.`,
      [{ path: ['origin'], message: 'another ledger’s origin' }],
    );
  }
  const first = rows[0];
  if (first === undefined) return false;
  if (first.position !== head.position + 1) {
    throw new ValidationError(
      `appendCopied: the rows start at position ${first.position}, but '${location}' ends at position ${head.position}, so the next copied row is position ${head.position + 1}. Nothing was written.`,
      [{ path: ['rows', 0, 'position'], message: `must be ${head.position + 1}` }],
    );
  }
  if (first.prevHash !== head.hash) {
    throw new ValidationError(
      `appendCopied: the row at position ${first.position} follows hash ${first.prevHash.slice(0, 12)}…, but '${location}' ends with ${head.hash.slice(0, 12)}… at position ${head.position}: it holds other history. Nothing was written.`,
      [{ path: ['rows', 0, 'prevHash'], message: 'not the head’s hash' }],
    );
  }
  const verifier = new ChainVerifier(
    empty || head.recordedAt === null
      ? undefined
      : {
          position: head.position,
          hash: head.hash,
          recordedAt: head.recordedAt,
          streamVersionAt: target.streamVersionOf,
        },
  );
  for (const row of rows) {
    if (!verifier.push(row)) {
      const result = verifier.finish({ position: verifier.position, hash: verifier.hash });
      const message = result.ok ? `position ${row.position} does not verify` : result.break.message;
      throw new VerificationFailedError(
        `appendCopied: refused the copied rows, ${message}; nothing was written to '${location}'.`,
        result,
      );
    }
  }
  return empty;
}
