import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BusinessDate, type CommandInput, createCheckpoint, generateSigningKey, type Ledger, LedgerError, type PendingEvent, type Projection, publishReport, verifyLedger } from '@perfledger/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, openReadonlyLedger } from '../open-ledger.js';

const dirs: string[] = [];
const ledgers: Ledger[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-readonly-'));
  dirs.push(dir);
  return dir;
}

const register: CommandInput = {
  type: 'RegisterAction',
  code: 'FP1922_02',
  effectiveOn: '2023-04-01',
  title: 'Widen the use of e-forms',
  plan: 'Corporate Plan 2018-23',
  directorate: 'Finance',
  section: 'Digital',
  dueDate: '2024-03-31',
  statusKey: 'rag',
};
const comment: CommandInput = {
  type: 'AddComment',
  code: 'FP1922_02',
  effectiveOn: '2023-06-30',
  comment: 'More',
};

const progressCount: Projection = {
  name: 'progress_count',
  version: 1,
  eventTypes: ['ProgressUpdated'],
  tables: [
    {
      name: 'progress_count',
      sql: 'CREATE TABLE progress_count (stream TEXT PRIMARY KEY, n INTEGER NOT NULL)',
    },
  ],
  handler: (db) => {
    const bump = db.prepare(
      'INSERT INTO progress_count VALUES (?, 1) ON CONFLICT (stream) DO UPDATE SET n = n + 1',
    );
    return (event) => void bump.run(event.stream);
  },
};
const notYetCreated: Projection = { ...progressCount, name: 'not_yet_created' };

/** A ledger with events, a caught-up projection in catch-up mode, and events since. */
function writerWithHistory(file: string): Ledger {
  const writer = await openLedger({ file });
  ledgers.push(writer);
  await writer.execute(register, { actor: 'officer' });
  await writer.execute({
    type: 'UpdateProgress',
    code: 'FP1922_02',
    effectiveOn: '2023-06-30',
    percentComplete: 20,
  });
  new ProjectionRunner(writer, [progressCount], { mode: 'catch-up' }).start();
  await writer.execute({
    type: 'UpdateProgress',
    code: 'FP1922_02',
    effectiveOn: '2023-09-30',
    percentComplete: 40,
  });
  return writer;
}

type Snapshot = Record<string, string | null>;

/** The bytes of the database file and its WAL (null when absent), by SHA-256. */
function snapshot(file: string): Snapshot {
  const digest = (path: string) =>
    existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
  return { db: digest(file), wal: digest(`${file}-wal`) };
}

function expectRefused(what: string, work: () => unknown, codes: readonly string[] = ['READ_ONLY']): void {
  let thrown: unknown;
  try {
    work();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `${what} should have been refused`).toBeInstanceOf(LedgerError);
  expect((thrown as Error).name, what).not.toBe('SqliteError');
  expect(codes, `${what}: ${(thrown as Error).message}`).toContain((thrown as LedgerError).code);
}

/** Every way to try to write through a read-only handle. */
function attemptEveryWrite(reader: Ledger, dir: string): void {
  const db = reader.store.database;
  expectRefused('execute', () => await reader.execute(comment));
  expectRefused('executeAll', () => await reader.executeAll([comment, comment]));
  expectRefused('execute with an idempotency key', () => await reader.execute(comment, { idempotencyKey: 'k-1' }));
  const pending: PendingEvent[] = [
    { type: 'CommentAdded', effectiveOn: '2023-06-30' as BusinessDate, data: { comment: 'Sneaky' } },
  ];
  expectRefused('append', () => await reader.append('action:FP1922_02', pending, { expectedVersion: 'any' }));
  expectRefused('appendMany', () => await reader.appendMany([{ stream: 'action:NEW_1', events: pending }]));
  expectRefused('store.append', () => await reader.store.append([{ stream: 'action:FP1922_02', events: pending }]));
  expectRefused('store.transaction', () => await reader.store.transaction(() => 1));
  expectRefused('store.transaction writing', () =>
    await reader.store.transaction((tx) => tx.prepare('DELETE FROM projection_checkpoints').run()),
  );
  const stop = reader.onAppend(() => {
    throw new Error('an inline hook must never run on a read-only ledger');
  });
  expectRefused('append with an inline hook', () => await reader.append('action:FP1922_02', pending));
  stop();
  expectRefused('publishReport', () =>
    await publishReport(reader, { fy: '2023/24', quarter: 1, content: 'x', format: 'md', generator: 'test@0' }),
  );

  expectRefused('ProjectionRunner.start (new projection)', () =>
    new ProjectionRunner(reader, [notYetCreated]).start(),
  );
  const runner = new ProjectionRunner(reader, [progressCount], { mode: 'catch-up' });
  expectRefused('ProjectionRunner.catchUp (behind)', () => runner.catchUp());
  expectRefused('ProjectionRunner.start (behind)', () => runner.start());
  expectRefused('ProjectionRunner.rebuild', () => runner.rebuild());
  expect(runner.status()[0]).toMatchObject({ name: 'progress_count', position: 2, head: 3 });

  expectRefused('INSERT', () =>
    db
      .prepare(
        `INSERT INTO events (position, event_id, stream, stream_version, type, schema_version, data, effective_on, recorded_at, prev_hash, hash)
         VALUES (99, 'x', 'action:X', 1, 'CommentAdded', 1, '{}', '2023-01-01', '2024-01-01T00:00:00.000000Z', 'p', 'h')`,
      )
      .run(),
  );
  expectRefused('UPDATE ledger_head', () => db.prepare('UPDATE ledger_head SET position = 0').run());
  expectRefused('DELETE', () => db.prepare('DELETE FROM ledger_meta').run());
  // Every statement that could write anywhere is refused before SQLite runs it, through
  // prepare().run()/get()/all()/iterate() and exec() alike; no file appears in the directory.
  const target = (name: string) => join(dir, name).replaceAll("'", "''");
  const again = reader.file.replaceAll("'", "''");
  for (const sql of writingStatements(target, again)) {
    expectRefused(`exec ${sql}`, () => db.exec(sql));
    expectRefused(`run ${sql}`, () => db.prepare(sql).run());
    expectRefused(`all ${sql}`, () => db.prepare(sql).all());
    expectRefused(`iterate ${sql}`, () => [...db.prepare(sql).iterate()]);
  }
  expectRefused('a script of several statements', () =>
    db.exec('PRAGMA query_only = OFF; DELETE FROM events'),
  );
  expect(readdirSync(dir).filter((name) => !name.startsWith('ledger.db'))).toEqual([]);
  // Reads, introspection and transaction control still work.
  for (const sql of readingStatements) expect(() => db.prepare(sql).all(), sql).not.toThrow();
  db.exec('SAVEPOINT reading');
  expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 3 });
  db.exec('RELEASE reading');
  // Reads still work, and so do the read-only integrity calls.
  expect(await reader.getAction('FP1922_02')?.percentComplete).toBe(40);
  expect(await verifyLedger(reader).ok).toBe(true);
  expect(await createCheckpoint(reader, generateSigningKey().privateKeyPem).size).toBe(3);
}

/** Statements that write somewhere (the ledger, another file, the connection): all refused. */
function writingStatements(target: (name: string) => string, self: string): string[] {
  return [
    `VACUUM INTO '${target('copy.db')}'`,
    `vacuum main into '${target('copy2.db')}'`,
    `/* a comment */ VaCuUm INTO '${target('copy3.db')}'`,
    'VACUUM',
    `ATTACH '${target('new.db')}' AS fresh`,
    `ATTACH 'file:${target('uri.db')}?mode=rwc' AS fresh`,
    `ATTACH '${self}' AS again`,
    'DETACH main',
    'PRAGMA query_only = OFF',
    'PRAGMA query_only=0',
    'PRAGMA user_version = 7',
    'PRAGMA main.user_version = 7',
    'PRAGMA application_id = 1',
    'PRAGMA schema_version = 9',
    'PRAGMA journal_mode = DELETE',
    'PRAGMA journal_mode(DELETE)',
    'PRAGMA wal_checkpoint(TRUNCATE)',
    'PRAGMA wal_checkpoint',
    'PRAGMA writable_schema = ON',
    'PRAGMA optimize',
    'PRAGMA incremental_vacuum',
    'PRAGMA cache_size = 10',
    'CREATE TABLE evil (x)',
    'CREATE TEMP TABLE evil (x)',
    'DROP TRIGGER events_are_append_only_delete',
    'REINDEX',
    'ANALYZE',
    "WITH doomed AS (SELECT 1) DELETE FROM ledger_meta WHERE key IN (SELECT 'origin' FROM doomed)",
    "INSERT INTO ledger_meta (key, value) VALUES ('x', 'y') RETURNING key",
    "REPLACE INTO ledger_meta (key, value) VALUES ('origin', 'forged')",
  ];
}

/** Statements that only read: allowed. */
const readingStatements = [
  'SELECT count(*) FROM events',
  'WITH e AS (SELECT position FROM events) SELECT max(position) FROM e',
  'VALUES (1)',
  '  -- a comment\n  select 1',
  'PRAGMA user_version',
  'PRAGMA main.application_id',
  'PRAGMA journal_mode',
  'PRAGMA table_info(events)',
  'PRAGMA integrity_check',
  "SELECT name FROM pragma_table_info('events')",
  'EXPLAIN QUERY PLAN SELECT * FROM events WHERE position = 1',
];

describe('openReadonlyLedger', () => {
  it('refuses every write path on a file handed over with no writer, and leaves its bytes untouched', async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    writerWithHistory(file).close();
    const before = snapshot(file);
    expect(before.wal).toBeNull();

    const reader = await openReadonlyLedger(file);
    ledgers.push(reader);
    expect(reader.readonly).toBe(true);
    attemptEveryWrite(reader, dir);
    await reader.close();

    const after = snapshot(file);
    expect(after.db).toBe(before.db);
    // SQLite may leave an empty WAL beside the file (and a -shm index); it holds no content.
    expect(after.wal === null || statSync(`${file}-wal`).size === 0).toBe(true);
    const writer = await openLedger({ file });
    ledgers.push(writer);
    expect(await writer.head().position).toBe(3);
    expect(await writer.verify().ok).toBe(true);
  });

  it('refuses every write path while a writer holds uncheckpointed changes, and changes neither file', async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    const writer = writerWithHistory(file);
    const before = snapshot(file);
    expect(before.wal).not.toBeNull();

    const reader = await openReadonlyLedger(file);
    attemptEveryWrite(reader, dir);
    await reader.close();

    expect(snapshot(file)).toEqual(before);
    expect(await writer.head().position).toBe(3);
    expect(await writer.verify().ok).toBe(true);
    // The writer is unaffected and carries on.
    expect(await writer.execute(comment).lastPosition).toBe(4);
  });

  it('cannot open a file that does not exist, and creates none', async () => {
    const dir = tempDir();
    const file = join(dir, 'missing.db');
    expectRefused('open a missing file', () => await openReadonlyLedger(file), ['STORAGE_FAILED']);
    expect(existsSync(file)).toBe(false);
  });
});
