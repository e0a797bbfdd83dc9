import type { ChainRow } from '../chain/chain-verifier.js';
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
import type { MerkleHash } from '../merkle/merkle-hash.js';
import type { MerkleNodeRef } from '../merkle/subtrees.js';
import type { Checkpoint } from '../projections/checkpoint.js';
import type { ProjectionRow, ProjectionTable } from '../projections/projection.js';
import type { BusinessDate } from '../time/index.js';

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

/**
 * Called inside the append's transaction with the new events and the transaction's session;
 * throwing (or rejecting) rolls the append back. Inline projections use it.
 */
export type InTransactionHook = (
  events: readonly EventEnvelope[],
  session: StoreSession,
) => Promise<void> | void;

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
 * A value a portable query takes or returns: text, a number, or NULL. Integers beyond 2^53 come
 * back as `bigint` from engines that keep them exactly.
 */
export type SqlValue = string | number | bigint | null;

/**
 * Read-only SQL over the ledger's tables (events, projection tables), the same on every engine.
 * Statements use portable SQL with `?` positional parameters; each engine translates the
 * placeholders it needs. Only `SELECT` (and `WITH … SELECT`) statements are run: anything else is
 * refused with `READ_ONLY`, so no read model can write by this path.
 *
 * @example
 * ```ts
 * const rows = await ledger.query.all<{ n: number }>('SELECT count(*) AS n FROM audit_trail WHERE code = ?', ['DEM1518_02']);
 * ```
 */
export interface QueryPort {
  /** Every row the statement returns. */
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** The rows a batch at a time, so memory holds one batch. */
  batches<T = Record<string, unknown>>(
    sql: string,
    params?: readonly SqlValue[],
    batchSize?: number,
  ): AsyncIterable<T[]>;
}

/**
 * Where each engine keeps projections' tables and checkpoints. The runner in core decides what
 * to write; the engine writes it. Every method joins the caller's transaction when called inside
 * {@link EventStore.transaction} or an {@link InTransactionHook}.
 */
export interface ProjectionStorage {
  /**
   * Drops the tables if present and creates them empty. With `deferIndexes`, secondary indexes
   * are left for {@link ProjectionStorage.createIndexes} (a rebuild builds them after the rows).
   */
  resetTables(
    tables: readonly ProjectionTable[],
    options?: { readonly deferIndexes?: boolean },
  ): Promise<void>;
  /** Creates the tables' secondary indexes that do not exist yet. */
  createIndexes(tables: readonly ProjectionTable[]): Promise<void>;
  /** Inserts rows; a row whose primary key or a unique key is already present is skipped. */
  insertRows(table: ProjectionTable, rows: readonly ProjectionRow[]): Promise<void>;
  /** The names of the projection tables (of those given) that exist. */
  existingTables(names: readonly string[]): Promise<string[]>;
  /** A projection's stored checkpoint, if it has one. */
  checkpoint(name: string): Promise<Checkpoint | undefined>;
  /** Every stored checkpoint. */
  checkpoints(): Promise<Checkpoint[]>;
  /** Stores a projection's checkpoint. */
  putCheckpoint(checkpoint: Checkpoint): Promise<void>;
}

/**
 * What can be done inside one transaction, and outside one: reads see the transaction's own
 * writes, and every write commits with it or not at all.
 */
export interface StoreSession {
  /**
   * Appends to one or more streams: every request's version check passes and all events land,
   * or nothing is written. The store assigns positions, recorded times and hashes; `hook` runs
   * inside the same transaction after the write.
   */
  append(
    requests: readonly AppendRequest[],
    metadata?: EventMetadata,
    hook?: InTransactionHook,
  ): Promise<AppendResult>;
  /** The result of an earlier append with this idempotency key, if there was one. */
  replayed(idempotencyKey: string): Promise<AppendResult | undefined>;
  /** One stream's events in version order (optionally a version range, or as known at a position). */
  readStream(stream: string, options?: ReadStreamOptions): Promise<EventEnvelope[]>;
  /** One stream's facts (no metadata or hashes) in version order, up to a position: for folding. */
  readStreamFacts(stream: string, upTo?: number): Promise<EventFact[]>;
  /** A stream's current version: the number of events in it, 0 when it does not exist. */
  streamVersion(stream: string): Promise<number>;
  /** The registered stream whose name equals `stream` ignoring case (first registered wins); undefined when none. */
  streamIgnoringCase(stream: string): Promise<string | undefined>;
  /** The last event's position, hash and recorded time (position 0 and the genesis hash when empty). */
  head(): Promise<LogHead>;
  /** A value of the ledger's own key–value table (the verified mark, settings); undefined when unset. */
  getMeta(key: string): Promise<string | undefined>;
  /** Sets a value of the ledger's key–value table. */
  putMeta(key: string, value: string): Promise<void>;
  /**
   * The hashes of complete subtrees of the ledger's RFC 6962 Merkle tree, in the order asked:
   * level 0 is an event's leaf hash (`eventLeafHash` of the event at position `index + 1`), higher
   * levels the nodes the engine stores as each append completes them (in the append's
   * transaction, O(log n) per append; `appendCopied` too). One call reads them all. Rejects with
   * `IntegrityError` `TREE_MISMATCH` naming the first node that is not stored.
   */
  merkleNodes(refs: readonly MerkleNodeRef[]): Promise<MerkleHash[]>;
  /** Projection tables and checkpoints. */
  readonly projections: ProjectionStorage;
  /** Read-only portable SQL. */
  readonly query: QueryPort;
}

/**
 * The one seam between the ledger and a storage engine. SQLite (`@perfledger/sqlite`) implements
 * it; any other engine implements the same operations with the same guarantees, proven by the
 * conformance suite in `@perfledger/core/conformance`: one atomic transaction per append,
 * optimistic concurrency per stream, idempotency keys, gap-free positions committed in order,
 * append-only storage, the hash chain. No engine type crosses it.
 *
 * @example
 * ```ts
 * const result = await store.append([{ stream: 'action:X', events, expectedVersion: 'no-stream' }], { actor: 'me' });
 * ```
 */
export interface EventStore extends StoreSession {
  /** The engine's name, such as `'sqlite'`. */
  readonly engine: string;
  /** Where the ledger lives, for messages (a file path, a server and ledger name). */
  readonly location: string;
  /** True when opened read-only: every write fails with `READ_ONLY`. */
  readonly readonly: boolean;
  /** The global log in position order, a batch at a time: memory holds one batch. */
  readAllBatches(options?: ReadAllOptions): AsyncIterable<EventEnvelope[]>;
  /** Events whose effective date lies in a range, in (effective date, position) order, a batch at a time. */
  readByEffectiveDate(range?: EffectiveRange): AsyncIterable<EventEnvelope[]>;
  /** Every stream's facts up to a position, one stream at a time, streams in name order. */
  readStreams(options?: {
    readonly upTo?: number | undefined;
    readonly prefix?: string;
  }): AsyncIterable<EventFact[]>;
  /** The stored rows of the hash chain after `after` up to `upTo`, in position order, a batch at a time. */
  chainRows(after: number, upTo: number, batchSize?: number): AsyncIterable<ChainRow[]>;
  /**
   * Writes rows copied from another ledger exactly as stored (positions, recorded times, hashes):
   * into an empty ledger (which then takes `origin` as its own), or one with the same origin whose
   * head is the row before the first. Each row's hash is recomputed and must match, and its
   * prevHash must equal the head hash; otherwise nothing of the batch is written
   * (ValidationError / IntegrityError naming the position). Positions continue the head.
   *
   * Source rows come from another store's {@link EventStore.chainRows}; `copyLedger` streams a
   * whole ledger this way. Every engine makes the checks with core's `checkCopiedRowsShape` and
   * `checkCopiedRows` (`@perfledger/core/internal`), inside one write transaction that holds the
   * head, so all engines refuse the same rows with the same errors: a `ValidationError` when the
   * rows do not fit the target (another origin, not continuing its head, malformed), a
   * `VerificationFailedError` whose `break` names the position when a row does not verify. An
   * empty call writes nothing. A read-only store refuses with `READ_ONLY`, whatever the rows. Nothing else changes: projections catch up from the new events as after appends.
   */
  appendCopied(origin: string, rows: readonly ChainRow[]): Promise<void>;
  /** The last position recorded at or before `recordedAt` (0 when none). */
  positionAt(recordedAt: string): Promise<GlobalPosition>;
  /** The ledger's origin: a UUID fixed when the ledger was created, naming this log wherever it is copied. */
  origin(): Promise<string>;
  /** The stored hash of the event at `position` (the genesis hash for 0); undefined when there is no such row. */
  hashAt(position: number): Promise<string | undefined>;
  /**
   * A number that changes whenever the ledger's stored schema changes (tables created or
   * dropped): a verified mark records it, so a schema change forces a full verification.
   */
  schemaStamp(): Promise<string>;
  /**
   * Runs `work` in one write transaction. Calls made inside — through the session or through the
   * store itself in the same async context — join it; nested calls join the outer transaction.
   */
  transaction<T>(work: (session: StoreSession) => Promise<T>): Promise<T>;
  /**
   * Runs `work` (a rebuild) with settings for bulk writes: large transactions, a large cache,
   * relaxed durability. Only derived data may be written this way; the settings are restored
   * afterwards, whatever happens.
   */
  bulk<T>(work: () => Promise<T>): Promise<T>;
  /** Closes the connection; the store cannot be used afterwards. */
  close(): Promise<void>;
}
