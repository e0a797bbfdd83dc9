import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandInput, Ledger } from '@perfledger/core';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, openReadonlyLedger } from './open-ledger.js';
import { SCHEMA_VERSION } from './schema.js';

const dirs: string[] = [];
const ledgers: Ledger[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-migration-'));
  dirs.push(dir);
  return join(dir, 'ledger.db');
}

function track(ledger: Ledger): Ledger {
  ledgers.push(ledger);
  return ledger;
}

const register = (code: string): CommandInput => ({
  type: 'RegisterAction',
  code,
  effectiveOn: '2023-04-01',
  title: `Action ${code}`,
  plan: 'Corporate Plan 2018-23',
  directorate: 'Finance',
  section: 'Digital',
  dueDate: '2024-03-31',
  statusKey: 'rag',
});

/** SHA-256 of the database file and of its WAL (null when absent). */
function digest(file: string): { db: string; wal: string | null } {
  const of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  return { db: of(file), wal: existsSync(`${file}-wal`) ? of(`${file}-wal`) : null };
}

/**
 * A ledger file exactly as schema version 1 left it: the `idempotency_keys` table (with a row
 * per key an append used), no `events_by_idempotency_key` or `events_by_stream_key` index, no
 * `events_are_append_only_replace` trigger, no `merkle_nodes`, `user_version` 1. Built from a
 * current file by undoing migrations 4, 3 and 2, so its events are a real chain.
 */
async function schema1File(extraKeys: readonly string[] = []): Promise<string> {
  const file = newFile();
  const ledger = await openLedger({ file });
  await ledger.execute(register('A1'), { idempotencyKey: 'import:q1.csv' });
  await ledger.executeAll([register('A2'), register('A3')], { idempotencyKey: 'import:q2.csv' });
  await ledger.close();
  const db = new Database(file);
  db.exec(`
    DROP TABLE merkle_nodes;
    DROP INDEX events_by_stream_key;
    DROP TRIGGER events_are_append_only_replace;
    DROP INDEX events_by_idempotency_key;
    CREATE TABLE idempotency_keys (
      key TEXT PRIMARY KEY,
      first_position INTEGER NOT NULL,
      last_position INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    INSERT INTO idempotency_keys
      SELECT idempotency_key, min(position), max(position) FROM events
      WHERE idempotency_key IS NOT NULL GROUP BY idempotency_key;
  `);
  // Version 1 remembered keys of appends that wrote nothing (positions 0), and anyone with write
  // access could add a row: the attack is a future file's key, pre-inserted.
  const remember = db.prepare('INSERT INTO idempotency_keys VALUES (?, 0, 0)');
  for (const key of extraKeys) remember.run(key);
  db.pragma('user_version = 1');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

function tablesOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
  } finally {
    db.close();
  }
}

function userVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('schema versions 2 and 3: idempotency derived from the chain, streams found ignoring case', () => {
  it('a new ledger has the indexes on events.idempotency_key and the stream key, and no idempotency_keys table', async () => {
    const file = newFile();
    await track(await openLedger({ file })).execute(register('A1'));
    const tables = tablesOf(file);
    expect(tables).toContain('events_by_idempotency_key');
    expect(tables).toContain('events_by_stream_key');
    expect(tables).not.toContain('idempotency_keys');
    expect(userVersion(file)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(4);
  });

  it('a writer migrates a version-1 file on open, in one step, keeping every event and replay', async () => {
    const file = await schema1File();
    const ledger = track(await openLedger({ file }));
    expect(userVersion(file)).toBe(SCHEMA_VERSION);
    const tables = tablesOf(file);
    expect(tables).toContain('events_by_idempotency_key');
    expect(tables).toContain('events_by_stream_key');
    expect(tables).not.toContain('idempotency_keys');
    expect(await ledger.verify()).toMatchObject({ ok: true, count: 3 });
    // Replays return the first append's positions, now found in the chain.
    expect(await ledger.execute(register('A1'), { idempotencyKey: 'import:q1.csv' })).toMatchObject({
      firstPosition: 1,
      lastPosition: 1,
      replayed: true,
    });
    expect(
      await ledger.executeAll([register('A2'), register('A3')], { idempotencyKey: 'import:q2.csv' }),
    ).toMatchObject({ firstPosition: 2, lastPosition: 3, replayed: true });
  });

  it('a writer migrates a version-2 file by adding the stream-key index and the replace trigger, and finds streams ignoring case', async () => {
    const file = newFile();
    const first = await openLedger({ file });
    await first.execute(register('DC02'));
    await first.close();
    const db = new Database(file);
    db.exec(
      'DROP TABLE merkle_nodes; DROP INDEX events_by_stream_key; DROP TRIGGER events_are_append_only_replace',
    );
    db.pragma('user_version = 2');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const ledger = track(await openLedger({ file }));
    expect(userVersion(file)).toBe(SCHEMA_VERSION);
    expect(tablesOf(file)).toContain('events_by_stream_key');
    const raw = new Database(file, { readonly: true });
    const triggers = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all();
    raw.close();
    expect(triggers).toContain('events_are_append_only_replace');
    expect(await ledger.resolveActionCode('dc02')).toBe('DC02');
    expect(await ledger.verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('a migration that fails leaves the file at version 1, untouched', async () => {
    const file = await schema1File();
    const db = new Database(file);
    // An object in the way of migration 2: its CREATE INDEX fails, so the whole upgrade must roll back.
    db.exec('CREATE INDEX events_by_idempotency_key ON events (stream)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = digest(file).db;
    await expect(openLedger({ file })).rejects.toThrow(
      expect.objectContaining({
        code: 'STORAGE_FAILED',
        message: expect.stringMatching(
          /from schema version 1 to 4 failed.*already exists.*still at version 1/,
        ),
      }),
    );
    expect(userVersion(file)).toBe(1);
    expect(tablesOf(file)).toContain('idempotency_keys');
    expect(digest(file).db).toBe(before);
  });

  it('a read-only handle reads a version-1 file as it is, and neither migrates nor changes it', async () => {
    const file = await schema1File();
    const before = digest(file);
    const reader = track(await openReadonlyLedger(file));
    expect(await reader.verify()).toMatchObject({ ok: true, count: 3 });
    expect((await reader.getActions()).map((action) => action.code)).toEqual(['A1', 'A2', 'A3']);
    expect(await reader.store.replayed('import:q2.csv')).toMatchObject({ firstPosition: 2, lastPosition: 3 });
    await expect(reader.execute(register('A4'))).rejects.toThrow(
      expect.objectContaining({ code: 'READ_ONLY' }),
    );
    ledgers.pop();
    await reader.close();
    expect(userVersion(file)).toBe(1);
    expect(tablesOf(file)).toContain('idempotency_keys');
    const after = digest(file);
    expect(after.db).toBe(before.db);
    expect(after.wal === null || readFileSync(`${file}-wal`).length === 0).toBe(true);
  });
});

describe('the forged-key attack: no unchained table can suppress an append', () => {
  it("a future file's key pre-inserted into a version-1 idempotency_keys no longer suppresses its import", async () => {
    const file = await schema1File(['import:q3.csv']);
    const ledger = track(await openLedger({ file }));
    const result = await ledger.execute(register('A4'), { idempotencyKey: 'import:q3.csv' });
    expect(result).toMatchObject({ replayed: false, firstPosition: 4, lastPosition: 4 });
    expect((await ledger.getAction('A4'))?.title).toBe('Action A4');
  });

  it('an idempotency_keys table re-created in a version-2 file is never read', async () => {
    const file = newFile();
    await track(await openLedger({ file })).execute(register('A1'), { idempotencyKey: 'import:q1.csv' });
    await ledgers.pop()?.close();
    const db = new Database(file);
    db.exec(`CREATE TABLE idempotency_keys (key TEXT PRIMARY KEY, first_position INTEGER, last_position INTEGER);
             INSERT INTO idempotency_keys VALUES ('import:q2.csv', 1, 1), ('import:q1.csv', 0, 0);`);
    db.close();
    const ledger = track(await openLedger({ file }));
    expect(await ledger.execute(register('A2'), { idempotencyKey: 'import:q2.csv' })).toMatchObject({
      replayed: false,
      firstPosition: 2,
    });
    // …and a key the chain holds still replays, whatever the table says.
    expect(await ledger.execute(register('A1'), { idempotencyKey: 'import:q1.csv' })).toMatchObject({
      replayed: true,
      firstPosition: 1,
      lastPosition: 1,
    });
  });
});
