import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../action/commands.js';
import { LedgerError } from '../errors/index.js';
import type { PendingEvent } from '../events/index.js';
import { type Ledger, openLedger, openReadonlyLedger } from '../ledger/ledger.js';
import type { Projection } from '../projections/projection.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import type { BusinessDate } from '../time/index.js';
import { createCheckpoint } from './checkpoint.js';
import { generateSigningKey } from './keys.js';
import { publishReport } from './publish-report.js';
import { verifyLedger } from './verify-with-checkpoints.js';

const dirs: string[] = [];
const ledgers: Ledger[] = [];
afterEach(() => {
  for (const ledger of ledgers.splice(0)) ledger.close();
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
  const writer = openLedger({ file });
  ledgers.push(writer);
  writer.execute(register, { actor: 'officer' });
  writer.execute({
    type: 'UpdateProgress',
    code: 'FP1922_02',
    effectiveOn: '2023-06-30',
    percentComplete: 20,
  });
  new ProjectionRunner(writer, [progressCount], { mode: 'catch-up' }).start();
  writer.execute({
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
  expectRefused('execute', () => reader.execute(comment));
  expectRefused('executeAll', () => reader.executeAll([comment, comment]));
  expectRefused('execute with an idempotency key', () => reader.execute(comment, { idempotencyKey: 'k-1' }));
  const pending: PendingEvent[] = [
    { type: 'CommentAdded', effectiveOn: '2023-06-30' as BusinessDate, data: { comment: 'Sneaky' } },
  ];
  expectRefused('append', () => reader.append('action:FP1922_02', pending, { expectedVersion: 'any' }));
  expectRefused('appendMany', () => reader.appendMany([{ stream: 'action:NEW_1', events: pending }]));
  expectRefused('store.append', () => reader.store.append([{ stream: 'action:FP1922_02', events: pending }]));
  expectRefused('store.transaction', () => reader.store.transaction(() => 1));
  expectRefused('store.transaction writing', () =>
    reader.store.transaction((tx) => tx.prepare('DELETE FROM projection_checkpoints').run()),
  );
  const stop = reader.onAppend(() => {
    throw new Error('an inline hook must never run on a read-only ledger');
  });
  expectRefused('append with an inline hook', () => reader.append('action:FP1922_02', pending));
  stop();
  expectRefused('publishReport', () =>
    publishReport(reader, { fy: '2023/24', quarter: 1, content: 'x', format: 'md', generator: 'test@0' }),
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
  expectRefused('query_only off, then DELETE', () => db.exec('PRAGMA query_only = OFF; DELETE FROM events'));
  expectRefused('query_only off, then DROP TRIGGER', () =>
    db.exec('PRAGMA query_only = OFF; DROP TRIGGER events_are_append_only_delete'),
  );
  expectRefused('CREATE TABLE', () => db.exec('PRAGMA query_only = OFF; CREATE TABLE evil (x)'));
  expectRefused('PRAGMA user_version', () => db.exec('PRAGMA query_only = OFF; PRAGMA user_version = 7'));
  expectRefused('VACUUM', () => db.exec('PRAGMA query_only = OFF; VACUUM'));
  expectRefused('REINDEX', () => db.exec('PRAGMA query_only = OFF; REINDEX'));
  expectRefused('ANALYZE', () => db.exec('PRAGMA query_only = OFF; ANALYZE'));
  const again = reader.file.replaceAll("'", "''");
  expectRefused('ATTACH the ledger again, then DELETE', () =>
    db.exec(`PRAGMA query_only = OFF; ATTACH '${again}' AS again; DELETE FROM again.events`),
  );
  db.exec('DETACH again');
  expectRefused(
    'ATTACH a new file',
    () => db.exec(`ATTACH '${join(dir, 'new.db').replaceAll("'", "''")}' AS fresh`),
    ['READ_ONLY', 'STORAGE_FAILED'],
  );
  expectRefused(
    'ATTACH a new file read-write by URI',
    () => db.exec(`ATTACH 'file:${join(dir, 'uri.db')}?mode=rwc' AS fresh`),
    ['READ_ONLY', 'STORAGE_FAILED'],
  );
  expect(existsSync(join(dir, 'new.db'))).toBe(false);
  expect(existsSync(join(dir, 'uri.db'))).toBe(false);
  // A checkpoint or a change of journal mode would rewrite the file: refused (as read-only, or as
  // busy while a writer is open), or a no-op.
  for (const pragma of ['wal_checkpoint(TRUNCATE)', 'journal_mode = DELETE']) {
    try {
      db.exec(`PRAGMA ${pragma}`);
    } catch (error) {
      expect(error, pragma).toBeInstanceOf(LedgerError);
    }
  }
  // Reads still work, and so do the read-only integrity calls.
  expect(reader.getAction('FP1922_02')?.percentComplete).toBe(40);
  expect(verifyLedger(reader).ok).toBe(true);
  expect(createCheckpoint(reader, generateSigningKey().privateKeyPem).size).toBe(3);
}

describe('openReadonlyLedger', () => {
  it('refuses every write path on a file handed over with no writer, and leaves its bytes untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    writerWithHistory(file).close();
    const before = snapshot(file);
    expect(before.wal).toBeNull();

    const reader = openReadonlyLedger(file);
    ledgers.push(reader);
    expect(reader.readonly).toBe(true);
    attemptEveryWrite(reader, dir);
    reader.close();

    const after = snapshot(file);
    expect(after.db).toBe(before.db);
    // SQLite may leave an empty WAL beside the file (and a -shm index); it holds no content.
    expect(after.wal === null || statSync(`${file}-wal`).size === 0).toBe(true);
    const writer = openLedger({ file });
    ledgers.push(writer);
    expect(writer.head().position).toBe(3);
    expect(writer.verify().ok).toBe(true);
  });

  it('refuses every write path while a writer holds uncheckpointed changes, and changes neither file', () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    const writer = writerWithHistory(file);
    const before = snapshot(file);
    expect(before.wal).not.toBeNull();

    const reader = openReadonlyLedger(file);
    attemptEveryWrite(reader, dir);
    reader.close();

    expect(snapshot(file)).toEqual(before);
    expect(writer.head().position).toBe(3);
    expect(writer.verify().ok).toBe(true);
    // The writer is unaffected and carries on.
    expect(writer.execute(comment).lastPosition).toBe(4);
  });

  it('cannot open a file that does not exist, and creates none', () => {
    const dir = tempDir();
    const file = join(dir, 'missing.db');
    expectRefused('open a missing file', () => openReadonlyLedger(file), ['STORAGE_FAILED']);
    expect(existsSync(file)).toBe(false);
  });
});
