import { AsyncLocalStorage } from 'node:async_hooks';
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
import { uuidv7 } from 'uuidv7';
import { completedNodes, frontierSql, hasStoredTree, nodesJson, readNodes } from './merkle-nodes.js';
import { translatePgError } from './postgres-errors.js';
import { PostgresProjectionStorage } from './postgres-projection-storage.js';
import { postgresQueryPort } from './postgres-query-port.js';
import { quoteIdentifier } from './projection-ddl.js';
import type { SqlClient, SqlConnector } from './sql-client.js';

/** What {@link PostgresStore} is built from: a connector to a migrated ledger and the resolved options. */
export interface PostgresStoreParts {
  readonly connector: SqlConnector;
  readonly ledger: string;
  readonly schema: string;
  readonly location: string;
  readonly readonly: boolean;
  readonly lockTimeoutMs: number;
  readonly clock: LedgerClock;
  readonly maxClockJumpDays: number;
  readonly upcasters: UpcasterChain;
}

/** The session an async context works on: inside a transaction, or pinned by a bulk run. */
interface Held {
  readonly client: SqlClient;
  readonly inTransaction: boolean;
  /** In a bulk run: the `synchronous_commit` an append's transaction restores for itself. */
  readonly synchronousCommit?: string;
  /**
   * In a bulk run: the session is shared by every call of the run's async context, which may
   * overlap (`Promise.all`), so each takes it in turn: no call's `BEGIN … COMMIT` interleaves
   * with another's.
   */
  readonly turns?: Turns;
}

/** Calls that take a shared session one at a time, in the order they asked. */
class Turns {
  #tail: Promise<unknown> = Promise.resolve();

  take<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work, work);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

/** See `STORED_DATA_JSON` in `@perfledger/sqlite`: the verifying pass hashes the stored bytes. */
const STORED_DATA_JSON = Symbol.for('perfledger.storedDataJson');

/** The row of `events` as json_to_recordset reads it (the columns of {@link EVENT_COLUMNS}). */
const RECORD_COLUMNS =
  'position bigint, event_id text, stream text, stream_version integer, type text, schema_version integer, data text, effective_on text, recorded_at text, actor text, source text, correlation_id text, causation_id text, idempotency_key text, prev_hash text, hash text';

/** Text as a SQL expression that needs no escaping whatever the server's settings: its UTF-8 in hex. */
function textLiteral(value: string): string {
  return `convert_from(decode('${Buffer.from(value, 'utf8').toString('hex')}', 'hex'), 'UTF8')`;
}

/**
 * The PostgreSQL engine of perfledger: the {@link EventStore} port over a pool of sessions to one
 * ledger, a schema of its own (`perfledger_<ledger>`) in a database that may hold many. Create
 * it with `postgresStore()`.
 *
 * - Every append is one transaction that first locks the ledger's head row
 *   (`SELECT … FOR UPDATE`): appends to one ledger queue there, so positions are gap-free and
 *   commit in position order (a catch-up reader that has seen position n never later finds an
 *   n − 1 committed behind it), and each event's `prev_hash` is the hash just before it. Then
 *   expected versions are checked, positions and recorded times assigned, hashes chained, the
 *   rows and the head written in one statement, and the in-transaction hook run; or nothing is
 *   written. Appends to different ledgers lock different rows and run in parallel.
 * - {@link PostgresStore.transaction} holds one session; calls from its async context (through
 *   the session or the store itself) join it, via `AsyncLocalStorage`; calls from elsewhere use
 *   other sessions of the pool, and see nothing of it before it commits.
 * - A read-only store runs everything in READ ONLY transactions (and a pool it creates has
 *   `default_transaction_read_only` on): it cannot write by any path, whatever its role may do.
 *
 * @example
 * ```ts
 * const store = await postgresStore({ connectionString: 'postgres://app@db/plans', ledger: 'broxtowe' });
 * await store.append([{ stream: 'action:X1', events, expectedVersion: 'no-stream' }], { actor: 'me' });
 * await store.close();
 * ```
 */
export class PostgresStore implements EventStore {
  readonly engine = 'postgres';
  readonly location: string;
  readonly readonly: boolean;
  /** The ledger's name: its schema is `perfledger_<ledger>`. */
  readonly ledger: string;
  readonly projections: ProjectionStorage;
  readonly query: QueryPort;
  readonly #connector: SqlConnector;
  readonly #schema: string;
  readonly #s: string;
  readonly #lockTimeoutMs: number;
  readonly #clock: LedgerClock;
  readonly #maxClockJumpDays: number;
  readonly #codec: RowCodec;
  readonly #held = new AsyncLocalStorage<Held>();
  readonly #sql: Readonly<Record<string, string>>;
  /** Whether the schema has `merkle_nodes`; read once. */
  #treeStored: boolean | undefined;
  #closed = false;

  /**
   * Use `postgresStore()`, which connects and migrates the ledger first.
   *
   * @internal
   */
  constructor(parts: PostgresStoreParts) {
    this.location = parts.location;
    this.readonly = parts.readonly;
    this.ledger = parts.ledger;
    this.#connector = parts.connector;
    this.#schema = parts.schema;
    this.#s = quoteIdentifier(parts.schema);
    this.#lockTimeoutMs = parts.lockTimeoutMs;
    this.#clock = parts.clock;
    this.#maxClockJumpDays = parts.maxClockJumpDays;
    this.#codec = new RowCodec(parts.upcasters);
    this.#sql = statements(this.#s);
    const read = <T>(work: (client: SqlClient) => Promise<T>) => this.#read(work);
    const write = <T>(work: (client: SqlClient) => Promise<T>) => this.#write(work);
    this.query = postgresQueryPort(this.location, (work) => this.#readOnlyQuery(work));
    this.projections = new PostgresProjectionStorage(this.#schema, read, write);
  }

  async append(
    requests: readonly AppendRequest[],
    metadata: EventMetadata = {},
    hook?: InTransactionHook,
  ): Promise<AppendResult> {
    const prepared = prepareAppend(requests, metadata);
    if (hook !== undefined && typeof hook !== 'function')
      throw new ValidationError('An append hook must be a function.');
    if (this.readonly) throw this.#readOnlyError();
    return this.#atomic(async (client, finish) => {
      const result = await this.#appendRows(
        client,
        prepared,
        metadata,
        hook === undefined ? finish : undefined,
      );
      if (hook !== undefined && !result.replayed && result.events.length > 0) {
        const held: Held = { client, inTransaction: true };
        await this.#held.run(held, () => hook(result.events, this.#sessionFor(held)));
      }
      return result;
    });
  }

  /**
   * Writes rows copied from another ledger exactly as stored (positions, recorded times,
   * hashes): into an empty ledger, which then takes `origin` as its own, or into one with the
   * same origin whose head is the row before the first. Each row's hash is recomputed and must
   * match, its `prev_hash` must be the hash before it, positions and stream versions must follow
   * on and recorded times increase; otherwise nothing of the batch is written
   * (`ValidationError`, or `VerificationFailedError` naming the position).
   *
   * @example
   * ```ts
   * for await (const rows of source.chainRows(0, (await source.head()).position)) {
   *   await target.appendCopied(await source.origin(), rows);
   * }
   * ```
   */
  async appendCopied(origin: string, rows: readonly ChainRow[]): Promise<void> {
    if (this.readonly) throw this.#readOnlyError();
    // The same checks, messages and codes as every engine (core's copied-rows rules).
    checkCopiedRowsShape(origin, rows);
    await this.#atomic(async (client) => {
      const [lock, meta, frontier] = await client
        .script<unknown[]>(
          `SELECT position, hash, recorded_at FROM ${this.#s}.ledger_head WHERE id = 1 FOR UPDATE;
         SELECT value FROM ${this.#s}.ledger_meta WHERE key = 'origin';
         ${frontierSql(this.#s)}`,
        )
        .then((results) => results.slice(-3));
      const [position, hash, recordedAt] = lock!.rows[0] as [number, string, string];
      const own = (meta!.rows[0] as [string] | undefined)?.[0];
      if (own === undefined) throw new NotALedgerError(this.location, 'its ledger_meta has no origin');
      // The stored versions of the batch's streams, in one round trip (one index probe each):
      // a query per stream made an incremental copy of a large ledger crawl.
      const versionOf = new Map<string, number>();
      if (position > 0 && rows.length > 0) {
        const streams = [...new Set(rows.map((row) => row.stream))];
        const found = await client.query<[string, number]>(
          `SELECT x.stream, v.stream_version FROM unnest($1::text[]) AS x(stream) CROSS JOIN LATERAL (SELECT stream_version FROM ${this.#s}.events e WHERE e.stream = x.stream ORDER BY stream_version DESC LIMIT 1) v`,
          [streams],
          { arrays: true },
        );
        for (const [stream, version] of found.rows) versionOf.set(stream, version);
      }
      const adopt = checkCopiedRows(origin, rows, {
        location: this.location,
        origin: own,
        head: { position, hash, recordedAt: recordedAt === '' ? null : (recordedAt as RecordedAt) },
        streamVersionOf: (stream) => versionOf.get(stream) ?? 0,
      });
      const last = rows.at(-1);
      if (last === undefined) return;
      const nodes = completedNodes(
        position,
        hash,
        frontier!.rows as [number, string][],
        rows.map((row) => row.hash),
      );
      await this.#insertRows(client, rows, last.position, last.hash, last.recordedAt, nodesJson(nodes));
      if (adopt) {
        await client.query(`UPDATE ${this.#s}.ledger_meta SET value = $1 WHERE key = 'origin'`, [origin]);
      }
    }).catch(async (error: unknown) => {
      throw (await this.#repeatedEventId(error, rows)) ?? error;
    });
  }

  /**
   * A copied row whose event id the ledger already holds is bad input, refused as on every
   * engine (a ValidationError naming the position), not a storage failure. Read after the
   * write's transaction (or savepoint) has been rolled back.
   */
  async #repeatedEventId(error: unknown, rows: readonly ChainRow[]): Promise<ValidationError | undefined> {
    const raw = error instanceof StorageError && error.cause !== undefined ? error.cause : error;
    const { code, constraint } = (raw ?? {}) as { code?: unknown; constraint?: unknown };
    if (code !== '23505' || typeof constraint !== 'string' || !constraint.includes('event_id'))
      return undefined;
    const ids = rows.map((row) => row.eventId);
    const stored = new Set(
      await this.#read(async (reader) =>
        (
          await reader.query<[string]>(
            `SELECT event_id FROM ${this.#s}.events WHERE event_id = ANY($1::text[])`,
            [ids],
            {
              arrays: true,
            },
          )
        ).rows.map(([id]) => id),
      ),
    );
    const seen = new Set<string>();
    const index = rows.findIndex((row) => {
      const again = stored.has(row.eventId) || seen.has(row.eventId);
      seen.add(row.eventId);
      return again;
    });
    const row = rows[index === -1 ? 0 : index]!;
    return new ValidationError(
      `appendCopied: the row at position ${row.position} repeats event id ${row.eventId}, already in '${this.location}'; nothing was written.`,
      [{ path: ['rows', index === -1 ? 0 : index, 'eventId'], message: 'already stored' }],
    );
  }

  async replayed(idempotencyKey: string): Promise<AppendResult | undefined> {
    if (typeof idempotencyKey !== 'string') throw new ValidationError('An idempotency key must be text.');
    return this.#read((client) => this.#replayedFromChain(client, idempotencyKey));
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    return this.#read(async (client) =>
      (
        await client.query<EventRowTuple>(
          this.#sql.readStream!,
          [
            stream,
            options.fromVersion ?? 1,
            options.toVersion ?? 2_147_483_647,
            options.upTo ?? Number.MAX_SAFE_INTEGER,
          ],
          { arrays: true },
        )
      ).rows.map((row) => this.#codec.envelope(row)),
    );
  }

  readStreamFacts(stream: string, upTo: number = Number.MAX_SAFE_INTEGER): Promise<EventFact[]> {
    return this.#read((client) => this.#facts(client, stream, upTo));
  }

  streamVersion(stream: string): Promise<number> {
    return this.#read(
      async (client) =>
        ((await client.query<[number | null]>(this.#sql.streamVersion!, [stream], { arrays: true }))
          .rows[0]?.[0] ?? 0) as number,
    );
  }

  async streamIgnoringCase(stream: string): Promise<string | undefined> {
    if (typeof stream !== 'string') throw new ValidationError('A stream name must be text.');
    return this.#read(
      async (client) =>
        (await client.query<[string]>(this.#sql.streamIgnoringCase!, [stream], { arrays: true }))
          .rows[0]?.[0],
    );
  }

  head(): Promise<LogHead> {
    return this.#read(async (client) => {
      const [position, hash, recordedAt] = (
        await client.query<[number, string, string]>(this.#sql.head!, [], { arrays: true })
      ).rows[0]!;
      return { position, hash, recordedAt: recordedAt === '' ? null : (recordedAt as RecordedAt) };
    });
  }

  getMeta(key: string): Promise<string | undefined> {
    return this.#read(
      async (client) =>
        (
          await client.query<[string]>(`SELECT value FROM ${this.#s}.ledger_meta WHERE key = $1`, [key], {
            arrays: true,
          })
        ).rows[0]?.[0],
    );
  }

  async putMeta(key: string, value: string): Promise<void> {
    if (typeof key !== 'string' || key === '' || typeof value !== 'string') {
      throw new ValidationError('A ledger_meta entry needs a non-empty text key and a text value.');
    }
    if (key === 'origin' || key === 'createdAt') {
      throw new ValidationError(`The ledger's '${key}' is fixed when it is created and cannot be set.`);
    }
    return this.#write(async (client) => {
      await client.query(
        `INSERT INTO ${this.#s}.ledger_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [key, value],
      );
    });
  }

  async *readAllBatches(options: ReadAllOptions = {}): AsyncGenerator<EventEnvelope[]> {
    const batchSize = checkedBatchSize(options.batchSize);
    const types = options.types;
    const sql =
      types === undefined
        ? this.#sql.readAll!
        : `SELECT ${EVENT_COLUMNS} FROM ${this.#s}.events WHERE position > $1 AND position <= $2 AND type IN (SELECT json_array_elements_text($4::json)) ORDER BY position LIMIT $3`;
    const upTo = options.upTo ?? (await this.head()).position;
    let after = options.after ?? 0;
    for (;;) {
      const params: unknown[] = [after, upTo, batchSize];
      if (types !== undefined) params.push(JSON.stringify(types));
      const batch = await this.#read(async (client) =>
        this.#envelopesWithStoredData(
          (await client.query<EventRowTuple>(sql, params, { arrays: true })).rows,
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
      const params = [from, to, upTo, cursorDate, cursorPosition, batchSize];
      const batch = await this.#read(async (client) =>
        (await client.query<EventRowTuple>(this.#sql.readEffective!, params, { arrays: true })).rows.map(
          (row) => this.#codec.envelope(row),
        ),
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
      const next = await this.#read(async (client) => {
        const found = (
          await client.query<[string]>(this.#sql.nextStream!, [after, prefix, `${prefix}\uffff`], {
            arrays: true,
          })
        ).rows[0];
        return found === undefined
          ? undefined
          : { stream: found[0], facts: await this.#facts(client, found[0], upTo) };
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
      const rows = await this.#read(async (client) =>
        (
          await client.query<EventRowTuple>(this.#sql.readAll!, [start, upTo, size], { arrays: true })
        ).rows.map(chainRowOf),
      );
      if (rows.length === 0) return;
      from = rows[rows.length - 1]!.position;
      yield rows;
      if (rows.length < size) return;
    }
  }

  async positionAt(recordedAt: string): Promise<GlobalPosition> {
    if (typeof recordedAt !== 'string' || Number.isNaN(parseRecordedAt(recordedAt))) {
      throw new ValidationError(`'${String(recordedAt)}' is not an ISO-8601 instant.`);
    }
    const bound = formatRecordedAt(parseRecordedAt(recordedAt));
    return this.#read(
      async (client) =>
        ((
          await client.query<[number | null]>(
            `SELECT max(position) FROM ${this.#s}.events WHERE recorded_at <= $1`,
            [bound],
            { arrays: true },
          )
        ).rows[0]?.[0] ?? 0) as GlobalPosition,
    );
  }

  origin(): Promise<string> {
    return this.#read(async (client) => {
      const row = (
        await client.query<[string]>(`SELECT value FROM ${this.#s}.ledger_meta WHERE key = 'origin'`, [], {
          arrays: true,
        })
      ).rows[0];
      if (row === undefined) throw new NotALedgerError(this.location, 'its ledger_meta has no origin');
      return row[0];
    });
  }

  async merkleNodes(refs: readonly MerkleNodeRef[]): Promise<MerkleHash[]> {
    if (!Array.isArray(refs)) throw new ValidationError('Merkle node references must be a list.');
    return this.#read(async (client) => {
      this.#treeStored ??= await hasStoredTree(client, this.#schema);
      return readNodes(client, this.#schema, refs, this.#treeStored);
    });
  }

  hashAt(position: number): Promise<string | undefined> {
    if (position === 0) return Promise.resolve(GENESIS_HASH);
    return this.#read(
      async (client) =>
        (
          await client.query<[string]>(`SELECT hash FROM ${this.#s}.events WHERE position = $1`, [position], {
            arrays: true,
          })
        ).rows[0]?.[0],
    );
  }

  schemaStamp(): Promise<string> {
    return this.#read(
      async (client) =>
        (
          await client.query<[string]>(
            `SELECT md5(coalesce(string_agg(c.oid::text || ':' || c.relname, ',' ORDER BY c.oid), ''))
             FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'i')`,
            [this.#schema],
            { arrays: true },
          )
        ).rows[0]![0],
    );
  }

  /**
   * Runs `work` in one transaction on one session of the pool: `BEGIN` (a read-only store
   * begins `READ ONLY`), `COMMIT` when `work` resolves, `ROLLBACK` when it rejects. Calls from
   * inside `work`'s async context join it, nested `transaction` calls too; calls from elsewhere
   * run on other sessions and do not see it until it commits.
   */
  async transaction<T>(work: (session: StoreSession) => Promise<T>): Promise<T> {
    this.#checkOpen();
    if (typeof work !== 'function') throw new ValidationError('A transaction takes a function.');
    const current = this.#held.getStore();
    if (current?.inTransaction) return work(this.#sessionFor(current));
    return this.#onSession(current, async (client) => {
      await this.#run(() => client.script(this.#begin(current)), true);
      const held: Held = { client, inTransaction: true, ...synchronousOf(current) };
      let result: T;
      try {
        result = await this.#held.run(held, () => work(this.#sessionFor(held)));
      } catch (error) {
        await rollback(client);
        throw error;
      }
      await this.#commit(client);
      return result;
    });
  }

  /**
   * Runs `work` (a rebuild) on one session set for bulk writes of derived data:
   * `synchronous_commit = off` (a crash may lose the last commits of the rebuild, which is
   * restarted, but never corrupts anything, and appends made meanwhile still commit with the
   * server's own setting) and a larger `maintenance_work_mem` for building indexes. Both are
   * restored afterwards, whatever happens. Calls from `work`'s async context use that session.
   */
  async bulk<T>(work: () => Promise<T>): Promise<T> {
    this.#checkOpen();
    if (typeof work !== 'function') throw new ValidationError('A bulk run takes a function.');
    const current = this.#held.getStore();
    if (current !== undefined || this.readonly) return work();
    return this.#onSession(undefined, async (client) => {
      const [synchronous] = (
        await this.#run(() => client.query<[string]>('SHOW synchronous_commit', [], { arrays: true }))
      ).rows[0]!;
      const [memory] = (
        await this.#run(() => client.query<[string]>('SHOW maintenance_work_mem', [], { arrays: true }))
      ).rows[0]!;
      try {
        await this.#run(() =>
          client.script("SET synchronous_commit = off; SET maintenance_work_mem = '256MB';"),
        );
        const held: Held = {
          client,
          inTransaction: false,
          synchronousCommit: synchronous,
          turns: new Turns(),
        };
        return await this.#held.run(held, work);
      } finally {
        await client
          .query('SELECT set_config($1, $2, false), set_config($3, $4, false)', [
            'synchronous_commit',
            synchronous,
            'maintenance_work_mem',
            memory,
          ])
          .catch(() => undefined);
      }
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#connector.end();
  }

  /** The session's view for one held session: every call runs in its context, so it joins. */
  #sessionFor(held: Held): StoreSession {
    const inside = <T>(call: () => Promise<T>): Promise<T> => this.#held.run(held, call);
    return Object.freeze({
      append: (requests, metadata, hook) => inside(() => this.append(requests, metadata, hook)),
      replayed: (key) => inside(() => this.replayed(key)),
      readStream: (stream, options) => inside(() => this.readStream(stream, options)),
      readStreamFacts: (stream, upTo) => inside(() => this.readStreamFacts(stream, upTo)),
      streamVersion: (stream) => inside(() => this.streamVersion(stream)),
      streamIgnoringCase: (stream) => inside(() => this.streamIgnoringCase(stream)),
      head: () => inside(() => this.head()),
      getMeta: (key) => inside(() => this.getMeta(key)),
      putMeta: (key, value) => inside(() => this.putMeta(key, value)),
      merkleNodes: (refs) => inside(() => this.merkleNodes(refs)),
      projections: this.projections,
      query: this.query,
    } satisfies StoreSession);
  }

  /** The statement that opens a transaction on this store. */
  #begin(held: Held | undefined): string {
    if (this.readonly) return 'BEGIN READ ONLY;';
    const restore =
      held?.synchronousCommit !== undefined
        ? ` SET LOCAL synchronous_commit = ${held.synchronousCommit};`
        : '';
    return `BEGIN; SET LOCAL lock_timeout = ${this.#lockTimeoutMs};${restore}`;
  }

  /** Runs `work` on the held session, or on one checked out for it (given back afterwards). */
  async #onSession<T>(held: Held | undefined, work: (client: SqlClient) => Promise<T>): Promise<T> {
    if (held?.turns !== undefined && !held.inTransaction) return held.turns.take(() => work(held.client));
    if (held !== undefined) return work(held.client);
    let client: SqlClient;
    try {
      client = await this.#connector.connect();
    } catch (error) {
      throw translatePgError(error, this.location, { lockTimeoutMs: this.#lockTimeoutMs });
    }
    let broken = false;
    try {
      return await work(client);
    } catch (error) {
      broken = isLostConnection(error);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** A read: on the transaction's session, or a session of its own (a READ ONLY transaction on a read-only store). */
  #read<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
    try {
      this.#checkOpen();
    } catch (error) {
      return Promise.reject(error);
    }
    const held = this.#held.getStore();
    if (held?.inTransaction || !this.readonly)
      return this.#onSession(held, (client) => this.#run(() => work(client)));
    return this.#onSession(held, async (client) => {
      await this.#run(() => client.script('BEGIN READ ONLY;'));
      try {
        const result = await this.#run(() => work(client));
        await this.#run(() => client.script('COMMIT;'));
        return result;
      } catch (error) {
        await rollback(client);
        throw error;
      }
    });
  }

  /** A write of one or more statements: all of it or none (a savepoint inside a transaction). */
  #write<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
    if (this.readonly) return Promise.reject(this.#readOnlyError());
    return this.#atomic(work);
  }

  /**
   * Runs `work` atomically: in a transaction of its own, or in a savepoint of the caller's. The
   * statements that open it (`BEGIN …` or `SAVEPOINT …`) go in front of `work`'s first script, so
   * its first round trip both opens and does work (a script's results then start with theirs).
   */
  async #atomic<T>(work: (client: SqlClient, finish: Finisher | undefined) => Promise<T>): Promise<T> {
    this.#checkOpen();
    const held = this.#held.getStore();
    const inside = held?.inTransaction === true;
    return this.#onSession(held, async (client) => {
      const opening = inside ? 'SAVEPOINT perfledger_write;' : this.#begin(held);
      let opened = false;
      const open = (): string => {
        if (opened) return '';
        opened = true;
        return `${opening} `;
      };
      const wrapped: SqlClient = {
        query: async (sql, params, options) => {
          if (!opened) await client.script(open());
          return client.query(sql, params, options);
        },
        script: (sql) => client.script(`${open()}${sql}`),
        release: () => undefined,
      };
      let finished = false;
      // Outside a caller's transaction, the last statement may carry the COMMIT in its round trip.
      const finish: Finisher | undefined = inside
        ? undefined
        : async (sql) => {
            finished = true;
            await client.script(`${open()}${sql} COMMIT;`);
          };
      let result: T;
      try {
        result = await this.#run(() => work(wrapped, finish), true);
      } catch (error) {
        if (opened) {
          if (inside) {
            await client
              .script('ROLLBACK TO SAVEPOINT perfledger_write; RELEASE SAVEPOINT perfledger_write;')
              .catch(() => undefined);
          } else await rollback(client);
        }
        throw error;
      }
      if (opened && !finished) {
        if (inside) await this.#run(() => client.script('RELEASE SAVEPOINT perfledger_write;'), true);
        else await this.#commit(client);
      }
      return result;
    });
  }

  async #commit(client: SqlClient): Promise<void> {
    try {
      await client.script('COMMIT;');
    } catch (error) {
      await rollback(client);
      throw translatePgError(error, this.location, { writing: true, lockTimeoutMs: this.#lockTimeoutMs });
    }
  }

  /**
   * The read-only runner of the query port: a READ ONLY transaction whose `search_path` is the
   * ledger's schema (so portable SQL names `events`, `audit_trail`), rolled back afterwards; inside
   * the caller's transaction, a savepoint made read-only and rolled back.
   */
  #readOnlyQuery<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
    try {
      this.#checkOpen();
    } catch (error) {
      return Promise.reject(error);
    }
    const held = this.#held.getStore();
    const path = `SET LOCAL search_path TO ${this.#s};`;
    return this.#onSession(held, async (client) => {
      const inside = held?.inTransaction === true;
      try {
        await this.#run(() =>
          client.script(
            inside
              ? `SAVEPOINT perfledger_query; SET LOCAL transaction_read_only = on; ${path}`
              : `BEGIN READ ONLY; ${path}`,
          ),
        );
        return await this.#run(() => work(client));
      } finally {
        // Rolled back, never committed: nothing the statement did to the session outlives it.
        await client
          .script(
            inside
              ? 'ROLLBACK TO SAVEPOINT perfledger_query; RELEASE SAVEPOINT perfledger_query;'
              : 'ROLLBACK;',
          )
          .catch(() => undefined);
      }
    });
  }

  async #run<T>(step: () => Promise<T>, writing = false): Promise<T> {
    try {
      return await step();
    } catch (error) {
      throw translatePgError(error, this.location, { writing, lockTimeoutMs: this.#lockTimeoutMs });
    }
  }

  #checkOpen(): void {
    if (this.#closed) {
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

  #envelopesWithStoredData(rows: readonly EventRowTuple[]): EventEnvelope[] {
    const envelopes: EventEnvelope[] = [];
    const stored: string[] = [];
    for (const row of rows) {
      envelopes.push(this.#codec.envelope(row));
      stored.push(row[6]);
    }
    Object.defineProperty(envelopes, STORED_DATA_JSON, { value: stored });
    return envelopes;
  }

  async #facts(client: SqlClient, stream: string, upTo: number): Promise<EventFact[]> {
    return (
      await client.query<FactRowTuple>(this.#sql.readFacts!, [stream, upTo], { arrays: true })
    ).rows.map((row) => this.#codec.fact(stream, row));
  }

  /**
   * The rows of one append. The first round trip opens the transaction (or savepoint), locks the
   * head row, and then, in statements of their own (so each reads what committed before the lock
   * was granted), reads the streams' versions and the idempotency key's earlier append. The
   * second writes every row and the new head in one statement.
   */
  async #appendRows(
    client: SqlClient,
    prepared: readonly RowRequest[],
    metadata: EventMetadata,
    finish: Finisher | undefined,
  ): Promise<AppendResult> {
    const streams = [...new Set(prepared.map((request) => request.stream))];
    const key = metadata.idempotencyKey;
    const reads = [
      `SELECT position, hash, recorded_at FROM ${this.#s}.ledger_head WHERE id = 1 FOR UPDATE;`,
      // The tree's stored frontier at the head: the nodes this append's events merge with.
      frontierSql(this.#s),
      streams.length === 0
        ? 'SELECT NULL::text, NULL::integer WHERE false;'
        : // One index probe per stream (its last version, read backwards on (stream, stream_version)),
          // not every version of every stream: a GROUP BY max() reads them all and slows as streams grow.
          `SELECT x.stream, v.stream_version FROM unnest(ARRAY[${streams.map(textLiteral).join(', ')}]::text[]) AS x(stream) CROSS JOIN LATERAL (SELECT stream_version FROM ${this.#s}.events e WHERE e.stream = x.stream ORDER BY stream_version DESC LIMIT 1) v;`,
    ];
    if (key !== undefined) {
      reads.push(
        `SELECT min(position), max(position) FROM ${this.#s}.events WHERE idempotency_key = ${textLiteral(key)};`,
      );
    }
    const results = await client.script<unknown[]>(reads.join(' '));
    const tail = results.slice(-reads.length);
    const [headPosition, headHash, headRecordedAt] = tail[0]!.rows[0] as [number, string, string];
    if (key !== undefined) {
      const [first, last] = tail[3]!.rows[0] as [number | null, number | null];
      if (first !== null && last !== null) return this.#replayedRange(client, first, last);
    }
    const known = new Map<string, number>();
    for (const [stream, version] of tail[2]!.rows as [string, number][]) known.set(stream, version);
    let position = headPosition;
    let prevHash = headHash;
    let lastMicros = headRecordedAt === '' ? 0 : parseRecordedAt(headRecordedAt);
    const versions = new Map<string, number>();
    const written: EventEnvelope[] = [];
    const rows: ChainRow[] = [];
    const actor = metadata.actor ?? null;
    const source = metadata.source ?? null;
    const correlationId = metadata.correlationId ?? null;
    const causationId = metadata.causationId ?? null;
    const idempotencyKey = key ?? null;
    for (const request of prepared) {
      let version = versions.get(request.stream) ?? known.get(request.stream) ?? 0;
      checkExpected(request.stream, request.expectedVersion ?? 'any', version);
      for (const event of request.events) {
        position += 1;
        version += 1;
        lastMicros = nextRecordedMicros(this.#clock, lastMicros, this.#maxClockJumpDays);
        const recordedAt = formatRecordedAt(lastMicros);
        const fields = {
          position,
          eventId: uuidv7(),
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
        rows.push({ ...fields, prevHash, hash });
        written.push({
          type: event.type,
          data: event.data,
          eventId: fields.eventId,
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
      return {
        firstPosition: 0,
        lastPosition: 0,
        streamVersions: Object.fromEntries(versions),
        events: [],
        replayed: false,
      };
    }
    const nodes = completedNodes(
      headPosition,
      headHash,
      tail[1]!.rows as [number, string][],
      rows.map((row) => row.hash),
    );
    await this.#insertRows(
      client,
      rows,
      position,
      prevHash,
      formatRecordedAt(lastMicros),
      nodesJson(nodes),
      finish,
    );
    return {
      firstPosition: written[0]!.position,
      lastPosition: position,
      streamVersions: Object.fromEntries(versions),
      events: written,
      replayed: false,
    };
  }

  /**
   * Inserts chain rows exactly as given and moves the head to the last, in one statement. With
   * `finish` (an append of its own, no hook), the statement goes with the COMMIT in one round
   * trip, its values as literals that need no escaping (numbers, and text as hex UTF-8).
   */
  async #insertRows(
    client: SqlClient,
    rows: readonly ChainRow[],
    position: number,
    hash: string,
    recordedAt: string,
    nodes: string,
    finish?: Finisher,
  ): Promise<void> {
    const records = rows.map((row) => ({
      position: row.position,
      event_id: row.eventId,
      stream: row.stream,
      stream_version: row.streamVersion,
      type: row.type,
      schema_version: row.schemaVersion,
      data: row.dataJson,
      effective_on: row.effectiveOn,
      recorded_at: row.recordedAt,
      actor: row.actor,
      source: row.source,
      correlation_id: row.correlationId,
      causation_id: row.causationId,
      idempotency_key: row.idempotencyKey,
      prev_hash: row.prevHash,
      hash: row.hash,
    }));
    const json = JSON.stringify(records);
    // Only a small write rides with the COMMIT: a large one as a hex literal costs the server more
    // (twice the bytes, decoded) than the round trip it saves, so it goes as a parameter.
    if (finish !== undefined && json.length <= INLINE_WRITE_LIMIT) {
      if (!Number.isSafeInteger(position))
        throw new Error(`perfledger: position ${position} is not an integer`);
      await finish(
        `${insertSql(this.#s, `${textLiteral(json)}::json`, String(position), textLiteral(hash), textLiteral(recordedAt), `${textLiteral(nodes)}::json`)};`,
      );
      return;
    }
    await client.query(this.#sql.insert!, [json, position, hash, recordedAt, nodes]);
  }

  async #replayedFromChain(client: SqlClient, idempotencyKey: string): Promise<AppendResult | undefined> {
    const [first, last] = (
      await client.query<[number | null, number | null]>(
        `SELECT min(position), max(position) FROM ${this.#s}.events WHERE idempotency_key = $1`,
        [idempotencyKey],
        { arrays: true },
      )
    ).rows[0]!;
    if (first === null || last === null) return undefined;
    return this.#replayedRange(client, first, last);
  }

  async #replayedRange(client: SqlClient, first: number, last: number): Promise<AppendResult> {
    const events = (
      await client.query<EventRowTuple>(this.#sql.readRange!, [first, last], { arrays: true })
    ).rows.map((row) => this.#codec.envelope(row));
    const streamVersions: Record<string, number> = {};
    for (const event of events) streamVersions[event.stream] = event.streamVersion;
    return { firstPosition: first, lastPosition: last, streamVersions, events, replayed: true };
  }
}

/** The largest JSON (in UTF-16 units) an append sends inline with its COMMIT; larger goes as a parameter. */
const INLINE_WRITE_LIMIT = 64 * 1024;

function statements(s: string): Readonly<Record<string, string>> {
  return {
    head: `SELECT position, hash, recorded_at FROM ${s}.ledger_head WHERE id = 1`,
    streamVersion: `SELECT max(stream_version) FROM ${s}.events WHERE stream = $1`,
    readFacts: `SELECT position, stream_version, type, schema_version, data, effective_on FROM ${s}.events WHERE stream = $1 AND position <= $2 ORDER BY stream_version`,
    readStream: `SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE stream = $1 AND stream_version >= $2::bigint AND stream_version <= $3::bigint AND position <= $4::bigint ORDER BY stream_version`,
    readAll: `SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE position > $1 AND position <= $2 ORDER BY position LIMIT $3`,
    readRange: `SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE position BETWEEN $1 AND $2 ORDER BY position`,
    readEffective: `SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE effective_on >= $1 AND effective_on <= $2 AND position <= $3
       AND (effective_on > $4 OR (effective_on = $4 AND position > $5)) ORDER BY effective_on, position LIMIT $6`,
    nextStream: `SELECT stream FROM ${s}.events WHERE stream > $1 AND stream >= $2 AND stream < $3 ORDER BY stream LIMIT 1`,
    streamIgnoringCase: `SELECT stream FROM ${s}.events WHERE upper(stream) = upper($1::text COLLATE "C") AND stream_version = 1 ORDER BY position LIMIT 1`,
    insert: insertSql(s, '$1::json', '$2', '$3', '$4', '$5::json'),
  };
}

/**
 * The statement that inserts rows (a JSON array of `events` records), the Merkle nodes they
 * complete (a JSON array of `merkle_nodes` records) and moves the head.
 */
function insertSql(
  s: string,
  records: string,
  position: string,
  hash: string,
  recordedAt: string,
  nodes: string,
): string {
  return `WITH inserted AS (
        INSERT INTO ${s}.events (${EVENT_COLUMNS})
        SELECT ${EVENT_COLUMNS} FROM json_to_recordset(${records}) AS r(${RECORD_COLUMNS})
        RETURNING 1
      ), tree AS (
        INSERT INTO ${s}.merkle_nodes (level, idx, hash)
        SELECT level, idx, hash FROM json_to_recordset(${nodes}) AS n(level integer, idx bigint, hash text)
      )
      UPDATE ${s}.ledger_head SET position = ${position}, hash = ${hash}, recorded_at = ${recordedAt}
      WHERE id = 1 AND (SELECT count(*) FROM inserted) > 0`;
}

/** Sends a transaction's last statement together with its COMMIT, in one round trip. */
type Finisher = (sql: string) => Promise<void>;

function synchronousOf(held: Held | undefined): { synchronousCommit?: string } {
  return held?.synchronousCommit === undefined ? {} : { synchronousCommit: held.synchronousCommit };
}

async function rollback(client: SqlClient): Promise<void> {
  await client.script('ROLLBACK;').catch(() => undefined);
}

function isLostConnection(error: unknown): boolean {
  return error instanceof StorageError && error.code === 'STORAGE_FAILED' && /connection/.test(error.message);
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
