import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LedgerError, StorageError } from '@perfledger/core';
import { importIdempotencyKey, importSnapshot } from '@perfledger/import';
import { openLedger, openReadonlyLedger } from '@perfledger/sqlite';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runUnchainedTableAttacks } from './scenarios/unchained-tables.js';
import { databaseBytes, makeTempDir, removeDir, sameBytes } from './support/database-files.js';

// The attacks of issue 11 on what lies outside the hash chain, kept as regression tests.

const repository = join(import.meta.dirname, '..', '..');
const cli = join(repository, 'packages', 'cli', 'bin', 'perfledger.js');
const fixtures = join(repository, 'examples', 'quarterly', 'data');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});
function tempDir(): string {
  const dir = makeTempDir('perfledger-unchained-test-');
  dirs.push(dir);
  return dir;
}

/** Runs the real `perfledger` binary in `dir`. */
function perfledger(
  dir: string,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function importQuarters(dir: string, ...files: [string, string][]): void {
  for (const [file, asOf] of files) {
    const run = perfledger(dir, 'import', join(fixtures, file), '--as-of', asOf, '--status-key', 'pentana');
    expect(run.status, run.stderr).toBe(0);
  }
}

describe('a deleted audit_trail row (a correction hidden from trail and explain)', () => {
  it('passes plain verify, but verify --projections finds it, naming table, key and row; the file is unchanged', () => {
    const dir = tempDir();
    importQuarters(
      dir,
      ['2019-20-q1.csv', '2019-06-30'],
      ['2019-20-q2.csv', '2019-09-30'],
      ['2019-20-q2-correction.csv', '2019-09-30'],
    );
    const file = join(dir, 'perfledger.db');
    const db = new Database(file);
    const hidden = db
      .prepare(
        "SELECT position, seq, code, field FROM audit_trail WHERE source LIKE '%correction%' ORDER BY position DESC LIMIT 1",
      )
      .get() as { position: number; seq: number; code: string; field: string } | undefined;
    expect(hidden, 'the correction import wrote audit rows').toBeDefined();
    db.prepare('DELETE FROM audit_trail WHERE position = ? AND seq = ?').run(hidden!.position, hidden!.seq);
    db.close();
    const before = databaseBytes(file);
    expect(perfledger(dir, 'verify').status).toBe(0);
    const verified = perfledger(dir, 'verify', '--projections');
    expect(verified.status).toBe(1);
    expect(verified.stderr).toContain(
      `[PROJECTION_ROW_MISSING] audit_trail: the row with position = ${hidden!.position}, seq = ${hidden!.seq} is missing from the live table`,
    );
    expect(verified.stderr).toContain(`code '${hidden!.code}', field '${hidden!.field}'`);
    expect(sameBytes(before, databaseBytes(file))).toBe(true);
  });
});

describe("a future file's idempotency key planted in an unchained table", () => {
  /** The key `importSnapshot` will use for the Q2 file. */
  const q2Key = () =>
    importIdempotencyKey({
      content: readFileSync(join(fixtures, '2019-20-q2.csv'), 'utf8'),
      format: 'csv',
      asOf: '2019-09-30',
      statusKey: 'pentana',
      plan: undefined,
      actor: undefined,
    });

  it('no longer makes the real import print "Already imported": a schema-1 file with the row, migrated on open', async () => {
    const dir = tempDir();
    importQuarters(dir, ['2019-20-q1.csv', '2019-06-30']);
    const file = join(dir, 'perfledger.db');
    const db = new Database(file);
    // The file as schema 1 left it, with the attacker's row pointing at real events.
    db.exec(`DROP TABLE merkle_nodes;
             DROP TABLE personal_data;
             DROP TABLE personal_data_erased;
             DROP INDEX events_by_stream_key;
             DROP TRIGGER IF EXISTS events_are_append_only_replace;
             DROP INDEX events_by_idempotency_key;
      CREATE TABLE idempotency_keys (key TEXT PRIMARY KEY, first_position INTEGER NOT NULL, last_position INTEGER NOT NULL) STRICT, WITHOUT ROWID;`);
    db.prepare('INSERT INTO idempotency_keys VALUES (?, 1, 1)').run(q2Key());
    db.pragma('user_version = 1');
    db.close();
    const reader = await openReadonlyLedger(file);
    const head = (await reader.head()).position;
    await reader.close();
    const ledger = await openLedger({ file });
    try {
      const report = await importSnapshot(
        ledger,
        { file: join(fixtures, '2019-20-q2.csv') },
        { asOf: '2019-09-30', statusKey: 'pentana' },
      );
      expect(report).toMatchObject({ replayed: false, firstPosition: head + 1 });
      expect(report.eventsAppended).toBeGreaterThan(0);
      expect(report.idempotencyKey).toBe(q2Key());
    } finally {
      await ledger.close();
    }
  });

  it('no longer suppresses it through the CLI: an idempotency_keys table planted in a schema-2 file is never read', () => {
    const dir = tempDir();
    importQuarters(dir, ['2019-20-q1.csv', '2019-06-30']);
    const file = join(dir, 'perfledger.db');
    const db = new Database(file);
    db.exec(
      'CREATE TABLE idempotency_keys (key TEXT PRIMARY KEY, first_position INTEGER, last_position INTEGER)',
    );
    db.prepare('INSERT INTO idempotency_keys VALUES (?, 1, 1)').run(q2Key());
    db.close();
    const run = perfledger(
      dir,
      'import',
      join(fixtures, '2019-20-q2.csv'),
      '--as-of',
      '2019-09-30',
      '--status-key',
      'pentana',
      '--format',
      'json',
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { replayed: boolean; eventsAppended: number };
    expect(report.replayed).toBe(false);
    expect(report.eventsAppended).toBeGreaterThan(0);
    // And the real replay still works, from the chain.
    const again = perfledger(
      dir,
      'import',
      join(fixtures, '2019-20-q2.csv'),
      '--as-of',
      '2019-09-30',
      '--status-key',
      'pentana',
      '--format',
      'json',
    );
    expect(JSON.parse(again.stdout)).toMatchObject({ replayed: true, eventsAppended: 0 });
  });
});

describe('VACUUM INTO through the read-only handle', () => {
  it('is refused with READ_ONLY before it runs, and writes no file (it used to copy the ledger)', async () => {
    const dir = tempDir();
    importQuarters(dir, ['2019-20-q1.csv', '2019-06-30']);
    const file = join(dir, 'perfledger.db');
    const before = databaseBytes(file);
    const reader = await openReadonlyLedger(file);
    const copy = join(dir, 'copy.db');
    try {
      for (const attempt of [
        () => reader.query.all(`VACUUM INTO '${copy}'`),
        () => reader.query.get(`VACUUM INTO '${copy}'`),
        () => reader.query.all(`ATTACH '${join(dir, 'other.db')}' AS other`),
        () => reader.query.get('PRAGMA query_only = OFF'),
      ]) {
        let thrown: unknown;
        try {
          await attempt();
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(StorageError);
        expect((thrown as LedgerError).code).toBe('READ_ONLY');
      }
      expect((await reader.getActions()).length).toBeGreaterThan(0);
    } finally {
      await reader.close();
    }
    expect(existsSync(copy)).toBe(false);
    expect(existsSync(join(dir, 'other.db'))).toBe(false);
    expect(sameBytes(before, databaseBytes(file))).toBe(true);
  });
});

describe('random attacks on the tables outside the chain', () => {
  it('every single-row edit of a projection table is found, and no planted key suppresses an append', async () => {
    const report = await runUnchainedTableAttacks({ edits: 12, forgedKeys: 5, events: 400, seed: 61 });
    expect(report.problems).toEqual([]);
    expect(report.edits).toBeGreaterThan(8);
    expect(report.found).toBe(report.edits);
    expect(report.forgedKeysIgnored).toBe(5);
    expect(report.rows).toBeGreaterThan(400);
  });
});
