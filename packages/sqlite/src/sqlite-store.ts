import {
  type AppendRequest,
  type AppendResult,
  ConcurrencyError,
  type EffectiveRange,
  type EventEnvelope,
  type EventFact,
  type EventMetadata,
  type ExpectedVersion,
  type GlobalPosition,
  type LogHead,
  type MerkleHash,
  type MerkleNodeRef,
  NotALedgerError,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedAt,
  StorageError,
  ValidationError,
} from '@perfledger/core';
import {
  type ChainRow,
  chainRowOf,
  checkCopiedRows,
  checkCopiedRowsShape,
  EVENT_COLUMNS,
  type EventRowTuple,
  type EventStore,
  eventHash,
  type FactRowTuple,
  formatRecordedAt,
  GENESIS_HASH,
  type InTransactionHook,
  type LedgerClock,
  nextRecordedMicros,
  type ProjectionStorage,
  parseRecordedAt,
  prepareAppend,
  type QueryPort,
  RowCodec,
  type RowRequest,
  type StoreSession,
  type UpcasterChain,
} from '@perfledger/core/internal';
import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { ConnectionLock } from './connection-lock.js';
import { registerConnection } from './connection-of.js';
import { registerPragmaRunner } from './connection-seam.js';
import { SqliteMerkleNodes } from './merkle-nodes.js';
import { type LockLease, leaseConnectionLock } from './shared-connection-lock.js';
import { translateSqliteError } from './sqlite-errors.js';
import { SqliteProjectionStorage } from './sqlite-projection-storage.js';
import { sqliteQueryPort } from './sqlite-query-port.js';
import { prepareStatements, type Statements } from './statements.js';

/** What {@link SqliteStore} is built from: an open, migrated connection and the resolved options. */
export interface SqliteStoreParts {
  readonly db: Database.Database;
  readonly file: string;
  readonly readonly: boolean;
  readonly busyTimeoutMs: number;
  readonly clock: LedgerClock;
  readonly maxClockJumpDays: number;
  readonly upcasters: UpcasterChain;
}

/**
 * Where a batch of `readAllBatches` carries its events' stored data text: the registered symbol
 * core's verifying pass looks for (`STORED_DATA_JSON` in `@perfledger/core`'s
 * `integrity/verified-chain.ts`).
 */
const STORED_DATA_JSON = Symbol.for('perfledger.storedDataJson');

/** The cache budget of a bulk run: 1 GiB (a negative `cache_size` is in KiB). */
const BULK_CACHE_SIZE = -1_048_576;

/**
 * The SQLite engine of perfledger: the async {@link EventStore} port over one better-sqlite3
 * connection (synchronous underneath) to a file in WAL mode. Create it with `sqliteStore()`.
 *
 * - Every append is one transaction (`BEGIN IMMEDIATE`, or a savepoint inside a caller's
 *   transaction): expected versions checked, positions and recorded times assigned, hashes
 *   chained, the head moved, the in-transaction hook run; or nothing is written.
 * - Calls are serialised by a connection lock: while a {@link SqliteStore.transaction} is open in
 *   one async context, calls from any other context wait, so they never see its uncommitted
 *   rows; calls from its own context (through the session or the store) join it. Writable stores
 *   of one file in one process share that lock, so two read-write handles on one file queue on
 *   it instead of contending for SQLite's file lock.
 * - Batched reads take the lock once per batch, so a long read never blocks writers for long and
 *   memory holds one batch.
 *
 * Domain rules (which data each event type takes, "ActionRegistered comes first") are the
 * ledger's, not the store's: it checks the shape of what it stores and nothing more.
 *
 * @example
 * ```ts
 * const store = await sqliteStore({ file: 'plan.db' });
 * await store.append([{ stream: 'action:X1', events, expectedVersion: 'no-stream' }], { actor: 'me' });
 * await store.close();
 * ```
 */
export class SqliteStore implements EventStore {
  readonly engine = 'sqlite';
  readonly location: string;
  readonly readonly: boolean;
  readonly projections: ProjectionStorage;
  readonly query: QueryPort;
  readonly #db: Database.Database;
  readonly #busyTimeoutMs: number;
  readonly #clock: LedgerClock;
  readonly #maxClockJumpDays: number;
  readonly #codec: RowCodec;
  readonly #statements: Statements;
  readonly #tree: SqliteMerkleNodes;
  readonly #lock: ConnectionLock;
  readonly #lease: LockLease;
  /** One transaction wrapper for every synchronous write: a savepoint when nested. */
  readonly #inTransaction: Database.Transaction<(work: () => unknown) => unknown>;
  readonly #session: StoreSession;
  #closed = false;

  /**
   * Use `sqliteStore()`, which opens and migrates the file first.
   *
   * @internal
   */
  constructor(parts: SqliteStoreParts) {
    this.location = parts.file;
    this.readonly = parts.readonly;
    this.#db = parts.db;
    this.#lease = leaseConnectionLock(parts.file, { readonly: parts.readonly });
    this.#lock = this.#lease.lock;
    this.#busyTimeoutMs = parts.busyTimeoutMs;
    this.#clock = parts.clock;
    this.#maxClockJumpDays = parts.maxClockJumpDays;
    this.#codec = new RowCodec(parts.upcasters);
    this.#statements = prepareStatements(this.#db);
    this.#tree = new SqliteMerkleNodes(this.#db);
    this.#inTransaction = this.#db.transaction((work: () => unknown) => work());
    const read = <T>(step: () => T) => this.#read(step);
    this.query = sqliteQueryPort(this.#db, this.location, read);
    this.projections = new SqliteProjectionStorage(this.#db, this.#statements, read, (step) =>
      this.#write(step),
    );
    registerPragmaRunner(this, (pragma) => this.#read(() => this.#db.pragma(pragma, { simple: true })));
    // The session is the store itself, minus what only the store may do (begin, close, bulk).
    this.#session = Object.freeze({
      append: (requests, metadata, hook) => this.append(requests, metadata, hook),
      replayed: (key) => this.replayed(key),
      readStream: (stream, options) => this.readStream(stream, options),
      readStreamFacts: (stream, upTo) => this.readStreamFacts(stream, upTo),
      streamVersion: (stream) => this.streamVersion(stream),
      streamIgnoringCase: (stream) => this.streamIgnoringCase(stream),
      head: () => this.head(),
      getMeta: (key) => this.getMeta(key),
      putMeta: (key, value) => this.putMeta(key, value),
      merkleNodes: (refs) => this.merkleNodes(refs),
      projections: this.projections,
      query: this.query,
    } satisfies StoreSession);
    registerConnection(this, <T>(work: (db: Database.Database) => T) => this.#write(() => work(this.#db)));
  }

  async append(
    requests: readonly AppendRequest[],
    metadata: EventMetadata = {},
    hook?: InTransactionHook,
  ): Promise<AppendResult> {
    const prepared = prepareAppend(requests, metadata);
    if (hook === undefined) return this.#write(() => this.#appendRows(prepared, metadata));
    if (typeof hook !== 'function') throw new ValidationError('An append hook must be a function.');
    return this.transaction((session) =>
      this.#savepoint(async () => {
        const result = this.#run(() => this.#appendRows(prepared, metadata));
        if (!result.replayed && result.events.length > 0) await hook(result.events, session);
        return result;
      }),
    );
  }

  async replayed(idempotencyKey: string): Promise<AppendResult | undefined> {
    if (typeof idempotencyKey !== 'string') throw new ValidationError('An idempotency key must be text.');
    return this.#read(() => this.#replayedFromChain(idempotencyKey));
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    return this.#read(() =>
      (
        this.#statements.readStream.all(
          stream,
          options.fromVersion ?? 1,
          options.toVersion ?? Number.MAX_SAFE_INTEGER,
          options.upTo ?? Number.MAX_SAFE_INTEGER,
        ) as EventRowTuple[]
      ).map((row) => this.#codec.envelope(row)),
    );
  }

  readStreamFacts(stream: string, upTo: number = Number.MAX_SAFE_INTEGER): Promise<EventFact[]> {
    return this.#read(() => this.#facts(stream, upTo));
  }

  streamVersion(stream: string): Promise<number> {
    return this.#read(() => (this.#statements.streamVersion.get(stream) as number | null) ?? 0);
  }

  async streamIgnoringCase(stream: string): Promise<string | undefined> {
    if (typeof stream !== 'string') throw new ValidationError('A stream name must be text.');
    return this.#read(() => this.#statements.streamIgnoringCase.get(stream) as string | undefined);
  }

  head(): Promise<LogHead> {
    return this.#read(() => this.#head());
  }

  getMeta(key: string): Promise<string | undefined> {
    return this.#read(() => this.#statements.metaGet.get(key) as string | undefined);
  }

  async putMeta(key: string, value: string): Promise<void> {
    if (typeof key !== 'string' || key === '' || typeof value !== 'string') {
      throw new ValidationError('A ledger_meta entry needs a non-empty text key and a text value.');
    }
    if (key === 'origin' || key === 'createdAt') {
      throw new ValidationError(`The ledger's '${key}' is fixed when it is created and cannot be set.`);
    }
    return this.#write(() => {
      this.#statements.metaPut.run(key, value);
    });
  }

  async merkleNodes(refs: readonly MerkleNodeRef[]): Promise<MerkleHash[]> {
    if (!Array.isArray(refs)) throw new ValidationError('Merkle node references must be a list.');
    return this.#read(() => this.#tree.read(refs));
  }

  async *readAllBatches(options: ReadAllOptions = {}): AsyncGenerator<EventEnvelope[]> {
    const batchSize = checkedBatchSize(options.batchSize);
    const types = options.types;
    const statement =
      types === undefined
        ? this.#statements.readAll
        : this.#db
            .prepare(
              `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? AND type IN (${types.map(() => '?').join(',')}) ORDER BY position LIMIT ?`,
            )
            .raw(true);
    // Pinned to the head when it starts: the read ends, however fast others append.
    const upTo = options.upTo ?? (await this.head()).position;
    let after = options.after ?? 0;
    for (;;) {
      const from = after;
      const batch = await this.#read(() =>
        this.#envelopesWithStoredData(
          (types === undefined
            ? statement.all(from, upTo, batchSize)
            : statement.all(from, upTo, ...types, batchSize)) as EventRowTuple[],
        ),
      );
      if (batch.length === 0) return;
      after = batch[batch.length - 1]!.position;
      yield batch;
      if (batch.length < batchSize) return;
    }
  }

  async *readByEffectiveDate(range: EffectiveRange = {}): AsyncGenerator<EventEnvelope[]> {
    const from = range.from ?? '0000-01-01';
    const to = range.to ?? '9999-12-31';
    const batchSize = checkedBatchSize(range.batchSize);
    const upTo = range.upTo ?? (await this.head()).position;
    let cursorDate = '';
    let cursorPosition = 0;
    for (;;) {
      const [date, position] = [cursorDate, cursorPosition];
      const batch = await this.#read(() =>
        (
          this.#statements.readEffective.all(
            from,
            to,
            upTo,
            date,
            date,
            position,
            batchSize,
          ) as EventRowTuple[]
        ).map((row) => this.#codec.envelope(row)),
      );
      if (batch.length > 0) yield batch;
      if (batch.length < batchSize) return;
      const last = batch[batch.length - 1]!;
      cursorDate = last.effectiveOn;
      cursorPosition = last.position;
    }
  }

  async *readStreams(
    options: { readonly upTo?: number | undefined; readonly prefix?: string } = {},
  ): AsyncGenerator<EventFact[]> {
    const upTo = options.upTo ?? (await this.head()).position;
    const prefix = options.prefix ?? '';
    let afterStream = '';
    for (;;) {
      const after = afterStream;
      const next = await this.#read(() => {
        const found = this.#statements.nextStream.get(after, prefix, `${prefix}\uffff`) as
          | { stream: string }
          | undefined;
        return found === undefined
          ? undefined
          : { stream: found.stream, facts: this.#facts(found.stream, upTo) };
      });
      if (next === undefined) return;
      afterStream = next.stream;
      if (next.facts.length > 0) yield next.facts;
    }
  }

  async *chainRows(after: number, upTo: number, batchSize = 1_000): AsyncGenerator<ChainRow[]> {
    const size = checkedBatchSize(batchSize);
    let from = after;
    for (;;) {
      const start = from;
      const rows = await this.#read(() =>
        (this.#statements.readAll.all(start, upTo, size) as EventRowTuple[]).map(chainRowOf),
      );
      if (rows.length === 0) return;
      from = rows[rows.length - 1]!.position;
      yield rows;
      if (rows.length < size) return;
    }
  }

  /**
   * Writes rows copied from another ledger exactly as stored, in one write transaction (a
   * savepoint inside a caller's): core's checks (`checkCopiedRows`) against the head read inside
   * it, then the rows, the head and, for an empty ledger, the origin. See
   * {@link EventStore.appendCopied}.
   */
  async appendCopied(origin: string, rows: readonly ChainRow[]): Promise<void> {
    if (this.readonly) throw this.#readOnlyError();
    checkCopiedRowsShape(origin, rows);
    return this.#write(() => {
      const own = this.#statements.origin.get() as { value: string } | undefined;
      if (own === undefined) throw new NotALedgerError(this.location, 'its ledger_meta has no origin');
      const adopt = checkCopiedRows(origin, rows, {
        location: this.location,
        origin: own.value,
        head: this.#head(),
        streamVersionOf: (stream) => (this.#statements.streamVersion.get(stream) as number | null) ?? 0,
      });
      const last = rows.at(-1);
      if (last === undefined) return;
      if (adopt) this.#statements.metaPut.run('origin', origin);
      const head = this.#head();
      this.#tree.extend(
        head.position,
        head.hash,
        rows.map((row) => row.hash),
      );
      for (const row of rows) {
        try {
          this.#statements.insert.run(
            row.position,
            row.eventId,
            row.stream,
            row.streamVersion,
            row.type,
            row.schemaVersion,
            row.dataJson,
            row.effectiveOn,
            row.recordedAt,
            row.actor,
            row.source,
            row.correlationId,
            row.causationId,
            row.idempotencyKey,
            row.prevHash,
            row.hash,
          );
        } catch (error) {
          if ((error as { code?: unknown }).code?.toString().startsWith('SQLITE_CONSTRAINT')) {
            throw new ValidationError(
              `appendCopied: the row at position ${row.position} repeats event id ${row.eventId}, already in '${this.location}'; nothing was written.`,
              [{ path: ['rows', row.position - rows[0]!.position, 'eventId'], message: 'already stored' }],
            );
          }
          throw error;
        }
      }
      this.#statements.headSet.run(last.position, last.hash, last.recordedAt);
    });
  }

  async positionAt(recordedAt: string): Promise<GlobalPosition> {
    if (typeof recordedAt !== 'string' || Number.isNaN(parseRecordedAt(recordedAt))) {
      throw new ValidationError(`'${String(recordedAt)}' is not an ISO-8601 instant.`);
    }
    const bound = formatRecordedAt(parseRecordedAt(recordedAt));
    return this.#read(
      () => ((this.#statements.positionAt.get(bound) as { p: number | null }).p ?? 0) as GlobalPosition,
    );
  }

  origin(): Promise<string> {
    return this.#read(() => {
      const row = this.#statements.origin.get() as { value: string } | undefined;
      if (row === undefined) throw new NotALedgerError(this.location, 'its ledger_meta has no origin');
      return row.value;
    });
  }

  hashAt(position: number): Promise<string | undefined> {
    if (position === 0) return Promise.resolve(GENESIS_HASH);
    return this.#read(() => (this.#statements.hashAt.get(position) as { hash: string } | undefined)?.hash);
  }

  schemaStamp(): Promise<string> {
    return this.#read(() => String(this.#statements.schemaStamp.get()));
  }

  /**
   * Runs `work` in one transaction: `BEGIN IMMEDIATE` (a read-only store begins a read
   * transaction: one consistent snapshot), `COMMIT` when `work` resolves, `ROLLBACK` when it
   * rejects. Calls from inside `work`'s async context join it, nested `transaction` calls too;
   * calls from elsewhere wait until it ends.
   */
  async transaction<T>(work: (session: StoreSession) => Promise<T>): Promise<T> {
    this.#checkOpen();
    if (typeof work !== 'function') throw new ValidationError('A transaction takes a function.');
    if (this.#lock.inTransaction) return work(this.#session);
    return this.#lock.hold({ inTransaction: true }, async () => {
      this.#checkOpen();
      this.#run(() => this.#db.exec(this.readonly ? 'BEGIN' : 'BEGIN IMMEDIATE'));
      let result: T;
      try {
        result = await work(this.#session);
      } catch (error) {
        this.#rollback();
        throw error;
      }
      try {
        this.#run(() => this.#db.exec('COMMIT'));
      } catch (error) {
        this.#rollback();
        throw error;
      }
      return result;
    });
  }

  /**
   * Runs `work` with the connection to itself and settings for bulk writes of derived data:
   * `synchronous = NORMAL` (in WAL mode a power cut may lose the last batches, which a rebuild
   * restarts, but never corrupts the file: OFF could, and the events share the file) and a 1 GiB
   * page cache. Both are restored afterwards, whatever happens; calls from `work`'s context run at
   * once, others wait. Inside a transaction `synchronous` cannot change, so only the cache does.
   */
  async bulk<T>(work: () => Promise<T>): Promise<T> {
    this.#checkOpen();
    if (typeof work !== 'function') throw new ValidationError('A bulk run takes a function.');
    return this.#lock.hold({ inTransaction: false }, async () => {
      const inTransaction = this.#db.inTransaction;
      const synchronous = this.#db.pragma('synchronous', { simple: true }) as number;
      const cacheSize = this.#db.pragma('cache_size', { simple: true }) as number;
      try {
        if (!inTransaction) this.#db.pragma('synchronous = NORMAL');
        this.#db.pragma(`cache_size = ${BULK_CACHE_SIZE}`);
        return await work();
      } finally {
        if (this.#db.open) {
          if (!inTransaction && !this.#db.inTransaction) this.#db.pragma(`synchronous = ${synchronous}`);
          this.#db.pragma(`cache_size = ${cacheSize}`);
        }
      }
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    const close = () => {
      this.#closed = true;
      if (this.#db.open) this.#db.close();
      this.#lease.release();
    };
    if (this.#lock.held) close();
    else await this.#lock.hold({ inTransaction: false }, async () => close());
  }

  /** A synchronous read with the connection to itself; SQLite errors become ledger errors. */
  #read<T>(step: () => T): Promise<T> {
    try {
      this.#checkOpen();
      return Promise.resolve(this.#lock.exclusive(() => this.#run(step)));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** A synchronous write in one transaction (a savepoint inside an open one). */
  #write<T>(step: () => T): Promise<T> {
    if (this.readonly) return Promise.reject(this.#readOnlyError());
    return this.#read(() => this.#inTransaction.immediate(step) as T);
  }

  /** Runs an async step inside the caller's transaction as a savepoint: all of it or none. */
  async #savepoint<T>(step: () => Promise<T>): Promise<T> {
    if (this.readonly) throw this.#readOnlyError();
    this.#run(() => this.#db.exec('SAVEPOINT perfledger_append'));
    try {
      const result = await step();
      this.#run(() => this.#db.exec('RELEASE perfledger_append'));
      return result;
    } catch (error) {
      if (this.#db.inTransaction) {
        this.#db.exec('ROLLBACK TO perfledger_append');
        this.#db.exec('RELEASE perfledger_append');
      }
      throw error;
    }
  }

  #run<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      throw translateSqliteError(error, this.location, this.#busyTimeoutMs);
    }
  }

  #rollback(): void {
    if (this.#db.open && this.#db.inTransaction) this.#db.exec('ROLLBACK');
  }

  #checkOpen(): void {
    if (this.#closed || !this.#db.open) {
      throw new StorageError('STORAGE_FAILED', this.location, `The ledger '${this.location}' is closed.`);
    }
  }

  #readOnlyError(): StorageError {
    return new StorageError(
      'READ_ONLY',
      this.location,
      `'${this.location}' is open read-only; nothing was written.`,
    );
  }

  #head(): LogHead {
    const head = this.#statements.headGet.get() as { position: number; hash: string; recorded_at: string };
    return {
      position: head.position,
      hash: head.hash,
      recordedAt: head.recorded_at === '' ? null : (head.recorded_at as RecordedAt),
    };
  }

  /**
   * The envelopes of `rows`, with each event's stored data text attached to the array under
   * {@link STORED_DATA_JSON}: a verifying pass then hashes the stored bytes rather than writing
   * each parsed `data` as canonical JSON again.
   */
  #envelopesWithStoredData(rows: readonly EventRowTuple[]): EventEnvelope[] {
    const count = rows.length;
    const envelopes: EventEnvelope[] = [];
    const stored: string[] = [];
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      envelopes.push(this.#codec.envelope(row));
      stored.push(row[6]);
    }
    Object.defineProperty(envelopes, STORED_DATA_JSON, { value: stored });
    return envelopes;
  }

  #facts(stream: string, upTo: number): EventFact[] {
    return (this.#statements.readFacts.all(stream, upTo) as FactRowTuple[]).map((row) =>
      this.#codec.fact(stream, row),
    );
  }

  /** The rows of one append, inside its transaction; returns the replayed result for a seen key. */
  #appendRows(prepared: readonly RowRequest[], metadata: EventMetadata): AppendResult {
    if (metadata.idempotencyKey !== undefined) {
      const replayed = this.#replayedFromChain(metadata.idempotencyKey);
      if (replayed) return replayed;
    }
    const head = this.#statements.headGet.get() as { position: number; hash: string; recorded_at: string };
    let position = head.position;
    let prevHash = head.hash;
    let lastMicros = head.recorded_at === '' ? 0 : parseRecordedAt(head.recorded_at);
    const versions = new Map<string, number>();
    const written: EventEnvelope[] = [];
    const actor = metadata.actor ?? null;
    const source = metadata.source ?? null;
    const correlationId = metadata.correlationId ?? null;
    const causationId = metadata.causationId ?? null;
    const idempotencyKey = metadata.idempotencyKey ?? null;
    for (const request of prepared) {
      let version = versions.get(request.stream);
      if (version === undefined) {
        version = (this.#statements.streamVersion.get(request.stream) as number | null) ?? 0;
      }
      checkExpected(request.stream, request.expectedVersion ?? 'any', version);
      for (const event of request.events) {
        position += 1;
        version += 1;
        lastMicros = nextRecordedMicros(this.#clock, lastMicros, this.#maxClockJumpDays);
        const recordedAt = formatRecordedAt(lastMicros);
        const eventId = uuidv7();
        const fields = {
          position,
          eventId,
          stream: request.stream,
          streamVersion: version,
          type: event.type,
          schemaVersion: event.schemaVersion,
          dataJson: event.dataJson,
          effectiveOn: event.effectiveOn,
          recordedAt,
          actor,
          source,
          correlationId,
          causationId,
          idempotencyKey,
        };
        const hash = eventHash(prevHash, fields);
        this.#statements.insert.run(
          position,
          eventId,
          request.stream,
          version,
          event.type,
          event.schemaVersion,
          event.dataJson,
          event.effectiveOn,
          recordedAt,
          actor,
          source,
          correlationId,
          causationId,
          idempotencyKey,
          prevHash,
          hash,
        );
        written.push({
          type: event.type,
          data: event.data,
          eventId,
          stream: request.stream,
          streamVersion: version,
          position: position as GlobalPosition,
          schemaVersion: event.schemaVersion,
          effectiveOn: event.effectiveOn,
          recordedAt,
          actor,
          source,
          correlationId,
          causationId,
          idempotencyKey,
          hash,
          prevHash,
        } as EventEnvelope);
        prevHash = hash;
      }
      versions.set(request.stream, version);
    }
    if (written.length === 0) {
      // Nothing enters the chain, so nothing remembers the key: a retry is decided again.
      return {
        firstPosition: 0,
        lastPosition: 0,
        streamVersions: Object.fromEntries(versions),
        events: [],
        replayed: false,
      };
    }
    this.#tree.extend(
      head.position,
      head.hash,
      written.map((event) => event.hash),
    );
    this.#statements.headSet.run(position, prevHash, formatRecordedAt(lastMicros));
    return {
      firstPosition: written[0]!.position,
      lastPosition: position,
      streamVersions: Object.fromEntries(versions),
      events: written,
      replayed: false,
    };
  }

  /**
   * The earlier append with this key, found in the chain itself: every event carries its
   * append's key in its hashed envelope, and one key's events are the one append that wrote
   * them (a later append with the key replays instead), so their first and last positions are
   * that append's. No unchained table is consulted, so none can suppress an append.
   */
  #replayedFromChain(idempotencyKey: string): AppendResult | undefined {
    const seen = this.#statements.idempotencyGet.get({ key: idempotencyKey }) as {
      first: number | null;
      last: number | null;
    };
    if (seen.first === null || seen.last === null) return undefined;
    const events = (this.#statements.readRange.all(seen.first, seen.last) as EventRowTuple[]).map((row) =>
      this.#codec.envelope(row),
    );
    const streamVersions: Record<string, number> = {};
    for (const event of events) streamVersions[event.stream] = event.streamVersion;
    return { firstPosition: seen.first, lastPosition: seen.last, streamVersions, events, replayed: true };
  }
}

function checkExpected(stream: string, expected: ExpectedVersion, actual: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && actual === 0) ||
    (expected === 'exists' && actual > 0) ||
    expected === actual;
  if (!ok) throw new ConcurrencyError(stream, expected, actual);
}

function checkedBatchSize(batchSize: number | undefined): number {
  const size = batchSize ?? 1_000;
  if (!(Number.isSafeInteger(size) && size >= 1)) {
    throw new ValidationError(`A batch size must be a whole number, at least 1, not ${String(batchSize)}.`);
  }
  return size;
}
