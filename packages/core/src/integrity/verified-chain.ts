import canonicalize from 'canonicalize';
import type { ChainRow, ChainStart } from '../chain/chain-verifier.js';
import { ChainVerifier } from '../chain/chain-verifier.js';
import { eventHash } from '../chain/event-hash.js';
import type { ChainBreak, VerifyResult } from '../chain/verify-result.js';
import { LedgerBusyError, StorageError } from '../errors/store-errors.js';
import { VerificationFailedError } from '../errors/verification-failed-error.js';
import type { EventEnvelope } from '../events/index.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EventStore, LogHead } from '../store/event-store.js';

/** The ledger's key–value entry under which the verified mark is kept. */
const MARK_KEY = 'verified_mark';

/** Rows per batch of a chain walk. */
const CHAIN_BATCH = 1_000;

/**
 * The last position a verifying walk reached, the hash the event there had, and the store's
 * schema stamp ({@link EventStore.schemaStamp}) at the time: the point from which the next
 * incremental check continues. Kept in the ledger's key–value table. Editing an event behind the
 * library's back means dropping the append-only protection, which changes the schema stamp: a
 * mark recorded under another stamp is not trusted, and the next check walks from the genesis.
 *
 * @example
 * ```ts
 * const mark: VerifiedMark | null = await readVerifiedMark(ledger);
 * ```
 */
export interface VerifiedMark {
  readonly position: number;
  readonly hash: string;
  readonly schemaStamp: string;
}

/**
 * What {@link verifyChainIncrementally} found.
 *
 * @example
 * ```ts
 * const { result, from } = await verifyChainIncrementally(ledger);
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
 * or was written by an older version, in which case the next check walks from the genesis and
 * records a new one).
 *
 * @example
 * ```ts
 * await readVerifiedMark(ledger); // { position: 1204, hash: '9f2c…', schemaStamp: '7' }
 * ```
 */
export async function readVerifiedMark(ledger: Ledger): Promise<VerifiedMark | null> {
  return parseMark(await ledger.store.getMeta(MARK_KEY));
}

function parseMark(value: string | undefined): VerifiedMark | null {
  if (value === undefined) return null;
  try {
    const { position, hash, schemaStamp } = JSON.parse(value) as Record<string, unknown>;
    if (
      Number.isSafeInteger(position) &&
      (position as number) >= 1 &&
      typeof hash === 'string' &&
      /^[0-9a-f]{64}$/.test(hash) &&
      typeof schemaStamp === 'string'
    ) {
      return { position: position as number, hash, schemaStamp };
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
 * When the schema changed since the mark was recorded (the append-only protection was dropped
 * and recreated, a projection was rebuilt, a migration ran), the walk starts at the genesis
 * instead, and the event at the mark must still have its hash. Otherwise it does not re-read the
 * history before the mark: an edit there that left the schema alone (raw bytes, a replaced row)
 * is found by a full {@link Ledger.verify} (`perfledger verify`), not by this check. Memory holds
 * one batch of rows and each stream's last version.
 *
 * @example
 * ```ts
 * const { result } = await verifyChainIncrementally(ledger);
 * if (!result.ok) console.error(result.break.message);
 * ```
 */
export async function verifyChainIncrementally(ledger: Ledger): Promise<ChainCheck> {
  // The mark before the head (another process may move the mark on meanwhile, but never past a
  // head it saw), then the head: rows up to it are immutable, so later appends cannot disturb the walk.
  const store = ledger.store;
  const mark = await readVerifiedMark(ledger);
  const schemaStamp = await store.schemaStamp();
  const head = await store.head();
  let start: ChainStart | undefined;
  if (mark !== null && mark.schemaStamp === schemaStamp) {
    const begun = await startAtMark(store, mark, head);
    if ('kind' in begun) return { result: { ok: false, count: 0, break: begun }, from: mark.position, mark };
    start = begun;
  }
  const from = start?.position ?? 0;
  const verifier = new ChainVerifier(start);
  for await (const rows of store.chainRows(from, head.position, CHAIN_BATCH)) {
    if (!(await verifier.pushAll(rows))) break;
  }
  let result = verifier.finish(head);
  if (result.ok && start === undefined && mark !== null) {
    // Walked from the genesis past a mark: the event there must still be the one verified then.
    const begun = await startAtMark(store, mark, head);
    if ('kind' in begun) result = { ok: false, count: result.count, break: begun };
  }
  const advanced = result.ok ? await advanceVerifiedMark(ledger, head, schemaStamp) : mark;
  return { result, from, mark: advanced };
}

/**
 * Verifies the chain incrementally ({@link verifyChainIncrementally}) and refuses a broken log.
 *
 * @throws VerificationFailedError carrying the walk's result (the break's kind, position and
 *   statement) when the chain does not verify; `action` says what was refused.
 * @example
 * ```ts
 * await assertChainVerified(ledger, 'publish the report');
 * ```
 */
export async function assertChainVerified(ledger: Ledger, action: string): Promise<ChainCheck> {
  const check = await verifyChainIncrementally(ledger);
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
  ledger: Pick<Ledger, 'location'>,
  action: string,
  result: VerifyResult,
  consequence: string,
): VerificationFailedError {
  const where = result.ok ? 'the chain verified' : result.break.message;
  return new VerificationFailedError(
    `Refusing to ${action}: the hash chain of '${ledger.location}' is broken (${where}); ${consequence}. The log has been altered outside perfledger: run a full verification ('perfledger verify', or ledger.verify()) and restore from a verified backup.`,
    result,
  );
}

/**
 * The cheap checks at the two ends of the log, made before a pass over it changes anything: the
 * event at the recorded head has the head's hash, and the event at the verified mark (if any) is
 * still the one verified then. A tail cut off, or a history rewritten with every hash recomputed
 * up to the mark, is found here, before any projection is touched. Resolves to the failed
 * result, or undefined when both ends hold.
 *
 * @example
 * ```ts
 * const broken = await checkChainEnds(ledger, await ledger.head());
 * if (broken) throw chainRefusal(ledger, 'rebuild the projections', broken, 'nothing was changed');
 * ```
 */
export async function checkChainEnds(ledger: Ledger, head: LogHead): Promise<VerifyResult | undefined> {
  const store = ledger.store;
  const mark = await readVerifiedMark(ledger);
  if (mark !== null) {
    const begun = await startAtMark(store, mark, await store.head());
    if ('kind' in begun) return { ok: false, count: 0, break: begun };
  }
  if (head.position === 0) return undefined;
  const stored = await store.hashAt(head.position);
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
 * are verified as they are read rather than in a second walk. Either hand it each batch the pass
 * read with {@link VerifyingPass.check} (then the log is read once), or call
 * {@link VerifyingPass.through} before using each batch (it reads the stored rows itself); call
 * {@link VerifyingPass.finish} at the end.
 *
 * @example
 * ```ts
 * const pass = new VerifyingPass(ledger, await ledger.head());
 * for await (const batch of ledger.store.readAllBatches({ upTo: head.position })) {
 *   const broken = await pass.check(batch);
 *   if (broken) throw chainRefusal(ledger, 'rebuild the projections', broken, 'nothing was changed');
 *   await apply(batch);
 * }
 * const result = await pass.finish();
 * ```
 */
export class VerifyingPass {
  readonly #ledger: Ledger;
  readonly #head: LogHead;
  readonly #verifier = new ChainVerifier();
  readonly #schemaStamp: Promise<string>;
  #failed: VerifyResult | undefined;

  constructor(ledger: Ledger, head: LogHead) {
    this.#ledger = ledger;
    this.#head = head;
    // Read now, before the pass changes anything; awaited when the mark is advanced.
    this.#schemaStamp = ledger.store.schemaStamp();
    // Never left unhandled: finish() awaits it and reports its failure.
    this.#schemaStamp.catch(() => undefined);
  }

  /** The last position verified so far. */
  get position(): number {
    return this.#verifier.position;
  }

  /**
   * Verifies every event up to `position` not yet verified, reading the stored rows; resolves to
   * the failed result at the first break.
   */
  async through(position: number): Promise<VerifyResult | undefined> {
    if (this.#failed) return this.#failed;
    const upTo = Math.min(position, this.#head.position);
    if (upTo <= this.#verifier.position) return undefined;
    for await (const rows of this.#ledger.store.chainRows(this.#verifier.position, upTo, CHAIN_BATCH)) {
      for (const row of rows) if (!this.#verifier.push(row)) return this.#fail();
    }
    return undefined;
  }

  /**
   * Verifies a batch of envelopes the pass has read itself (in position order, as the store's
   * `readAllBatches` gives them), so the rows are not read a second time. It hashes the stored
   * data text the engine attached to the batch ({@link STORED_DATA_JSON}), else each event's
   * data written as canonical JSON. Positions the batch skips (a read filtered by event type)
   * are read from the store; so is any event that does not reproduce its hash this way (parsed
   * data stored in another spelling, or upcast), whose stored row then decides. Events beyond the pass's head are ignored. Resolves to the failed result at the
   * first break.
   */
  async check(batch: readonly EventEnvelope[]): Promise<VerifyResult | undefined> {
    if (this.#failed) return this.#failed;
    const stored = storedDataOf(batch);
    for (let i = 0; i < batch.length; i++) {
      const envelope = batch[i]!;
      if (envelope.position > this.#head.position) break;
      if (envelope.position <= this.#verifier.position) continue;
      if (envelope.position > this.#verifier.position + 1) {
        const broken = await this.through(envelope.position - 1);
        if (broken) return broken;
      }
      const accepted = this.#verifier.pushTentatively(
        chainRowOfEnvelope(envelope, stored === undefined ? canonicalData(envelope) : stored[i]!),
      );
      if (accepted === 'hash-mismatch') {
        const broken = await this.through(envelope.position);
        if (broken) return broken;
      } else if (!accepted) {
        return this.#fail();
      }
    }
    return undefined;
  }

  /**
   * Verifies the rest up to the head, checks the head and the verified mark, and (on a writable
   * ledger, when all is well) moves the mark to the head.
   */
  async finish(): Promise<VerifyResult> {
    const broken = await this.through(this.#head.position);
    if (broken) return broken;
    const result = this.#verifier.finish(this.#head);
    if (!result.ok) return result;
    const mark = await readVerifiedMark(this.#ledger);
    if (mark !== null) {
      // Against the head as it is now: another process may have verified past this pass's head.
      const begun = await startAtMark(this.#ledger.store, mark, await this.#ledger.store.head());
      if ('kind' in begun) return { ok: false, count: result.count, break: begun };
    }
    await advanceVerifiedMark(this.#ledger, this.#head, await this.#schemaStamp);
    return result;
  }

  #fail(): VerifyResult {
    this.#failed = this.#verifier.finish(this.#head);
    return this.#failed;
  }
}

/**
 * The key under which an engine may attach, to a batch that `readAllBatches` yields, the stored
 * data text of each of its events (a `string[]` in the batch's order, as a non-enumerable
 * property of the array). {@link VerifyingPass.check} then hashes exactly the stored bytes, as a
 * walk over the stored rows does, instead of writing each parsed (and possibly upcast) `data`
 * as canonical JSON again: the same check, without re-serialising every event. A registered
 * symbol, so that an engine package needs no import to use it.
 *
 * @example
 * ```ts
 * Object.defineProperty(batch, STORED_DATA_JSON, { value: rows.map((row) => row.dataJson) });
 * ```
 */
export const STORED_DATA_JSON: unique symbol = Symbol.for('perfledger.storedDataJson');

/** The stored data texts attached to a batch, when present and one per event. */
function storedDataOf(batch: readonly EventEnvelope[]): readonly string[] | undefined {
  const stored = (batch as { readonly [STORED_DATA_JSON]?: unknown })[STORED_DATA_JSON];
  return Array.isArray(stored) && stored.length === batch.length ? (stored as string[]) : undefined;
}

/** An envelope's data written as RFC 8785 canonical JSON (what the store keeps). */
function canonicalData(envelope: EventEnvelope): string {
  return canonicalize(envelope.data) ?? 'null';
}

/** The fields an envelope's hash covers, with its data as the JSON text `dataJson`. */
function chainRowOfEnvelope(envelope: EventEnvelope, dataJson: string): ChainRow {
  return {
    position: envelope.position,
    eventId: envelope.eventId,
    stream: envelope.stream,
    streamVersion: envelope.streamVersion,
    type: envelope.type,
    schemaVersion: envelope.schemaVersion,
    dataJson,
    effectiveOn: envelope.effectiveOn,
    recordedAt: envelope.recordedAt,
    actor: envelope.actor,
    source: envelope.source,
    correlationId: envelope.correlationId,
    causationId: envelope.causationId,
    idempotencyKey: envelope.idempotencyKey,
    prevHash: envelope.prevHash,
    hash: envelope.hash,
  };
}

/**
 * Records `head` as the mark, verified under `schemaStamp`, if the ledger is writable and the
 * mark is behind it (or was recorded under another schema); resolves to the mark in force.
 */
async function advanceVerifiedMark(
  ledger: Ledger,
  head: LogHead,
  schemaStamp: string,
): Promise<VerifiedMark | null> {
  const stale = (mark: VerifiedMark | null) =>
    mark === null || mark.schemaStamp !== schemaStamp || mark.position < head.position;
  const current = await readVerifiedMark(ledger);
  if (ledger.readonly || head.position === 0 || !stale(current)) return current;
  const store = ledger.store;
  try {
    return await store.transaction(async (session) => {
      // Re-read under the write lock: another process may have moved it meanwhile, or changed the
      // schema since the walk began (then the walk does not vouch for the new schema).
      const latest = parseMark(await session.getMeta(MARK_KEY));
      if (!stale(latest) || (await store.schemaStamp()) !== schemaStamp) return latest;
      const mark: VerifiedMark = { position: head.position, hash: head.hash, schemaStamp };
      await session.putMeta(MARK_KEY, JSON.stringify(mark));
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

/** The stored row at `position`, or undefined. */
async function chainRowAt(store: EventStore, position: number): Promise<ChainRow | undefined> {
  for await (const rows of store.chainRows(position - 1, position, 1)) {
    const row = rows.find((candidate) => candidate.position === position);
    if (row !== undefined) return row;
  }
  return undefined;
}

/** Checks the event at the mark and returns where a walk may continue from, or the break. */
async function startAtMark(
  store: EventStore,
  mark: VerifiedMark,
  head: LogHead,
): Promise<ChainStart | ChainBreak> {
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
  const row = await chainRowAt(store, mark.position);
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
  return {
    position: mark.position,
    hash: mark.hash,
    recordedAt: row.recordedAt,
    streamVersionAt: (stream) => streamVersionAt(store, stream, mark.position),
  };
}

/** The stream's highest stored version at or before `position` (0 when it had none). */
async function streamVersionAt(store: EventStore, stream: string, position: number): Promise<number> {
  const row = await store.query.get<{ v: unknown }>(
    'SELECT max(stream_version) AS v FROM events WHERE stream = ? AND position <= ?',
    [stream, position],
  );
  return row?.v === null || row?.v === undefined ? 0 : Number(row.v);
}
