import type { Ledger } from '@perfledger/core';
import { openLedger as openPostgresLedger, postgresStore, schemaOf } from '@perfledger/postgres';
import { quarterEndView } from '@perfledger/quarter-end';
import { openLedger as openSqliteLedger, sqliteStore } from '@perfledger/sqlite';
import pg from 'pg';
import type { Dataset } from './dataset.js';
import { ratePerSecond, Stopwatch } from './measure.js';
import { allProjections } from './projections.js';
import { EVENT_COLUMNS } from './raw-sqlite.js';
import { type PlannedEvent, RealisticEvents, toRequest } from './realistic-events.js';
import { type BenchRow, costRow, rateRow } from './report.js';

/** Sizes of the PostgreSQL cases. */
export interface PostgresSize {
  /** Single appends, each its own transaction (and its own commit flush). */
  readonly singleAppends: number;
  /** Batched appends: `actions` events per call, `rounds` calls. */
  readonly batch: { readonly actions: number; readonly rounds: number };
  /** Single appends per ledger in the four-ledgers-in-parallel case. */
  readonly parallelAppends: number;
}

const AGAINST_RAW = 'raw pg inserts, same rows, synchronous_commit on';

/**
 * The PostgreSQL server the bench uses (`PERFLEDGER_POSTGRES_URL`, else
 * `postgres://root@127.0.0.1:5432/test`), or the reason there is none: the PostgreSQL cases are
 * then skipped with that line.
 *
 * @example
 * ```ts
 * const server = await findServer();
 * if ('skipped' in server) log(`  skipped: ${server.skipped}`);
 * ```
 */
export async function findServer(): Promise<{ url: string } | { skipped: string }> {
  const env = process.env.PERFLEDGER_POSTGRES_URL;
  const url = env !== undefined && env !== '' ? env : 'postgres://root@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  let problem: string | undefined;
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    problem = (error as Error).message || String((error as { code?: unknown }).code);
  } finally {
    await client.end().catch(() => undefined);
  }
  if (problem === undefined) return { url };
  return {
    skipped: `no PostgreSQL server answers at ${url.replace(/:[^:@/]*@/, '@')} (${problem}); start one at 127.0.0.1:5432 or set PERFLEDGER_POSTGRES_URL to run the PostgreSQL rows`,
  };
}

let counter = 0;
function benchLedgerName(label: string): string {
  counter += 1;
  return `bench_${label}_${process.pid.toString(36)}_${counter}`;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Drops the schemas this run created (the ledgers and the raw baseline tables). */
async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  const client = await connect(url);
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Throws unless `synchronous_commit` is on for `client`: the raw baseline must match the ledger's durability. */
async function assertSynchronousCommit(client: pg.Client, label: string): Promise<void> {
  const { rows } = await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
  const fsync = await client.query<{ fsync: string }>('SHOW fsync');
  if (rows[0]!.synchronous_commit !== 'on' || fsync.rows[0]!.fsync !== 'on') {
    throw new Error(
      `${label}: the server runs synchronous_commit=${rows[0]!.synchronous_commit}, fsync=${fsync.rows[0]!.fsync}; the comparison needs both on`,
    );
  }
}

/** Column types for `unnest`, in {@link EVENT_COLUMNS} order. */
const COLUMN_TYPES = [
  'bigint',
  'text',
  'text',
  'integer',
  'text',
  'integer',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
];

/**
 * A ledger on the server and, beside it, a raw table with exactly its `events` columns and
 * indexes (`LIKE … INCLUDING ALL`, without the ledger's triggers), plus a reader for the rows the
 * ledger wrote.
 */
async function ledgerAndRaw(url: string, label: string) {
  const name = benchLedgerName(label);
  const rawSchema = `${schemaOf(name)}_raw`;
  const ledger = await openPostgresLedger({ connectionString: url, ledger: name });
  const raw = await connect(url);
  const reader = await connect(url);
  await raw.query(`CREATE SCHEMA "${rawSchema}"`);
  await raw.query(`CREATE TABLE "${rawSchema}".events (LIKE "${schemaOf(name)}".events INCLUDING ALL)`);
  await assertSynchronousCommit(raw, label);
  await assertSynchronousCommit(reader, label);
  const events = `"${schemaOf(name)}".events`;
  return {
    ledger,
    raw,
    reader,
    schemas: [schemaOf(name), rawSchema],
    readRange: async (first: number, last: number) =>
      (
        await reader.query({
          text: `SELECT ${EVENT_COLUMNS} FROM ${events} WHERE position BETWEEN $1 AND $2 ORDER BY position`,
          values: [first, last],
          rowMode: 'array',
        })
      ).rows as unknown[][],
    insertOne: (row: unknown[]) =>
      raw.query({
        name: 'bench-raw-insert-one',
        text: `INSERT INTO "${rawSchema}".events (${EVENT_COLUMNS}) VALUES (${row.map((_, i) => `$${i + 1}`).join(', ')})`,
        values: row,
      }),
    insertMany: (rows: unknown[][]) =>
      raw.query({
        name: 'bench-raw-insert-many',
        text: `INSERT INTO "${rawSchema}".events (${EVENT_COLUMNS}) SELECT * FROM unnest(${COLUMN_TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})`,
        values: COLUMN_TYPES.map((_, column) => rows.map((row) => row[column])),
      }),
    async close() {
      await ledger.close();
      await raw.end();
      await reader.end();
      await dropSchemas(url, this.schemas);
    },
  };
}

/**
 * `pg append-single` and `pg append-batch`: `ledger.append` of one event (its own transaction,
 * with its exact expected version) and `ledger.appendMany` of 1 000 events per call on
 * PostgreSQL, each against raw `pg` inserting the very rows the ledger wrote into a table with
 * the same columns and indexes, on the same server at the same durability (`synchronous_commit`
 * on, checked): one autocommitted `INSERT … VALUES` per row for the single case, one
 * `INSERT … SELECT FROM unnest(…)` per 1 000 rows for the batch. Ours and raw alternate call by
 * call, so the server's noise falls on both.
 *
 * @example
 * ```ts
 * const rows = await postgresAppends(url, { singleAppends: 2_000, batch: { actions: 1_000, rounds: 20 }, parallelAppends: 500 });
 * ```
 */
export async function postgresAppends(url: string, size: PostgresSize): Promise<BenchRow[]> {
  const single = await singleAppends(url, Math.min(200, size.singleAppends), true);
  const singleRow = await singleAppends(url, size.singleAppends, false);
  void single;
  await batchAppends(url, { actions: size.batch.actions, rounds: 2 }, true);
  const batchRow = await batchAppends(url, size.batch, false);
  return [singleRow, batchRow];
}

async function singleAppends(url: string, appends: number, warmUp: boolean): Promise<BenchRow> {
  const side = await ledgerAndRaw(url, 'single');
  const ours = new Stopwatch();
  const baseline = new Stopwatch();
  let done = 0;
  try {
    const generator = new RealisticEvents({
      actions: Math.min(1_000, appends),
      eventsPerAction: Math.ceil(appends / Math.min(1_000, appends)),
      seed: warmUp ? 7 : 11,
    });
    outer: for (const round of generator.rounds()) {
      for (const planned of round) {
        if (done >= appends) break outer;
        const expectedVersion = planned.expectedVersion === 0 ? 'no-stream' : planned.expectedVersion;
        const result = await ours.timeAsync(() =>
          side.ledger.append(planned.stream, [planned.event], { expectedVersion }),
        );
        const [row] = await side.readRange(result.lastPosition, result.lastPosition);
        await baseline.timeAsync(() => side.insertOne(row!));
        done += 1;
      }
    }
  } finally {
    await side.close();
  }
  return rateRow(
    'pg append-single',
    'appends/s',
    ratePerSecond(done, ours.ms),
    ratePerSecond(done, baseline.ms),
    AGAINST_RAW,
    0.5,
    `${done.toLocaleString('en-GB')} appends, one commit flush each`,
  );
}

async function batchAppends(
  url: string,
  size: { readonly actions: number; readonly rounds: number },
  warmUp: boolean,
): Promise<BenchRow> {
  const side = await ledgerAndRaw(url, 'batch');
  const ours = new Stopwatch();
  const baseline = new Stopwatch();
  let events = 0;
  try {
    const generator = new RealisticEvents({ ...size, eventsPerAction: size.rounds, seed: warmUp ? 7 : 11 });
    for (const round of generator.rounds()) {
      for (let i = 0; i < round.length; i += 1_000) {
        const requests = round.slice(i, i + 1_000).map(toRequest);
        const result = await ours.timeAsync(() => side.ledger.appendMany(requests));
        const rows = await side.readRange(result.firstPosition, result.lastPosition);
        await baseline.timeAsync(() => side.insertMany(rows));
        events += rows.length;
      }
    }
  } finally {
    await side.close();
  }
  return rateRow(
    'pg append-batch',
    'events/s',
    ratePerSecond(events, ours.ms),
    ratePerSecond(events, baseline.ms),
    AGAINST_RAW,
    0.5,
    `${events.toLocaleString('en-GB')} events, 1 000 per append`,
  );
}

/** The first `count` events of a generated workload (whole rounds of one event per action). */
function plannedEvents(count: number): PlannedEvent[] {
  const actions = Math.min(200, count);
  const generator = new RealisticEvents({ actions, eventsPerAction: Math.ceil(count / actions) });
  const planned: PlannedEvent[] = [];
  for (const round of generator.rounds()) planned.push(...round);
  return planned.slice(0, count);
}

/** Appends `planned` to `ledger` one event per append, one after another. */
async function appendSeries(ledger: Ledger, planned: readonly PlannedEvent[]): Promise<void> {
  for (const event of planned) {
    const expectedVersion = event.expectedVersion === 0 ? 'no-stream' : event.expectedVersion;
    await ledger.append(event.stream, [event.event], { expectedVersion });
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * `pg 4 ledgers in parallel`: four ledgers of one database, each on a connection of its own,
 * appended to at the same time, one event per append (each its own commit), against one ledger
 * alone on one connection doing the same: total appends per second. Appends to different ledgers
 * lock different head rows, so they overlap, and the server's group commit lets their flushes
 * share the disk. Also measured, for the cost of the head-row lock: one ledger appended to from
 * four connections at once, each its own streams (its appends serialise on the head row).
 *
 * @example
 * ```ts
 * const rows = await postgresParallel(url, 500);
 * ```
 */
export async function postgresParallel(url: string, appends: number): Promise<BenchRow[]> {
  const names = [0, 1, 2, 3, 4, 5].map(() => benchLedgerName('par'));
  const open = (ledger: string) =>
    openPostgresLedger({ connectionString: url, ledger, lockTimeoutMs: 60_000 });
  const ledgers: Ledger[] = [];
  try {
    for (const name of names.slice(0, 5)) ledgers.push(await open(name));
    for (let i = 0; i < 4; i++) ledgers.push(await open(names[5]!));
    const [warmUp, alone, ...rest] = ledgers as [Ledger, Ledger, ...Ledger[]];
    const parallel = rest.slice(0, 3);
    const onOne = rest.slice(3);
    const planned = plannedEvents(appends);
    await appendSeries(warmUp, planned.slice(0, Math.min(100, appends)));
    const aloneMs = await timed(() => appendSeries(alone, planned));
    // The four parallel ledgers: the warm-up ledger (appended from where it stopped) and three new ones.
    const warmRest = plannedEvents(Math.min(100, appends) + appends).slice(Math.min(100, appends));
    const parallelMs = await timed(() =>
      Promise.all([
        appendSeries(warmUp, warmRest),
        ...parallel.map((ledger) => appendSeries(ledger, planned)),
      ]),
    );
    // One ledger from four connections: its streams dealt out among them, each stream to one.
    const shared = plannedEvents(4 * appends);
    const streams = [...new Set(shared.map((event) => event.stream))];
    const dealt = onOne.map((_, k) => shared.filter((event) => streams.indexOf(event.stream) % 4 === k));
    const sharedMs = await timed(() =>
      Promise.all(onOne.map((ledger, k) => appendSeries(ledger, dealt[k]!))),
    );
    const aloneRate = ratePerSecond(appends, aloneMs);
    const raw = await rawParallel(url, names[1]!, `${schemaOf(names[0]!)}_raw`);
    return [
      rateRow(
        'pg 4 ledgers in parallel',
        'appends/s',
        ratePerSecond(4 * appends, parallelMs),
        aloneRate,
        'one ledger alone, one connection',
        2.5,
        `${appends.toLocaleString('en-GB')} single appends per ledger, 4 connections`,
      ),
      rateRow(
        'pg 1 ledger, 4 connections',
        'appends/s',
        ratePerSecond(4 * appends, sharedMs),
        aloneRate,
        'one ledger alone, one connection',
        undefined,
        'appends to one ledger serialise on its head row (SELECT … FOR UPDATE held to commit)',
      ),
      rateRow(
        'raw pg, 4 tables in parallel',
        'inserts/s',
        raw.parallel,
        raw.alone,
        'raw pg, one table alone, one connection',
        undefined,
        "the machine's ceiling: the same rows, one autocommitted INSERT each, four connections vs one",
      ),
    ];
  } finally {
    for (const ledger of ledgers) await ledger.close();
    await dropSchemas(url, [...names.map(schemaOf), `${schemaOf(names[0]!)}_raw`]);
  }
}

/**
 * The ceiling the server and machine allow for the parallel case: the rows of `ledger` inserted
 * raw, one autocommitted `INSERT` each, into one table from one connection, then into four
 * tables from four connections at once (tables with the ledger's columns and indexes).
 */
async function rawParallel(
  url: string,
  ledger: string,
  rawSchema: string,
): Promise<{ alone: number; parallel: number }> {
  const clients = await Promise.all([0, 1, 2, 3, 4].map(() => connect(url)));
  try {
    const [first] = clients as [pg.Client];
    await assertSynchronousCommit(first, 'raw parallel');
    const rows = (
      await first.query({
        text: `SELECT ${EVENT_COLUMNS} FROM "${schemaOf(ledger)}".events ORDER BY position`,
        rowMode: 'array',
      })
    ).rows as unknown[][];
    await first.query(`CREATE SCHEMA "${rawSchema}"`);
    for (let t = 0; t < 5; t++) {
      await first.query(
        `CREATE TABLE "${rawSchema}".events_${t} (LIKE "${schemaOf(ledger)}".events INCLUDING ALL)`,
      );
    }
    const insertAll = async (client: pg.Client, table: number) => {
      const text = `INSERT INTO "${rawSchema}".events_${table} (${EVENT_COLUMNS}) VALUES (${COLUMN_TYPES.map((_, i) => `$${i + 1}`).join(', ')})`;
      for (const row of rows) await client.query({ name: `raw-parallel-${table}`, text, values: row });
    };
    const aloneMs = await timed(() => insertAll(first, 0));
    const parallelMs = await timed(() =>
      Promise.all(clients.slice(1).map((client, t) => insertAll(client, t + 1))),
    );
    return {
      alone: ratePerSecond(rows.length, aloneMs),
      parallel: ratePerSecond(4 * rows.length, parallelMs),
    };
  } finally {
    for (const client of clients) await client.end();
  }
}

/**
 * The PostgreSQL copy of a generated SQLite ledger, made once with `appendCopied` (verified row by
 * row on arrival) and kept on the server between runs as the ledger `bench_<actions>x<perAction>`:
 * reused while its head hash is the SQLite ledger's. Drop its schema to make it again.
 */
async function postgresCopyOf(url: string, dataset: Dataset, log: (line: string) => void): Promise<string> {
  const name = `bench_${dataset.actions}x${dataset.eventsPerAction}`;
  const source = await sqliteStore({ file: dataset.file, readonly: true });
  const target = await postgresStore({ connectionString: url, ledger: name });
  try {
    const want = await source.head();
    const have = await target.head();
    if (have.position === want.position && have.hash === want.hash) {
      log(`  reusing the PostgreSQL ledger ${name} (${want.position.toLocaleString('en-GB')} events)`);
      return name;
    }
    if (have.position !== 0) {
      await target.close();
      await dropSchemas(url, [schemaOf(name)]);
      return postgresCopyOf(url, dataset, log);
    }
    log(
      `  copying ${want.position.toLocaleString('en-GB')} events into the PostgreSQL ledger ${name} (kept for later runs)...`,
    );
    const started = performance.now();
    const origin = await source.origin();
    await target.bulk(async () => {
      for await (const rows of source.chainRows(0, want.position, 5_000))
        await target.appendCopied(origin, rows);
    });
    log(`    copied in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return name;
  } finally {
    await source.close();
    await target.close();
  }
}

/** The report every council prints after Christmas, as in `quarter-report.ts`. */
const QUARTER = { fy: '2023/24', quarter: 3 } as const;

async function reportMs(ledger: Ledger, repeats: number): Promise<{ ms: number; total: number }> {
  let ms = Number.POSITIVE_INFINITY;
  let total = 0;
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const view = await quarterEndView(ledger, QUARTER);
    ms = Math.min(ms, performance.now() - started);
    total = view.total;
  }
  return { ms, total };
}

/**
 * `pg rebuild` and `pg quarter-report`: `ledger.projections.rebuild()` of the three shipped
 * projections, and the quarter-end view read from them, on PostgreSQL, beside the same on SQLite
 * for the very same events (the SQLite ledger is copied into PostgreSQL once, verified, and the
 * two heads have the same hash), measured in the same run. Ratios are PostgreSQL / SQLite.
 *
 * @example
 * ```ts
 * const rows = await postgresRebuild(url, dataset, 3, log);
 * ```
 */
export async function postgresRebuild(
  url: string,
  dataset: Dataset,
  repeats: number,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const name = await postgresCopyOf(url, dataset, log);
  const size = dataset.events >= 1_000_000 ? `${dataset.events / 1_000_000}M` : `${dataset.events / 1_000}k`;
  const projections = allProjections();
  const onPg = await openPostgresLedger({
    connectionString: url,
    ledger: name,
    projections,
    projectionMode: 'catch-up',
  });
  const onSqlite = await openSqliteLedger({ file: dataset.file, projections, projectionMode: 'catch-up' });
  try {
    let started = performance.now();
    const sqliteEvents = await onSqlite.projections.rebuild();
    const sqliteMs = performance.now() - started;
    started = performance.now();
    const pgEvents = await onPg.projections.rebuild();
    const pgMs = performance.now() - started;
    log(
      `  rebuild @${size}: PostgreSQL ${(pgMs / 1000).toFixed(1)} s, SQLite ${(sqliteMs / 1000).toFixed(1)} s (${pgEvents.toLocaleString('en-GB')} events)`,
    );
    if (pgEvents !== dataset.events || sqliteEvents !== dataset.events) {
      throw new Error(
        `pg rebuild: ${pgEvents} (PostgreSQL) and ${sqliteEvents} (SQLite) events rebuilt, expected ${dataset.events}`,
      );
    }
    const pgReport = await reportMs(onPg, repeats);
    const sqliteReport = await reportMs(onSqlite, repeats);
    if (pgReport.total !== sqliteReport.total) {
      throw new Error(
        `pg quarter-report: ${pgReport.total} actions on PostgreSQL, ${sqliteReport.total} on SQLite`,
      );
    }
    return [
      rateRow(
        `pg rebuild @${size}`,
        'events/s',
        ratePerSecond(pgEvents, pgMs),
        ratePerSecond(sqliteEvents, sqliteMs),
        'SQLite rebuild, same events, same run',
        undefined,
        'three shipped projections; ratio is PostgreSQL / SQLite',
      ),
      costRow(
        `pg quarter-report @${size}`,
        'ms/report',
        pgReport.ms,
        sqliteReport.ms,
        'SQLite, same ledger, same run',
        `${pgReport.total.toLocaleString('en-GB')} actions, now known; ratio is SQLite / PostgreSQL time`,
      ),
    ];
  } finally {
    await onPg.close();
    await onSqlite.close();
  }
}
