import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createLedger, LedgerError } from '@perfledger/core';
import { eventHash } from '@perfledger/core/internal';
import { sqliteStore } from '@perfledger/sqlite';
import { openDatabase } from '@perfledger/sqlite/internal';
import { completeStoredTree } from '@perfledger/sqlite/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, postgresStore } from './index.js';
import { MIGRATIONS, SCHEMA_VERSION, schemaOf } from './schema.js';
import { allChainRows, appendHistory, comment } from './test-support/fixtures.js';
import { pgliteConnector, pgliteStore, steppingClock, uniqueLedgerName } from './testing/index.js';

let db: PGlite;

beforeAll(async () => {
  db = await PGlite.create();
});

afterAll(async () => {
  await db.close();
});

async function sql(text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = await pgliteConnector(db).connect();
  try {
    return (await client.query(text, params)).rows as Record<string, unknown>[];
  } finally {
    client.release();
  }
}

async function withLedger<T>(work: (ledger: string) => Promise<T>): Promise<T> {
  const ledger = uniqueLedgerName('s');
  try {
    return await work(ledger);
  } finally {
    await sql(`DROP SCHEMA IF EXISTS "${schemaOf(ledger)}" CASCADE`);
  }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LedgerError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('postgresStore options', () => {
  it('are strict: an unknown key, both or neither connection, a bad ledger name or lock timeout are refused before connecting', async () => {
    for (const options of [
      { connectionString: 'postgres://x@127.0.0.1:1/x', legder: 'x' },
      { ledger: 'x' },
      { connectionString: 'postgres://x@127.0.0.1:1/x', pool: {} },
      { connectionString: 'mysql://x' },
      { connectionString: 'postgres://x@127.0.0.1:1/x', ledger: 'Broxtowe' },
      { connectionString: 'postgres://x@127.0.0.1:1/x', ledger: 'a-b' },
      { connectionString: 'postgres://x@127.0.0.1:1/x', lockTimeoutMs: -1 },
      { connectionString: 'postgres://x@127.0.0.1:1/x', readonly: 'yes' },
    ]) {
      expect(await codeOf(postgresStore(options as never)), JSON.stringify(options)).toBe(
        'VALIDATION_FAILED',
      );
    }
    expect(await codeOf(openLedger({ connectionString: 'postgres://x@1/x', projectionz: [] } as never))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('an unreachable server is STORAGE_FAILED, not a driver error', async () => {
    expect(await codeOf(postgresStore({ connectionString: 'postgres://nobody@127.0.0.1:9/none' }))).toBe(
      'STORAGE_FAILED',
    );
  });
});

describe('schema and migrations', () => {
  it('a new ledger gets its schema at the current version, an origin, and a creation time', async () => {
    await withLedger(async (ledger) => {
      const store = await pgliteStore({ db, ledger });
      const versions = await sql(
        `SELECT version FROM "${schemaOf(ledger)}".schema_migrations ORDER BY version`,
      );
      expect(versions.map((row) => row.version)).toEqual([1, SCHEMA_VERSION]);
      expect(await store.origin()).toMatch(/^[0-9a-f-]{36}$/);
      expect(await store.getMeta('createdAt')).toMatch(/^\d{4}-/);
      expect(store.engine).toBe('postgres');
      expect(store.location).toBe(`pglite#${ledger}`);
      // Opening again migrates nothing and keeps the origin.
      const again = await pgliteStore({ db, ledger });
      expect(await again.origin()).toBe(await store.origin());
      expect(Object.keys(MIGRATIONS).map(Number)).toEqual([1, 2]);
    });
  });

  it('read-only: a missing ledger is NOT_A_LEDGER and nothing is created', async () => {
    const ledger = uniqueLedgerName('s');
    expect(await codeOf(pgliteStore({ db, ledger, readonly: true }))).toBe('NOT_A_LEDGER');
    expect(await sql('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schemaOf(ledger)])).toEqual([]);
  });

  it('a schema of another application is NOT_A_LEDGER; a newer schema version is SCHEMA_TOO_NEW', async () => {
    await withLedger(async (ledger) => {
      await sql(`CREATE SCHEMA "${schemaOf(ledger)}"; `);
      await sql(`CREATE TABLE "${schemaOf(ledger)}".orders (id int)`);
      expect(await codeOf(pgliteStore({ db, ledger }))).toBe('NOT_A_LEDGER');
    });
    await withLedger(async (ledger) => {
      await pgliteStore({ db, ledger });
      await sql(`INSERT INTO "${schemaOf(ledger)}".schema_migrations (version) VALUES ($1)`, [
        SCHEMA_VERSION + 1,
      ]);
      expect(await codeOf(pgliteStore({ db, ledger }))).toBe('SCHEMA_TOO_NEW');
      expect(await codeOf(pgliteStore({ db, ledger, readonly: true }))).toBe('SCHEMA_TOO_NEW');
    });
  });

  it('TRUNCATE, UPDATE and DELETE of events are refused even for the owner; UPDATE on no row too', async () => {
    await withLedger(async (ledger) => {
      const store = await pgliteStore({ db, ledger });
      await store.append([{ stream: 'action:T', events: [comment('kept')] }]);
      const s = `"${schemaOf(ledger)}"`;
      for (const statement of [
        `TRUNCATE ${s}.events`,
        `UPDATE ${s}.events SET actor = 'x'`,
        `UPDATE ${s}.events SET actor = 'x' WHERE position = 999`,
        `DELETE FROM ${s}.events`,
      ]) {
        await expect(sql(statement), statement).rejects.toThrow(/events are immutable/);
      }
      expect((await store.head()).position).toBe(1);
    });
  });
});

describe('errors', () => {
  it('an event written behind the head by another client makes the next append STORAGE_FAILED, writing nothing', async () => {
    await withLedger(async (ledger) => {
      const store = await pgliteStore({ db, ledger });
      await store.append([{ stream: 'action:E', events: [comment('one')] }]);
      const s = `"${schemaOf(ledger)}"`;
      await sql(
        `INSERT INTO ${s}.events SELECT 2, 'x-' || event_id, 'action:other', 1, type, schema_version, data, effective_on, recorded_at, actor, source, correlation_id, causation_id, idempotency_key, hash, hash FROM ${s}.events WHERE position = 1`,
      );
      expect(await codeOf(store.append([{ stream: 'action:E', events: [comment('two')] }]))).toBe(
        'STORAGE_FAILED',
      );
      expect((await store.head()).position).toBe(1);
      expect(await store.readStream('action:E')).toHaveLength(1);
    });
  });
});

describe('several ledgers on one database', () => {
  it('keep their own positions, chains, origins, metadata and projection tables', async () => {
    await withLedger((a) =>
      withLedger(async (b) => {
        const storeA = await pgliteStore({ db, ledger: a });
        const storeB = await pgliteStore({ db, ledger: b });
        await storeA.append([{ stream: 'action:A', events: [comment('a1'), comment('a2')] }], {
          idempotencyKey: 'k',
        });
        await storeB.append([{ stream: 'action:B', events: [comment('b1')] }], { idempotencyKey: 'k' });
        expect((await storeA.head()).position).toBe(2);
        expect((await storeB.head()).position).toBe(1);
        expect(await storeB.readStream('action:A')).toEqual([]);
        expect(await storeB.replayed('k')).toMatchObject({ firstPosition: 1, lastPosition: 1 });
        expect(await storeA.origin()).not.toBe(await storeB.origin());
        await storeA.putMeta('note', 'a');
        expect(await storeB.getMeta('note')).toBeUndefined();
        const table = {
          name: 'notes',
          columns: [{ name: 'id', type: 'integer' as const }],
          primaryKey: ['id'],
        };
        await storeA.projections.resetTables([table]);
        expect(await storeB.projections.existingTables(['notes'])).toEqual([]);
        expect(await storeB.query.all('SELECT count(*) AS n FROM events')).toEqual([{ n: 1 }]);
        expect(await storeA.query.all('SELECT count(*) AS n FROM events')).toEqual([{ n: 2 }]);
      }),
    );
  });
});

describe('the same hash chain bytes as SQLite', () => {
  it('the same events with the same clock store the same fields; rows copied either way verify with the same head hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfledger-pg-same-'));
    try {
      await withLedger((pgLedger) =>
        withLedger(async (copyLedger) => {
          const sqlite = await sqliteStore({
            file: join(dir, 'a.db'),
            clock: steppingClock('2024-01-15T09:00:00Z'),
          });
          const pg = await pgliteStore({
            db,
            ledger: pgLedger,
            clock: steppingClock('2024-01-15T09:00:00Z'),
          });
          await appendHistory(sqlite);
          await appendHistory(pg);
          const fromSqlite = await allChainRows(sqlite);
          const fromPg = await allChainRows(pg);
          expect(fromPg).toHaveLength(5);
          const withoutIds = (rows: typeof fromPg) =>
            rows.map(({ eventId: _e, hash: _h, prevHash: _p, ...fields }) => fields);
          expect(withoutIds(fromPg)).toEqual(withoutIds(fromSqlite));
          // Every stored row hashes, on PostgreSQL, to what it says: the bytes are the hashed ones.
          for (const row of fromPg) expect(eventHash(row.prevHash, row)).toBe(row.hash);
          // SQLite's rows copied into PostgreSQL: the same head hash, and the copy verifies.
          const copy = await pgliteStore({ db, ledger: copyLedger });
          await copy.appendCopied(await sqlite.origin(), fromSqlite);
          expect(await copy.head()).toEqual(await sqlite.head());
          expect(await copy.origin()).toBe(await sqlite.origin());
          expect(await allChainRows(copy)).toEqual(fromSqlite);
          const verified = await (await createLedger({ store: copy })).verify();
          expect(verified).toMatchObject({ ok: true, count: 5, headHash: (await sqlite.head()).hash });
          // PostgreSQL's rows written into a SQLite file as stored: SQLite verifies them, same head hash.
          const file = join(dir, 'copy.db');
          await (await sqliteStore({ file })).close();
          const raw = openDatabase({ file });
          const insert = raw.prepare(
            'INSERT INTO events (position, event_id, stream, stream_version, type, schema_version, data, effective_on, recorded_at, actor, source, correlation_id, causation_id, idempotency_key, prev_hash, hash) VALUES (@position, @eventId, @stream, @streamVersion, @type, @schemaVersion, @dataJson, @effectiveOn, @recordedAt, @actor, @source, @correlationId, @causationId, @idempotencyKey, @prevHash, @hash)',
          );
          raw.transaction(() => {
            for (const row of fromPg) insert.run(row);
            const head = fromPg.at(-1)!;
            raw
              .prepare('UPDATE ledger_head SET position = ?, hash = ?, recorded_at = ? WHERE id = 1')
              .run(head.position, head.hash, head.recordedAt);
            completeStoredTree(raw);
          })();
          raw.close();
          const sqliteCopy = await sqliteStore({ file });
          expect(await sqliteCopy.head()).toEqual(await pg.head());
          expect(await (await createLedger({ store: sqliteCopy })).verify()).toMatchObject({
            ok: true,
            count: 5,
            headHash: (await pg.head()).hash,
          });
          await sqliteCopy.close();
          await sqlite.close();
        }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('stream names ignoring case', () => {
  it('match ignoring ASCII case only, as on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfledger-pg-case-'));
    try {
      await withLedger(async (ledger) => {
        const sqlite = await sqliteStore({ file: join(dir, 'case.db') });
        const pg = await pgliteStore({ db, ledger });
        for (const store of [sqlite, pg])
          await store.append([{ stream: 'action:dü', events: [comment('x')] }]);
        for (const probe of ['ACTION:Dü', 'action:DÜ', 'Action:dü', 'action:d']) {
          expect(await pg.streamIgnoringCase(probe), probe).toBe(await sqlite.streamIgnoringCase(probe));
        }
        expect(await pg.streamIgnoringCase('ACTION:Dü')).toBe('action:dü');
        await sqlite.close();
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('appendCopied', () => {
  it('copies in batches; refuses a tampered row, another origin, or rows that do not follow the head, writing nothing', async () => {
    await withLedger((from) =>
      withLedger(async (to) => {
        const source = await pgliteStore({ db, ledger: from });
        await appendHistory(source);
        const rows = await allChainRows(source);
        const origin = await source.origin();
        const target = await pgliteStore({ db, ledger: to });
        const tampered = rows
          .slice(0, 2)
          .map((row, i) => (i === 1 ? { ...row, dataJson: '{"comment":"forged"}' } : row));
        expect(await codeOf(target.appendCopied(origin, tampered))).toBe('VERIFICATION_FAILED');
        expect((await target.head()).position).toBe(0);
        expect(await codeOf(target.appendCopied(origin, rows.slice(1)))).toBe('VALIDATION_FAILED');
        await target.appendCopied(origin, rows.slice(0, 2));
        expect(await codeOf(target.appendCopied('another-origin', rows.slice(2)))).toBe('VALIDATION_FAILED');
        expect(await codeOf(target.appendCopied(origin, rows.slice(3)))).toBe('VALIDATION_FAILED');
        expect((await target.head()).position).toBe(2);
        await target.appendCopied(origin, rows.slice(2));
        expect(await target.head()).toEqual(await source.head());
        expect(await target.replayed('history-key')).toMatchObject({ firstPosition: 3, lastPosition: 4 });
        // Positions continue the copied head.
        const next = await target.append([{ stream: 'action:H1', events: [comment('after')] }]);
        expect(next.firstPosition).toBe(6);
        const other = await pgliteStore({ db, ledger: from });
        await expect(other.appendCopied(origin, rows)).rejects.toBeInstanceOf(LedgerError);
      }),
    );
  });
});

describe('bulk', () => {
  it('turns synchronous_commit off for its work only, and restores it afterwards, also when the work fails', async () => {
    await withLedger(async (ledger) => {
      const store = await pgliteStore({ db, ledger });
      const seen: unknown[] = [];
      await store.bulk(async () => {
        seen.push(
          (await store.query.get<{ s: string }>("SELECT current_setting('synchronous_commit') AS s"))?.s,
        );
        await store.append([{ stream: 'action:B', events: [comment('in bulk')] }]);
      });
      await expect(
        store.bulk(async () => {
          throw new Error('rebuild failed');
        }),
      ).rejects.toThrow('rebuild failed');
      seen.push(
        (await store.query.get<{ s: string }>("SELECT current_setting('synchronous_commit') AS s"))?.s,
      );
      expect(seen).toEqual(['off', 'on']);
      expect((await store.head()).position).toBe(1);
    });
  });
});

describe('bulk, with overlapping calls', () => {
  it('calls of the run that overlap take its session in turn: each read is read-only, each write whole', async () => {
    await withLedger(async (ledger) => {
      const store = await pgliteStore({ db, ledger });
      const table = {
        name: 'bulk_rows',
        columns: [{ name: 'id', type: 'integer' as const }],
        primaryKey: ['id'],
      };
      await store.projections.resetTables([table]);
      await store.bulk(async () => {
        const outcomes = await Promise.allSettled([
          ...Array.from({ length: 5 }, (_, i) =>
            store.projections.insertRows(table, [{ table: 'bulk_rows', values: [i] }]),
          ),
          ...Array.from({ length: 5 }, () => store.query.all('SELECT count(*) AS n FROM bulk_rows')),
          store.query.all('WITH gone AS (DELETE FROM bulk_rows RETURNING id) SELECT * FROM gone'),
          store.append([{ stream: 'action:B', events: [comment('in bulk')] }]),
        ]);
        expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
        expect((outcomes[10] as PromiseRejectedResult).reason).toMatchObject({ code: 'READ_ONLY' });
      });
      expect(await store.query.all('SELECT id FROM bulk_rows ORDER BY id')).toEqual(
        [0, 1, 2, 3, 4].map((id) => ({ id })),
      );
      expect((await store.head()).position).toBe(1);
    });
  });
});

describe('values', () => {
  it('integers beyond 2^53 come back as bigint, within as numbers; booleans as 1 and 0', async () => {
    await withLedger(async (ledger) => {
      const store = await pgliteStore({ db, ledger });
      expect(
        await store.query.get(
          "SELECT 9007199254740993::bigint AS big, 42::bigint AS small, 7 AS four, (1 = 1) AS yes, 2.5::numeric AS half, '?' AS mark",
        ),
      ).toEqual({ big: 9007199254740993n, small: 42, four: 7, yes: 1, half: 2.5, mark: '?' });
      expect(await store.query.get('SELECT ? AS big', [9007199254740993n])).toEqual({
        big: 9007199254740993n,
      });
    });
  });

  it('reads take bounds as large as JavaScript allows', async () => {
    await withLedger(async (ledger) => {
      const store = await pgliteStore({ db, ledger });
      await store.append([{ stream: 'action:V', events: [comment('one'), comment('two')] }]);
      const max = Number.MAX_SAFE_INTEGER;
      expect(await store.readStream('action:V', { fromVersion: 2, toVersion: max, upTo: max })).toHaveLength(
        1,
      );
      expect(await store.readStreamFacts('action:V', max)).toHaveLength(2);
      expect((await allChainRows(store)).map((row) => row.position)).toEqual([1, 2]);
    });
  });

  it('createLedger over a store on PGlite opens and verifies an empty ledger', async () => {
    await withLedger(async (ledger) => {
      const store = await pgliteStore({ db, ledger });
      const opened = await createLedger({ store });
      expect(await opened.verify()).toMatchObject({ ok: true, count: 0 });
      await opened.close();
    });
  });
});
