import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { chainRowOf, EVENT_COLUMNS, type EventRowTuple } from '../chain/chain-row-of.js';
import { ChainVerifier } from '../chain/chain-verifier.js';
import { eventHash } from '../chain/event-hash.js';
import type { VerifyResult } from '../chain/verify-result.js';
import {
  ConcurrencyError,
  type ExpectedVersion,
  NotALedgerError,
  RuleViolationError,
} from '../errors/index.js';
import {
  type EventEnvelope,
  type EventMetadata,
  eventCatalogue,
  type GlobalPosition,
  isEventType,
  type RecordedAt,
} from '../events/index.js';
import { UpcasterChain } from '../events/upcasters.js';
import type {
  AppendRequest,
  AppendResult,
  EffectiveRange,
  EventFact,
  EventStore,
  InTransactionHook,
  LogHead,
  ReadAllOptions,
  ReadStreamOptions,
} from './event-store.js';
import { type OpenDatabaseOptions, openDatabase } from './open-database.js';
import { readOnlyDatabase } from './read-only-database.js';
import {
  DEFAULT_MAX_CLOCK_JUMP_DAYS,
  formatRecordedAt,
  type LedgerClock,
  nextRecordedMicros,
  parseRecordedAt,
} from './recorded-clock.js';
import { GENESIS_HASH } from './schema.js';
import type { SqlDatabase } from './sql-database.js';
import { translateSqliteError } from './sqlite-errors.js';
import { validateAppendInput } from './validate-append.js';

const COLUMNS = EVENT_COLUMNS;

type Row = EventRowTuple;

/** Options for {@link SqliteEventStore}. */
export interface SqliteEventStoreOptions extends OpenDatabaseOptions {
  readonly clock?: LedgerClock;
  /** How many days ahead of the last recorded time the clock may read; see `OpenLedgerOptions`. */
  readonly maxClockJumpDays?: number;
  readonly upcasters?: UpcasterChain;
}

/**
 * The SQLite implementation of {@link EventStore}, on better-sqlite3 in WAL mode. Each append is
 * one `BEGIN IMMEDIATE` transaction: versions are checked, rows and hashes written and the head
 * moved, or nothing is.
 *
 * @example
 * ```ts
 * const store = new SqliteEventStore({ file: 'ledger.db' });
 * ```
 */
export class SqliteEventStore implements EventStore {
  readonly file: string;
  readonly readonly: boolean;
  readonly #db: Database.Database;
  readonly #database: SqlDatabase;
  readonly #clock: LedgerClock;
  readonly #maxClockJumpDays: number;
  readonly #upcasters: UpcasterChain;
  readonly #busyTimeoutMs: number;
  readonly #statements: ReturnType<typeof prepareStatements>;
  /** One transaction wrapper for every write: building one per call costs more than a small append. */
  readonly #inTransaction: Database.Transaction<(work: () => unknown) => unknown>;

  constructor(options: SqliteEventStoreOptions) {
    this.file = options.file;
    this.readonly = options.readonly ?? false;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
    this.#clock = options.clock ?? (() => new Date());
    this.#maxClockJumpDays = options.maxClockJumpDays ?? DEFAULT_MAX_CLOCK_JUMP_DAYS;
    this.#upcasters = options.upcasters ?? new UpcasterChain();
    this.#db = openDatabase(options);
    this.#statements = prepareStatements(this.#db);
    this.#inTransaction = this.#db.transaction((work: () => unknown) => work());
    // Read-only: raw SQL that could write anywhere is refused with READ_ONLY before it runs.
    this.#database = this.readonly ? readOnlyDatabase(this.#db, this.file, this.#busyTimeoutMs) : this.#db;
  }

  get database(): SqlDatabase {
    return this.#database;
  }

  append(
    requests: readonly AppendRequest[],
    metadata: EventMetadata = {},
    hook?: InTransactionHook,
  ): AppendResult {
    const prepared = validateAppendInput(requests, metadata);
    return this.#write(() => {
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
          if (event.type === 'ActionRegistered' && version !== 1) {
            throw new RuleViolationError(
              'ACTION_ALREADY_REGISTERED',
              `Stream '${request.stream}' already has events; ActionRegistered can only be a stream's first event.`,
            );
          }
          lastMicros = nextRecordedMicros(this.#clock, lastMicros, this.#maxClockJumpDays);
          const recordedAt = formatRecordedAt(lastMicros);
          const eventId = uuidv7();
          const schemaVersion = eventCatalogue[event.type].schemaVersion;
          const fields = {
            position,
            eventId,
            stream: request.stream,
            streamVersion: version,
            type: event.type,
            schemaVersion,
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
            schemaVersion,
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
            schemaVersion,
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
      this.#statements.headSet.run(position, prevHash, formatRecordedAt(lastMicros));
      hook?.(written, this.#db);
      return {
        firstPosition: written[0]!.position,
        lastPosition: position,
        streamVersions: Object.fromEntries(versions),
        events: written,
        replayed: false,
      };
    });
  }

  replayed(idempotencyKey: string): AppendResult | undefined {
    return this.#replayedFromChain(idempotencyKey);
  }

  readStream(stream: string, options: ReadStreamOptions = {}): EventEnvelope[] {
    const rows = this.#statements.readStream.all(
      stream,
      options.fromVersion ?? 1,
      options.toVersion ?? Number.MAX_SAFE_INTEGER,
      options.upTo ?? Number.MAX_SAFE_INTEGER,
    ) as Row[];
    return rows.map((row) => this.#toEnvelope(row));
  }

  *readAllBatches(options: ReadAllOptions = {}): Generator<EventEnvelope[]> {
    const batchSize = options.batchSize ?? 1_000;
    const upTo = options.upTo ?? Number.MAX_SAFE_INTEGER;
    const types = options.types;
    const statement =
      types === undefined
        ? this.#statements.readAll
        : this.#db
            .prepare(
              `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? AND type IN (${types.map(() => '?').join(',')}) ORDER BY position LIMIT ?`,
            )
            .raw(true);
    let after = options.after ?? 0;
    for (;;) {
      const rows = (
        types === undefined
          ? statement.all(after, upTo, batchSize)
          : statement.all(after, upTo, ...types, batchSize)
      ) as Row[];
      if (rows.length === 0) return;
      const batch = rows.map((row) => this.#toEnvelope(row));
      after = rows[rows.length - 1]![0];
      yield batch;
      if (rows.length < batchSize) return;
    }
  }

  *readAll(options: ReadAllOptions = {}): Generator<EventEnvelope> {
    for (const batch of this.readAllBatches(options)) yield* batch;
  }

  *readByEffectiveDate(range: EffectiveRange = {}): Generator<EventEnvelope> {
    const from = range.from ?? '0000-01-01';
    const to = range.to ?? '9999-12-31';
    const upTo = range.upTo ?? Number.MAX_SAFE_INTEGER;
    const batchSize = range.batchSize ?? 1_000;
    let cursorDate = '';
    let cursorPosition = 0;
    for (;;) {
      const rows = this.#statements.readEffective.all(
        from,
        to,
        upTo,
        cursorDate,
        cursorDate,
        cursorPosition,
        batchSize,
      ) as Row[];
      for (const row of rows) yield this.#toEnvelope(row);
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1]!;
      cursorDate = last[7];
      cursorPosition = last[0];
    }
  }

  *readStreams(
    options: { readonly upTo?: number | undefined; readonly prefix?: string } = {},
  ): Generator<EventFact[]> {
    const upTo = options.upTo ?? Number.MAX_SAFE_INTEGER;
    const prefix = options.prefix ?? '';
    let afterStream = '';
    for (;;) {
      const next = this.#statements.nextStream.get(afterStream, prefix, `${prefix}\uffff`) as
        | { stream: string }
        | undefined;
      if (next === undefined) return;
      afterStream = next.stream;
      const events = this.readStreamFacts(next.stream, upTo);
      if (events.length > 0) yield events;
    }
  }

  readStreamFacts(stream: string, upTo: number = Number.MAX_SAFE_INTEGER): EventFact[] {
    const rows = this.#statements.readFacts.all(stream, upTo) as [
      number,
      number,
      string,
      number,
      string,
      string,
    ][];
    return rows.map(([position, streamVersion, type, schemaVersion, json, effectiveOn]) => {
      const stored = JSON.parse(json) as unknown;
      const data =
        this.#upcasters.isEmpty && !needsUpcast(type, schemaVersion)
          ? stored
          : this.#upcasters.toCurrent(type, schemaVersion, stored);
      return { type, data, stream, streamVersion, position, effectiveOn } as EventFact;
    });
  }

  streamVersion(stream: string): number {
    return (this.#statements.streamVersion.get(stream) as number | null) ?? 0;
  }

  head(): LogHead {
    const head = this.#statements.headGet.get() as { position: number; hash: string; recorded_at: string };
    return {
      position: head.position,
      hash: head.hash,
      recordedAt: head.recorded_at === '' ? null : (head.recorded_at as RecordedAt),
    };
  }

  positionAt(recordedAt: string): GlobalPosition {
    const row = this.#statements.positionAt.get(formatRecordedAt(parseRecordedAt(recordedAt))) as {
      p: number | null;
    };
    return (row.p ?? 0) as GlobalPosition;
  }

  verify(): VerifyResult {
    const verifier = new ChainVerifier();
    // A read transaction gives one consistent snapshot of rows and head, even while others append.
    return this.#db
      .transaction(() => {
        for (const row of this.#statements.verifyScan.iterate() as IterableIterator<Row>) {
          const ok = verifier.push(chainRowOf(row));
          if (!ok) break;
        }
        return verifier.finish(this.#statements.headGet.get() as { position: number; hash: string });
      })
      .deferred();
  }

  origin(): string {
    const row = this.#statements.origin.get() as { value: string } | undefined;
    if (row === undefined) throw new NotALedgerError(this.file, 'its ledger_meta has no origin');
    return row.value;
  }

  hashAt(position: number): string | undefined {
    if (position === 0) return GENESIS_HASH;
    return (this.#statements.hashAt.get(position) as { hash: string } | undefined)?.hash;
  }

  transaction<T>(work: (db: SqlDatabase) => T): T {
    return this.#write(() => work(this.#db));
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #write<T>(work: () => T): T {
    try {
      return this.#inTransaction.immediate(work) as T;
    } catch (error) {
      throw translateSqliteError(error, this.file, this.#busyTimeoutMs);
    }
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
    return seen.first === null || seen.last === null
      ? undefined
      : this.#replayedResult(seen.first, seen.last);
  }

  #replayedResult(first: number, last: number): AppendResult {
    const rows = this.#statements.readRange.all(first, last) as Row[];
    const events = rows.map((row) => this.#toEnvelope(row));
    const streamVersions: Record<string, number> = {};
    for (const event of events) streamVersions[event.stream] = event.streamVersion;
    return { firstPosition: first, lastPosition: last, streamVersions, events, replayed: true };
  }

  #toEnvelope(row: Row): EventEnvelope {
    const type = row[4];
    const stored = JSON.parse(row[6]) as unknown;
    const data =
      this.#upcasters.isEmpty && !needsUpcast(type, row[5])
        ? stored
        : this.#upcasters.toCurrent(type, row[5], stored);
    return {
      type,
      data,
      eventId: row[1],
      stream: row[2],
      streamVersion: row[3],
      position: row[0] as GlobalPosition,
      schemaVersion: row[5],
      effectiveOn: row[7],
      recordedAt: row[8],
      actor: row[9],
      source: row[10],
      correlationId: row[11],
      causationId: row[12],
      idempotencyKey: row[13],
      prevHash: row[14],
      hash: row[15],
    } as EventEnvelope;
  }
}

function needsUpcast(type: string, schemaVersion: number): boolean {
  return isEventType(type) && eventCatalogue[type].schemaVersion !== schemaVersion;
}

function checkExpected(stream: string, expected: ExpectedVersion, actual: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && actual === 0) ||
    (expected === 'exists' && actual > 0) ||
    expected === actual;
  if (!ok) throw new ConcurrencyError(stream, expected, actual);
}

function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare(
      `INSERT INTO events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    headGet: db.prepare('SELECT position, hash, recorded_at FROM ledger_head WHERE id = 1'),
    headSet: db.prepare('UPDATE ledger_head SET position = ?, hash = ?, recorded_at = ? WHERE id = 1'),
    // Plucked: one number per call, no row object, on every stream of every append.
    streamVersion: db.prepare('SELECT max(stream_version) FROM events WHERE stream = ?').pluck(),
    // One seek each on events_by_idempotency_key (schema 2); a read-only handle on schema 1 scans.
    idempotencyGet: db.prepare(
      `SELECT (SELECT min(position) FROM events WHERE idempotency_key = @key) AS first,
              (SELECT max(position) FROM events WHERE idempotency_key = @key) AS last`,
    ),
    readFacts: db
      .prepare(
        'SELECT position, stream_version, type, schema_version, data, effective_on FROM events WHERE stream = ? AND position <= ? ORDER BY stream_version',
      )
      .raw(true),
    readStream: db
      .prepare(
        `SELECT ${COLUMNS} FROM events WHERE stream = ? AND stream_version >= ? AND stream_version <= ? AND position <= ? ORDER BY stream_version`,
      )
      .raw(true),
    readAll: db
      .prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`)
      .raw(true),
    readRange: db
      .prepare(`SELECT ${COLUMNS} FROM events WHERE position BETWEEN ? AND ? ORDER BY position`)
      .raw(true),
    readEffective: db
      .prepare(
        `SELECT ${COLUMNS} FROM events WHERE effective_on >= ? AND effective_on <= ? AND position <= ?
         AND (effective_on > ? OR (effective_on = ? AND position > ?)) ORDER BY effective_on, position LIMIT ?`,
      )
      .raw(true),
    nextStream: db.prepare(
      'SELECT stream FROM events WHERE stream > ? AND stream >= ? AND stream < ? ORDER BY stream LIMIT 1',
    ),
    verifyScan: db.prepare(`SELECT ${COLUMNS} FROM events ORDER BY position`).raw(true),
    positionAt: db.prepare('SELECT max(position) AS p FROM events WHERE recorded_at <= ?'),
    origin: db.prepare("SELECT value FROM ledger_meta WHERE key = 'origin'"),
    hashAt: db.prepare('SELECT hash FROM events WHERE position = ?'),
  };
}
