import type { VerifyResult } from '../chain/verify-result.js';
import type { ExpectedVersion } from '../errors/index.js';
import type {
  EventEnvelope,
  EventMetadata,
  EventType,
  GlobalPosition,
  LedgerEvent,
  PendingEvent,
  RecordedAt,
} from '../events/index.js';
import type { BusinessDate } from '../time/index.js';
import type { SqlDatabase } from './sql-database.js';

/**
 * The part of a stored event that folding needs: what happened, when it is effective, and where
 * it sits. Reading only these columns makes state reads cheaper than reading whole envelopes.
 */
export type EventFact<TEvent extends LedgerEvent = LedgerEvent> = TEvent & {
  readonly stream: string;
  readonly streamVersion: number;
  readonly position: GlobalPosition;
  readonly effectiveOn: BusinessDate;
};

/** Events to append to one stream, and what the caller expects the stream's version to be. */
export interface AppendRequest {
  readonly stream: string;
  readonly events: readonly PendingEvent[];
  /** Defaults to `'any'`. */
  readonly expectedVersion?: ExpectedVersion;
}

/** What an append wrote (or, for a repeated idempotency key, what the first append wrote). */
export interface AppendResult {
  /** Position of the first event written; with `lastPosition`, 0 when nothing was written. */
  readonly firstPosition: number;
  readonly lastPosition: number;
  /** Each stream's version after the append. */
  readonly streamVersions: Readonly<Record<string, number>>;
  readonly events: readonly EventEnvelope[];
  /** True when the idempotency key had been seen: nothing new was written. */
  readonly replayed: boolean;
}

/** Called inside the append's transaction with the new events; throwing rolls the append back. */
export type InTransactionHook = (events: readonly EventEnvelope[], db: SqlDatabase) => void;

/** The last event of the log: its position, hash and recorded time. */
export interface LogHead {
  readonly position: number;
  readonly hash: string;
  readonly recordedAt: RecordedAt | null;
}

/** Which part of the global log to read. */
export interface ReadAllOptions {
  /** Read events after this position (exclusive); 0 by default. */
  readonly after?: number;
  /** Read events up to this position (inclusive): the log as known then. */
  readonly upTo?: number | undefined;
  /** Events per batch; 1 000 by default. */
  readonly batchSize?: number;
  /** Only these event types. */
  readonly types?: readonly EventType[];
}

/** Which part of one stream to read. */
export interface ReadStreamOptions {
  readonly fromVersion?: number;
  readonly toVersion?: number;
  /** Only events at or before this global position: the stream as known then. */
  readonly upTo?: number | undefined;
}

/** A range of effective dates (both ends inclusive, either open). */
export interface EffectiveRange {
  readonly from?: BusinessDate;
  readonly to?: BusinessDate;
  readonly upTo?: number | undefined;
  readonly batchSize?: number;
}

/**
 * The narrow seam between the ledger and its storage engine. SQLite implements it today; another
 * engine implements the same operations with the same guarantees: one atomic transaction per
 * append, optimistic concurrency per stream, gap-free positions, the hash chain.
 *
 * @example
 * ```ts
 * const result = store.append([{ stream: 'action:X', events, expectedVersion: 'no-stream' }], { actor: 'me' });
 * ```
 */
export interface EventStore {
  /** The database file (`':memory:'` for an in-memory ledger). */
  readonly file: string;
  /** True when opened read-only: every write fails with `READ_ONLY`. */
  readonly readonly: boolean;
  /**
   * Appends to one or more streams in one transaction: every request's version check passes and
   * all events land, or nothing is written. `hook` runs inside the transaction after the write.
   */
  append(
    requests: readonly AppendRequest[],
    metadata?: EventMetadata,
    hook?: InTransactionHook,
  ): AppendResult;
  /** The result of an earlier append with this idempotency key, if there was one. */
  replayed(idempotencyKey: string): AppendResult | undefined;
  /** One stream's events in version order (optionally a version range, or as known at a position). */
  readStream(stream: string, options?: ReadStreamOptions): EventEnvelope[];
  /** One stream's facts (no metadata or hashes) in version order, up to a position: for folding. */
  readStreamFacts(stream: string, upTo?: number): EventFact[];
  /** The global log in position order, a batch at a time: memory holds one batch. */
  readAllBatches(options?: ReadAllOptions): Generator<EventEnvelope[]>;
  /** The global log in position order, one event at a time (read in batches underneath). */
  readAll(options?: ReadAllOptions): Generator<EventEnvelope>;
  /** Events whose effective date lies in a range, in (effective date, position) order. */
  readByEffectiveDate(range?: EffectiveRange): Generator<EventEnvelope>;
  /** Every stream's facts up to a position, one stream at a time, in stream-version order. */
  readStreams(options?: {
    readonly upTo?: number | undefined;
    readonly prefix?: string;
  }): Generator<EventFact[]>;
  /** A stream's current version: the number of events in it, 0 when it does not exist. */
  streamVersion(stream: string): number;
  /** The last event's position, hash and recorded time (position 0 and the genesis hash when empty). */
  head(): LogHead;
  /** The last position recorded at or before `recordedAt` (0 when none). */
  positionAt(recordedAt: string): GlobalPosition;
  /** Walks the hash chain from the first event to the head. */
  verify(): VerifyResult;
  /** The ledger's origin: a UUID fixed when the file was created, naming this log wherever it is copied. */
  origin(): string;
  /** The stored hash of the event at `position` (the genesis hash for 0); undefined when there is no such row. */
  hashAt(position: number): string | undefined;
  /** Runs `work` in one write transaction. */
  transaction<T>(work: (db: SqlDatabase) => T): T;
  /** The connection, for projections' own tables. */
  readonly database: SqlDatabase;
  /** Closes the connection; the store cannot be used afterwards. */
  close(): void;
}
