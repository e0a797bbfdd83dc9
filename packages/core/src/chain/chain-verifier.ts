import { ValidationError } from '../errors/validation-error.js';
import { PersonalDataTracker } from '../personal-data/personal-data-tracker.js';
import type { PersonalRecords } from '../personal-data/personal-marker.js';
import { parseRecordedAt } from '../store/recorded-clock.js';
import { GENESIS_HASH } from '../store/schema.js';
import type { HashedFields } from './canonical-envelope.js';
import { eventHash } from './event-hash.js';
import type { ChainBreak, VerifyResult } from './verify-result.js';

/**
 * A stored row as the hash-chain verifier reads it: the hashed fields and the two hashes. An
 * engine returns these from `EventStore.chainRows`.
 *
 * @example
 * ```ts
 * for await (const rows of store.chainRows(0, head.position)) for (const row of rows) check(row.prevHash, row.hash);
 * ```
 */
export interface ChainRow extends HashedFields {
  readonly prevHash: string;
  readonly hash: string;
  /**
   * The side-table records of the row's personal-data fields (texts and erasures), when its data
   * holds markers: engines attach them in `chainRows`, and `appendCopied` writes them. Not
   * hashed: the verifier checks them against the markers' digests.
   */
  readonly personal?: PersonalRecords | undefined;
}

/**
 * Where a walk starts when it does not start at the genesis: a row already verified (its
 * position, hash and recorded time), and how to look up a stream's last version at or before it.
 * The lookup may be asynchronous (a store query): {@link ChainVerifier.pushAll} resolves it for
 * the streams of a batch before checking the batch.
 *
 * @example
 * ```ts
 * const start: ChainStart = { position: 41, hash: row.hash, recordedAt: row.recordedAt, streamVersionAt: (s) => versionOf(s, 41) };
 * ```
 */
export interface ChainStart {
  readonly position: number;
  readonly hash: string;
  readonly recordedAt: string;
  /** The stream's last version at or before `position` (0 when it had none). */
  readonly streamVersionAt: (stream: string) => number | Promise<number>;
}

/**
 * Walks stored rows in position order and finds the first break in the hash chain: a missing
 * position, a broken link, an edited row, a stream's versions out of step, or a recorded time
 * that does not strictly increase with position. It holds only the previous row's hash and
 * recorded time and each stream's last version, so memory does not grow with the log. Given a
 * {@link ChainStart}, it continues from a row verified earlier instead of the genesis; then feed
 * it with {@link ChainVerifier.pushAll}, which looks up the start versions of new streams first.
 *
 * @example
 * ```ts
 * const verifier = new ChainVerifier();
 * for (const row of rows) if (!verifier.push(row)) break;
 * const result = verifier.finish(head);
 * ```
 */
export class ChainVerifier {
  #count = 0;
  #lastPosition = 0;
  #lastHash = GENESIS_HASH;
  /** The previous row's recorded time in microseconds; -Infinity before the first row. */
  #lastMicros = Number.NEGATIVE_INFINITY;
  #lastRecordedAt = '';
  #break: ChainBreak | undefined;
  readonly #streamVersions = new Map<string, number>();
  readonly #streamVersionAt: ChainStart['streamVersionAt'] | undefined;
  readonly #personal = new PersonalDataTracker();

  constructor(start?: ChainStart) {
    if (start !== undefined) {
      this.#lastPosition = start.position;
      this.#lastHash = start.hash;
      this.#lastMicros = parseRecordedAt(start.recordedAt);
      this.#lastRecordedAt = start.recordedAt;
      this.#streamVersionAt = start.streamVersionAt;
    }
  }

  /** The last position verified so far (the start's position before any row). */
  get position(): number {
    return this.#lastPosition;
  }

  /** The hash of the last row verified (the start's hash, or the genesis hash, before any row). */
  get hash(): string {
    return this.#lastHash;
  }

  /** True once a break was found. */
  get broken(): boolean {
    return this.#break !== undefined;
  }

  /**
   * Checks rows in order, first looking up (through the start's lookup) the version each new
   * stream had at the start; returns false once the chain is broken.
   */
  async pushAll(rows: readonly ChainRow[]): Promise<boolean> {
    if (this.#break) return false;
    const lookup = this.#streamVersionAt;
    if (lookup !== undefined) {
      for (const row of rows) {
        if (!this.#streamVersions.has(row.stream))
          this.#streamVersions.set(row.stream, await lookup(row.stream));
      }
    }
    for (const row of rows) if (!this.push(row)) return false;
    return true;
  }

  /**
   * Checks one row; returns false once the chain is broken (further rows are ignored). A verifier
   * given a {@link ChainStart} with an asynchronous lookup must be fed with
   * {@link ChainVerifier.pushAll}, which resolves the lookup first.
   */
  push(row: ChainRow): boolean {
    return this.#push(row, false) === true;
  }

  /**
   * Like {@link ChainVerifier.push}, except that a row whose content does not produce its hash is
   * not held against the chain: it returns `'hash-mismatch'` and records nothing, so the caller
   * can check the stored row instead (a row rebuilt from a parsed envelope may differ from the
   * stored bytes only in how its data is written).
   */
  pushTentatively(row: ChainRow): boolean | 'hash-mismatch' {
    return this.#push(row, true);
  }

  #push(row: ChainRow, tentative: boolean): boolean | 'hash-mismatch' {
    if (this.#break) return false;
    const expectedPosition = this.#lastPosition + 1;
    if (row.position !== expectedPosition) {
      return this.#fail(
        'gap',
        expectedPosition,
        `position ${expectedPosition} is missing; the next row is ${row.position}`,
      );
    }
    if (row.prevHash !== this.#lastHash) {
      return this.#fail(
        'broken-link',
        row.position,
        `its previous hash ${row.prevHash.slice(0, 12)}… is not the hash of position ${this.#lastPosition} (${this.#lastHash.slice(0, 12)}…)`,
      );
    }
    const computed = eventHash(this.#lastHash, row);
    if (computed !== row.hash) {
      if (tentative) return 'hash-mismatch';
      return this.#fail('hash-mismatch', row.position, 'its stored content no longer matches its hash');
    }
    const streamVersion = (this.#streamVersions.get(row.stream) ?? this.#startVersionOf(row.stream)) + 1;
    if (row.streamVersion !== streamVersion) {
      return this.#fail(
        'stream-gap',
        row.position,
        `stream '${row.stream}' continues at version ${row.streamVersion}, expected ${streamVersion}`,
      );
    }
    const micros = parseRecordedAt(row.recordedAt);
    if (Number.isNaN(micros)) {
      return this.#fail(
        'recorded-time',
        row.position,
        `its recorded time '${row.recordedAt}' is not an instant`,
      );
    }
    if (!(micros > this.#lastMicros)) {
      return this.#fail(
        'recorded-time',
        row.position,
        `it was recorded at ${row.recordedAt}, ${micros === this.#lastMicros ? 'the same instant as' : 'before'} position ${this.#lastPosition} (${this.#lastRecordedAt}); recorded times must strictly increase with position, so "as known at" a time would be wrong`,
      );
    }
    const personal = this.#personal.push(row);
    if (personal !== undefined) return this.#fail('personal-data', personal.position, personal.message);
    this.#streamVersions.set(row.stream, streamVersion);
    this.#lastMicros = micros;
    this.#lastRecordedAt = row.recordedAt;
    this.#count += 1;
    this.#lastPosition = row.position;
    this.#lastHash = row.hash;
    return true;
  }

  /** Compares the end of the walk with the head the ledger recorded, and returns the result. */
  finish(head: { readonly position: number; readonly hash: string }): VerifyResult {
    if (!this.#break && (head.position !== this.#lastPosition || head.hash !== this.#lastHash)) {
      this.#fail(
        'head-mismatch',
        head.position,
        `the log ends at position ${this.#lastPosition}, but the ledger's head records position ${head.position}${
          head.position === this.#lastPosition ? ' with another hash' : ''
        }`,
      );
    }
    if (this.#break) return { ok: false, count: this.#count, break: this.#break };
    return { ok: true, count: this.#count, headPosition: this.#lastPosition, headHash: this.#lastHash };
  }

  #startVersionOf(stream: string): number {
    const version = this.#streamVersionAt?.(stream) ?? 0;
    if (typeof version !== 'number') {
      throw new ValidationError(
        `ChainVerifier.push: the start version of stream '${stream}' is looked up asynchronously; feed the rows with pushAll().`,
      );
    }
    return version;
  }

  #fail(kind: ChainBreak['kind'], position: number, message: string): false {
    this.#break = { kind, position, message: `${kind} at position ${position}: ${message}` };
    return false;
  }
}
