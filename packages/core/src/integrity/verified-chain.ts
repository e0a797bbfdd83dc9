import { chainRowOf, EVENT_COLUMNS, type EventRowTuple } from '../chain/chain-row-of.js';
import { type ChainRow, type ChainStart, ChainVerifier } from '../chain/chain-verifier.js';
import { eventHash } from '../chain/event-hash.js';
import type { ChainBreak, VerifyResult } from '../chain/verify-result.js';
import { LedgerBusyError, StorageError } from '../errors/store-errors.js';
import { VerificationFailedError } from '../errors/verification-failed-error.js';
import type { Ledger } from '../ledger/ledger.js';
import type { LogHead } from '../store/event-store.js';
import type { SqlDatabase, SqlStatement } from '../store/sql-database.js';

/** The `ledger_meta` key under which the verified mark is kept. */
const MARK_KEY = 'verified_mark';

/** Every column of `events`, named as {@link ChainRow} names its fields. */
const CHAIN_ROW_SELECT = `SELECT position, event_id AS eventId, stream, stream_version AS streamVersion, type,
  schema_version AS schemaVersion, data AS dataJson, effective_on AS effectiveOn, recorded_at AS recordedAt,
  actor, source, correlation_id AS correlationId, causation_id AS causationId,
  idempotency_key AS idempotencyKey, prev_hash AS prevHash, hash FROM events`;

/**
 * The last position a verifying walk reached, the hash the event there had, and the database's
 * schema cookie (`PRAGMA schema_version`) at the time: the point from which the next incremental
 * check continues. Kept in `ledger_meta`. Editing an event with the sqlite3 API means dropping the
 * append-only triggers, which moves the schema cookie: a mark recorded under another cookie is
 * not trusted, and the next check walks from the genesis.
 *
 * @example
 * ```ts
 * const mark: VerifiedMark | null = readVerifiedMark(ledger);
 * ```
 */
export interface VerifiedMark {
  readonly position: number;
  readonly hash: string;
  readonly schemaVersion: number;
}

/**
 * What {@link verifyChainIncrementally} found.
 *
 * @example
 * ```ts
 * const { result, from } = verifyChainIncrementally(ledger);
 * if (result.ok) console.log(`verified ${result.count} events after position ${from}`);
 * ```
 */
export interface ChainCheck {
  /** The walk's result: `count` is the number of events walked (those after `from`). */
  readonly result: VerifyResult;
  /** The walk began after this position: the verified mark's, or 0 (the genesis). */
  readonly from: number;
  /** The mark in force after the check: moved to the head when the ledger is writable and it verified. */
  readonly mark: VerifiedMark | null;
}

/**
 * The ledger's verified mark, or null when none was recorded (or the stored one is unreadable,
 * in which case the next check walks from the genesis and records a new one).
 *
 * @example
 * ```ts
 * readVerifiedMark(ledger); // { position: 1204, hash: '9f2c…' }
 * ```
 */
export function readVerifiedMark(ledger: Ledger): VerifiedMark | null {
  const row = ledger.store.database.prepare('SELECT value FROM ledger_meta WHERE key = ?').get(MARK_KEY) as
    | { value: string }
    | undefined;
  if (row === undefined) return null;
  try {
    const { position, hash, schemaVersion } = JSON.parse(row.value) as Record<string, unknown>;
    if (
      Number.isSafeInteger(position) &&
      (position as number) >= 1 &&
      typeof hash === 'string' &&
      /^[0-9a-f]{64}$/.test(hash) &&
      Number.isSafeInteger(schemaVersion)
    ) {
      return { position: position as number, hash, schemaVersion: schemaVersion as number };
    }
  } catch {
    // Unreadable: walk from the genesis.
  }
  return null;
}

/**
 * Verifies the hash chain from the ledger's verified mark to its head: the event at the mark
 * must still have the hash recorded there (and still produce it), and every event after it must
 * link, hash, keep its stream's versions in step and be recorded strictly later than the one
 * before, up to the recorded head. Without a mark, the walk starts at the genesis. On a writable
 * ledger a successful walk moves the mark to the head, so the next check walks only what was
 * appended since; a read-only ledger verifies the same way and writes nothing.
 *
 * When the schema changed since the mark was recorded (the append-only triggers were dropped
 * and recreated, a projection was rebuilt, a migration ran), the walk starts at the genesis
 * instead, and the event at the mark must still have its hash. Otherwise it does not re-read the
 * history before the mark: an edit there that left the schema alone (raw bytes, `INSERT OR
 * REPLACE`) is found by a full {@link Ledger.verify} (`perfledger verify`), not by this check.
 *
 * @example
 * ```ts
 * const { result } = verifyChainIncrementally(ledger);
 * if (!result.ok) console.error(result.break.message);
 * ```
 */
export function verifyChainIncrementally(ledger: Ledger): ChainCheck {
  // The mark before the head (another process may move the mark on meanwhile, but never past a
  // head it saw), then the head: rows up to it are immutable, so later appends cannot disturb the walk.
  const db = ledger.store.database;
  const mark = readVerifiedMark(ledger);
  const schemaVersion = schemaVersionOf(db);
  const head = ledger.head();
  let start: ChainStart | undefined;
  if (mark !== null && mark.schemaVersion === schemaVersion) {
    const begun = startAtMark(db, mark, head);
    if ('kind' in begun) return { result: { ok: false, count: 0, break: begun }, from: mark.position, mark };
    start = begun;
  }
  const from = start?.position ?? 0;
  const verifier = new ChainVerifier(start);
  for (const row of chainRows(db, from, head.position)) {
    if (!verifier.push(row)) break;
  }
  let result = verifier.finish(head);
  if (result.ok && start === undefined && mark !== null) {
    // Walked from the genesis past a mark: the event there must still be the one verified then.
    const begun = startAtMark(db, mark, head);
    if ('kind' in begun) result = { ok: false, count: result.count, break: begun };
  }
  const advanced = result.ok ? advanceVerifiedMark(ledger, head, schemaVersion) : mark;
  return { result, from, mark: advanced };
}

/**
 * Verifies the chain incrementally ({@link verifyChainIncrementally}) and refuses a broken log.
 *
 * @throws VerificationFailedError carrying the walk's result (the break's kind, position and
 *   statement) when the chain does not verify; `action` says what was refused.
 * @example
 * ```ts
 * assertChainVerified(ledger, 'publish the report');
 * ```
 */
export function assertChainVerified(ledger: Ledger, action: string): ChainCheck {
  const check = verifyChainIncrementally(ledger);
  if (!check.result.ok) throw chainRefusal(ledger, action, check.result, 'nothing was written');
  return check;
}

/**
 * The error that refuses `action` on a broken chain, saying where it broke and what was left.
 *
 * @example
 * ```ts
 * throw chainRefusal(ledger, 'rebuild the projections', result, 'the projections are left marked for rebuild');
 * ```
 */
export function chainRefusal(
  ledger: Ledger,
  action: string,
  result: VerifyResult,
  consequence: string,
): VerificationFailedError {
  const where = result.ok ? 'the chain verified' : result.break.message;
  return new VerificationFailedError(
    `Refusing to ${action}: the hash chain of '${ledger.file}' is broken (${where}); ${consequence}. The log has been altered outside perfledger: run a full verification ('perfledger verify', or ledger.verify()) and restore from a verified backup.`,
    result,
  );
}

/**
 * The cheap checks at the two ends of the log, made before a pass over it changes anything: the
 * event at the recorded head has the head's hash, and the event at the verified mark (if any) is
 * still the one verified then. A tail cut off, or a history rewritten with every hash recomputed
 * up to the mark, is found here, before any projection is touched. Returns the failed result, or
 * undefined when both ends hold.
 *
 * @example
 * ```ts
 * const broken = checkChainEnds(ledger, ledger.head());
 * if (broken) throw chainRefusal(ledger, 'rebuild the projections', broken, 'nothing was changed');
 * ```
 */
export function checkChainEnds(ledger: Ledger, head: LogHead): VerifyResult | undefined {
  const db = ledger.store.database;
  const mark = readVerifiedMark(ledger);
  if (mark !== null) {
    const begun = startAtMark(db, mark, ledger.head());
    if ('kind' in begun) return { ok: false, count: 0, break: begun };
  }
  if (head.position === 0) return undefined;
  const stored = ledger.store.hashAt(head.position);
  if (stored === head.hash) return undefined;
  return {
    ok: false,
    count: 0,
    break: {
      kind: 'head-mismatch',
      position: head.position,
      message: `head-mismatch at position ${head.position}: ${
        stored === undefined
          ? "the ledger's head records this position, but the log has no event there"
          : `the event there hashes to ${stored.slice(0, 12)}…, not the head's ${head.hash.slice(0, 12)}…`
      }`,
    },
  };
}

/**
 * A chain walk that rides along a pass over the whole log (a projection rebuild), so the events
 * are verified as they are read rather than in a second walk. Call {@link VerifyingPass.through}
 * before using each batch, and {@link VerifyingPass.finish} at the end.
 *
 * @example
 * ```ts
 * const pass = new VerifyingPass(ledger, ledger.head());
 * for (const batch of batches) { const broken = pass.through(batch.at(-1)!.position); if (broken) throw …; apply(batch); }
 * const result = pass.finish();
 * ```
 */
export class VerifyingPass {
  readonly #ledger: Ledger;
  readonly #head: LogHead;
  readonly #verifier = new ChainVerifier();
  readonly #schemaVersion: number;
  #failed: VerifyResult | undefined;

  constructor(ledger: Ledger, head: LogHead) {
    this.#ledger = ledger;
    this.#head = head;
    this.#schemaVersion = schemaVersionOf(ledger.store.database);
  }

  /** Verifies every event up to `position` not yet verified; returns the failed result at the first break. */
  through(position: number): VerifyResult | undefined {
    if (this.#failed) return this.#failed;
    const upTo = Math.min(position, this.#head.position);
    if (upTo <= this.#verifier.position) return undefined;
    for (const row of chainRows(this.#ledger.store.database, this.#verifier.position, upTo)) {
      if (!this.#verifier.push(row)) {
        this.#failed = this.#verifier.finish(this.#head);
        return this.#failed;
      }
    }
    return undefined;
  }

  /**
   * Verifies the rest up to the head, checks the head and the verified mark, and (on a writable
   * ledger, when all is well) moves the mark to the head.
   */
  finish(): VerifyResult {
    const broken = this.through(this.#head.position);
    if (broken) return broken;
    const result = this.#verifier.finish(this.#head);
    if (!result.ok) return result;
    const mark = readVerifiedMark(this.#ledger);
    if (mark !== null) {
      // Against the head as it is now: another process may have verified past this pass's head.
      const begun = startAtMark(this.#ledger.store.database, mark, this.#ledger.head());
      if ('kind' in begun) return { ok: false, count: result.count, break: begun };
    }
    advanceVerifiedMark(this.#ledger, this.#head, this.#schemaVersion);
    return result;
  }
}

/**
 * Records `head` as the mark, verified under `schemaVersion`, if the ledger is writable and the
 * mark is behind it (or was recorded under another schema); returns the mark in force.
 */
function advanceVerifiedMark(ledger: Ledger, head: LogHead, schemaVersion: number): VerifiedMark | null {
  const stale = (mark: VerifiedMark | null) =>
    mark === null || mark.schemaVersion !== schemaVersion || mark.position < head.position;
  const current = readVerifiedMark(ledger);
  if (ledger.readonly || head.position === 0 || !stale(current)) return current;
  try {
    return ledger.store.transaction((db) => {
      // Re-read under the write lock: another process may have moved it meanwhile, or changed the
      // schema since the walk began (then the walk does not vouch for the new schema).
      const latest = readVerifiedMark(ledger);
      if (!stale(latest) || schemaVersionOf(db) !== schemaVersion) return latest;
      const mark: VerifiedMark = { position: head.position, hash: head.hash, schemaVersion };
      db.prepare(
        'INSERT INTO ledger_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ).run(MARK_KEY, JSON.stringify(mark));
      return mark;
    });
  } catch (error) {
    // The mark only saves work: when it cannot be written (another process holds the lock, the
    // file is read-only underneath), the next check walks a little further, and that is all.
    if (error instanceof LedgerBusyError || (error instanceof StorageError && error.code === 'READ_ONLY')) {
      return current;
    }
    throw error;
  }
}

/**
 * The rows in (`after`, `upTo`], in position order. Raw tuples when the connection offers them
 * (better-sqlite3's `raw()`, a good deal faster than objects), named columns otherwise.
 */
function* chainRows(db: SqlDatabase, after: number, upTo: number): Generator<ChainRow> {
  const where = 'WHERE position > ? AND position <= ? ORDER BY position';
  const raw = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ${where}`) as SqlStatement & {
    raw?: (on: boolean) => SqlStatement;
  };
  if (typeof raw.raw === 'function') {
    for (const row of raw.raw(true).iterate(after, upTo)) yield chainRowOf(row as EventRowTuple);
    return;
  }
  yield* db.prepare(`${CHAIN_ROW_SELECT} ${where}`).iterate(after, upTo) as IterableIterator<ChainRow>;
}

function schemaVersionOf(db: SqlDatabase): number {
  return (db.prepare('PRAGMA schema_version').get() as { schema_version: number }).schema_version;
}

/** Checks the event at the mark and returns where a walk may continue from, or the break. */
function startAtMark(db: SqlDatabase, mark: VerifiedMark, head: LogHead): ChainStart | ChainBreak {
  const fail = (kind: ChainBreak['kind'], message: string): ChainBreak => ({
    kind,
    position: mark.position,
    message: `${kind} at position ${mark.position}: ${message}`,
  });
  if (mark.position > head.position) {
    return fail(
      'mark-mismatch',
      `the log was verified up to this position earlier, but its recorded head is now position ${head.position}: the tail was cut off`,
    );
  }
  const row = db.prepare(`${CHAIN_ROW_SELECT} WHERE position = ?`).get(mark.position) as ChainRow | undefined;
  if (row === undefined) return fail('mark-mismatch', 'the event verified here earlier is missing');
  if (row.hash !== mark.hash) {
    return fail(
      'mark-mismatch',
      `its hash is now ${row.hash.slice(0, 12)}…, not the ${mark.hash.slice(0, 12)}… verified earlier: the history up to it was rewritten`,
    );
  }
  if (eventHash(row.prevHash, row) !== row.hash) {
    return fail('hash-mismatch', 'its stored content no longer matches its hash');
  }
  const versionAt = db.prepare(
    'SELECT max(stream_version) AS v FROM events WHERE stream = ? AND position <= ?',
  );
  return {
    position: mark.position,
    hash: mark.hash,
    recordedAt: row.recordedAt,
    streamVersionAt: (stream) =>
      (versionAt.get(stream, mark.position) as { v: number | null } | undefined)?.v ?? 0,
  };
}
