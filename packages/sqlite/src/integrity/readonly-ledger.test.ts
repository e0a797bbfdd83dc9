import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BusinessDate,
  type CommandInput,
  createCheckpoint,
  generateSigningKey,
  type Ledger,
  LedgerError,
  type PendingEvent,
  type Projection,
  publishReport,
  verifyLedger,
} from '@perfledger/core';
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

/** Counts progress updates per stream: one row per update (projection tables are append-only). */
const progressCount: Projection = {
  name: 'progress_count',
  version: 1,
  eventTypes: ['ProgressUpdated'],
  tables: [
    {
      name: 'progress_count',
      columns: [
        { name: 'position', type: 'integer' },
        { name: 'stream', type: 'text' },
      ],
      primaryKey: ['position'],
    },
  ],
  rows: (event) => [{ table: 'progress_count', values: [event.position, event.stream] }],
};
const notYetCreated: Projection = {
  ...progressCount,
  name: 'not_yet_created',
  tables: [{ ...progressCount.tables[0]!, name: 'not_yet_created' }],
  rows: (event) => [{ table: 'not_yet_created', values: [event.position, event.stream] }],
};

/** A ledger with events, a caught-up projection in catch-up mode, and events since. */
async function writerWithHistory(file: string): Promise<Ledger> {
  const writer = await openLedger({ file, projections: [progressCount], projectionMode: 'catch-up' });
  ledgers.push(writer);
  await writer.execute(register, { actor: 'officer' });
  await writer.execute({
    type: 'UpdateProgress',
    code: 'FP1922_02',
    effectiveOn: '2023-06-30',
    percentComplete: 20,
  });
  await writer.projections.catchUp();
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

async function expectRefused(
  what: string,
  work: () => unknown,
  codes: readonly string[] = ['READ_ONLY'],
): Promise<void> {
  let thrown: unknown;
  try {
    await work();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `${what} should have been refused`).toBeInstanceOf(LedgerError);
  expect((thrown as Error).name, what).not.toBe('SqliteError');
  expect(codes, `${what}: ${(thrown as Error).message}`).toContain((thrown as LedgerError).code);
}

/** Every way to try to write through a read-only handle. */
async function attemptEveryWrite(reader: Ledger, dir: string): Promise<void> {
  await expectRefused('execute', () => reader.execute(comment));
  await expectRefused('executeAll', () => reader.executeAll([comment, comment]));
  await expectRefused('execute with an idempotency key', () =>
    reader.execute(comment, { idempotencyKey: 'k-1' }),
  );
  const pending: PendingEvent[] = [
    { type: 'CommentAdded', effectiveOn: '2023-06-30' as BusinessDate, data: { comment: 'Sneaky' } },
  ];
  await expectRefused('append', () => reader.append('action:FP1922_02', pending, { expectedVersion: 'any' }));
  await expectRefused('appendMany', () => reader.appendMany([{ stream: 'action:NEW_1', events: pending }]));
  await expectRefused('store.append', () =>
    reader.store.append([{ stream: 'action:FP1922_02', events: pending }]),
  );
  // A transaction that only reads is a read transaction on a read-only ledger (a stable snapshot);
  // any write inside it is refused.
  expect(await reader.store.transaction(async () => 1)).toBe(1);
  await expectRefused('store.transaction writing', () =>
    reader.store.transaction((tx) => tx.putMeta('k', 'v')),
  );
  await expectRefused('store.putMeta', () => reader.store.putMeta('k', 'v'));
  await expectRefused('store.projections.putCheckpoint', () =>
    reader.store.projections.putCheckpoint({ name: 'x', version: 1, position: 0, state: 'ready' }),
  );
  await expectRefused('store.projections.resetTables', () =>
    reader.store.projections.resetTables(notYetCreated.tables),
  );
  const stop = reader.onAppend(() => {
    throw new Error('an inline hook must never run on a read-only ledger');
  });
  await expectRefused('append with an inline hook', () => reader.append('action:FP1922_02', pending));
  stop();
  await expectRefused('publishReport', () =>
    publishReport(reader, { fy: '2023/24', quarter: 1, content: 'x', format: 'md', generator: 'test@0' }),
  );

  // The projections of a read-only ledger are read as they are: never created, caught up or rebuilt.
  const withProjections = await openReadonlyLedger(reader.location, {
    projections: [progressCount, notYetCreated],
  });
  try {
    expect(await withProjections.projections.status()).toMatchObject([
      { name: 'progress_count', position: 2, head: 3, state: 'ready' },
      { name: 'not_yet_created', position: 0, head: 3, state: 'missing' },
    ]);
    await expectRefused('projections.catchUp (behind, and one never built)', () =>
      withProjections.projections.catchUp(),
    );
    await expectRefused('projections.rebuild', () => withProjections.projections.rebuild());
    await expectRefused('projections.rebuild (one)', () =>
      withProjections.projections.rebuild(['progress_count']),
    );
    expect((await withProjections.projections.status())[0]).toMatchObject({
      name: 'progress_count',
      position: 2,
      head: 3,
    });
  } finally {
    await withProjections.close();
  }

  // The only SQL a ledger hands out is its query port: every statement that could write
  // anywhere is refused before SQLite runs it, through all(), get() and batches() alike; no
  // file appears in the directory.
  const target = (name: string) => join(dir, name).replaceAll("'", "''");
  const again = reader.location.replaceAll("'", "''");
  for (const sql of writingStatements(target, again)) {
    await expectRefused(`all ${sql}`, () => reader.query.all(sql));
    await expectRefused(`get ${sql}`, () => reader.query.get(sql));
    await expectRefused(`batches ${sql}`, async () => {
      for await (const _ of reader.query.batches(sql)) break;
    });
  }
  await expectRefused('a script of several statements', () =>
    reader.query.all('SELECT 1; PRAGMA query_only = OFF; DELETE FROM events'),
  );
  expect(readdirSync(dir).filter((name) => !name.startsWith('ledger.db'))).toEqual([]);
  // Reads still work.
  for (const sql of readingStatements) await expect(reader.query.all(sql), sql).resolves.toBeDefined();
  expect(await reader.query.get('SELECT count(*) AS n FROM events')).toEqual({ n: 3 });
  // And so do the read-only integrity calls.
  expect((await reader.getAction('FP1922_02'))?.percentComplete).toBe(40);
  expect((await verifyLedger(reader)).ok).toBe(true);
  expect((await createCheckpoint(reader, generateSigningKey().privateKeyPem)).size).toBe(3);
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

/**
 * Statements that only read, as the query port takes them: a single SELECT or WITH … SELECT.
 * (Pragmas, VALUES and EXPLAIN are refused by the port whether or not they write: read models
 * use portable SQL.)
 */
const readingStatements = [
  'SELECT count(*) FROM events',
  'WITH e AS (SELECT position FROM events) SELECT max(position) FROM e',
  '  -- a comment\n  select 1',
  "SELECT name FROM pragma_table_info('events')",
  'SELECT position FROM events WHERE position = 1',
];

describe('openReadonlyLedger', () => {
  it('refuses every write path on a file handed over with no writer, and leaves its bytes untouched', async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    await (await writerWithHistory(file)).close();
    const before = snapshot(file);
    expect(before.wal).toBeNull();

    const reader = await openReadonlyLedger(file);
    ledgers.push(reader);
    expect(reader.readonly).toBe(true);
    await attemptEveryWrite(reader, dir);
    await reader.close();

    const after = snapshot(file);
    expect(after.db).toBe(before.db);
    // SQLite may leave an empty WAL beside the file (and a -shm index); it holds no content.
    expect(after.wal === null || statSync(`${file}-wal`).size === 0).toBe(true);
    const writer = await openLedger({ file });
    ledgers.push(writer);
    expect((await writer.head()).position).toBe(3);
    expect((await writer.verify()).ok).toBe(true);
  });

  it('refuses every write path while a writer holds uncheckpointed changes, and changes neither file', async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    const writer = await writerWithHistory(file);
    const before = snapshot(file);
    expect(before.wal).not.toBeNull();

    const reader = await openReadonlyLedger(file);
    await attemptEveryWrite(reader, dir);
    await reader.close();

    expect(snapshot(file)).toEqual(before);
    expect((await writer.head()).position).toBe(3);
    expect((await writer.verify()).ok).toBe(true);
    // The writer is unaffected and carries on.
    expect((await writer.execute(comment)).lastPosition).toBe(4);
  });

  it('cannot open a file that does not exist, and creates none', async () => {
    const dir = tempDir();
    const file = join(dir, 'missing.db');
    await expectRefused('open a missing file', () => openReadonlyLedger(file), ['STORAGE_FAILED']);
    expect(existsSync(file)).toBe(false);
  });
});
