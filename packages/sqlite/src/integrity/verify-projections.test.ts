import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type CommandInput, type Ledger, type Projection, verifyProjections } from '@perfledger/core';
import { openLedger, openReadonlyLedger } from '../open-ledger.js';

const dirs: string[] = [];
const ledgers: Ledger[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-verify-projections-'));
  dirs.push(dir);
  return dir;
}

function track(ledger: Ledger): Ledger {
  ledgers.push(ledger);
  return ledger;
}

/** A running log of progress per stream: each row depends on earlier rows, like the real projections. */
const progressLog: Projection = {
  name: 'progress_log',
  version: 1,
  eventTypes: ['ActionRegistered', 'ProgressUpdated'],
  tables: [
    {
      name: 'progress_log',
      sql: 'CREATE TABLE progress_log (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, percent INTEGER, nth INTEGER NOT NULL) STRICT',
    },
  ],
  handler: (db) => {
    const count = db.prepare('SELECT count(*) AS n FROM progress_log WHERE stream = ?');
    const insert = db.prepare('INSERT INTO progress_log VALUES (?, ?, ?, ?)');
    return (event) => {
      const nth = (count.get(event.stream) as { n: number }).n + 1;
      const percent = event.type === 'ProgressUpdated' ? event.data.percentComplete : null;
      insert.run(event.position, event.stream, percent, nth);
    };
  },
};

/** Titles keyed by text, with a table without a primary key beside it. */
const titles: Projection = {
  name: 'titles',
  version: 1,
  eventTypes: ['ActionRegistered'],
  tables: [
    {
      name: 'titles',
      sql: 'CREATE TABLE titles (title TEXT PRIMARY KEY, code TEXT NOT NULL, score ANY) STRICT',
    },
    { name: 'titles_seen', sql: 'CREATE TABLE titles_seen (letter TEXT)' },
  ],
  handler: (db) => {
    const insert = db.prepare('INSERT INTO titles VALUES (?, ?, ?)');
    const seen = db.prepare('INSERT INTO titles_seen VALUES (?)');
    return (event) => {
      if (event.type !== 'ActionRegistered') return;
      insert.run(event.data.title, event.stream, event.position % 2 === 0 ? 2n ** 53n : 1.5);
      seen.run(event.data.title.slice(0, 1));
    };
  },
};

const register = (code: string, title = `Action ${code}`): CommandInput => ({
  type: 'RegisterAction',
  code,
  effectiveOn: '2023-04-01',
  title,
  plan: 'Corporate Plan 2018-23',
  directorate: 'Finance',
  section: 'Digital',
  dueDate: '2024-03-31',
  statusKey: 'rag',
});
const progress = (code: string, percentComplete: number): CommandInput => ({
  type: 'UpdateProgress',
  code,
  effectiveOn: '2023-06-30',
  percentComplete,
});

// Titles whose UTF-16 order differs from their UTF-8 (SQLite's) order: '\uFFFD' < '😀' in UTF-8 only.
const TITLES = ['Zebra crossings', 'abattoir', '\uFFFD replaced', '😀 smiles', 'Ångström', 'same'];

/** A ledger file with both projections built inline, then closed. */
function ledgerFile(): string {
  const file = join(tempDir(), 'ledger.db');
  const ledger = await openLedger({ file });
  new ProjectionRunner(ledger, [progressLog, titles]).start();
  TITLES.forEach((title, i) => {
    await ledger.execute(register(`A${i}`, title));
  });
  for (const [i, percent] of [10, 20, 30, 40].entries()) await ledger.execute(progress(`A${i % 3}`, percent));
  await ledger.close();
  return file;
}

function edit(file: string, sql: string): void {
  const db = new Database(file);
  db.exec(sql);
  await db.close();
}

/** The database's bytes and its WAL's, by SHA-256 (SQLite may leave an empty WAL beside a file it only read). */
function digest(file: string): string {
  const of = (path: string) => {
    const bytes = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
    return bytes.length === 0 ? 'empty' : createHash('sha256').update(bytes).digest('hex');
  };
  return `${of(file)} ${of(`${file}-wal`)}`;
}

function verify(file: string, projections = [progressLog, titles], scratchDirectory = tempDir()) {
  const reader = track(await openReadonlyLedger(file));
  const result = await verifyProjections(reader, projections, { scratchDirectory, batchSize: 3 });
  expect(readdirSync(scratchDirectory), 'the scratch database is removed').toEqual([]);
  return result;
}

describe('verifyProjections', () => {
  it('passes an untouched ledger through the read-only handle, leaving the file byte for byte as it was', async () => {
    const file = ledgerFile();
    const before = digest(file);
    const result = verify(file);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, head: 10, eventsRead: 10 });
    expect(result.projections.map((p) => [p.name, p.state, p.position, p.tables])).toEqual([
      ['progress_log', 'ready', 10, [{ name: 'progress_log', rows: 10, compared: true }]],
      [
        'titles',
        'ready',
        10,
        [
          { name: 'titles', rows: 6, compared: true },
          { name: 'titles_seen', rows: 6, compared: true },
        ],
      ],
    ]);
    expect(digest(file)).toBe(before);
  });

  it('finds a deleted row, naming the table, the key and the rebuilt row', async () => {
    const file = ledgerFile();
    edit(file, 'DELETE FROM progress_log WHERE position = 8');
    const [problem, ...others] = verify(file).problems;
    expect(others).toEqual([]);
    expect(problem).toMatchObject({
      code: 'PROJECTION_ROW_MISSING',
      projection: 'progress_log',
      table: 'progress_log',
      key: { position: 8 },
      rebuilt: { position: 8, stream: 'action:A1', percent: 20, nth: 2 },
    });
    expect(problem?.message).toBe(
      "progress_log: the row with position = 8 is missing from the live table, but a rebuild from the log's first 10 events has it (position 8, stream 'action:A1', percent 20, nth 2); it was deleted.",
    );
  });

  it('finds a changed value, with the live and the rebuilt value', async () => {
    const file = ledgerFile();
    edit(file, 'UPDATE progress_log SET percent = 99 WHERE position = 9');
    const [problem] = verify(file).problems;
    expect(problem).toMatchObject({
      code: 'PROJECTION_ROW_CHANGED',
      key: { position: 9 },
      live: { percent: 99 },
      rebuilt: { percent: 30 },
    });
    expect(problem?.message).toContain(
      "the row with position = 9 differs from a rebuild from the log's first 10 events: percent is 99 in the live table but 30 in the rebuild",
    );
  });

  it('finds an inserted row, and one in a table without a primary key', async () => {
    const file = ledgerFile();
    edit(
      file,
      "INSERT INTO progress_log VALUES (100, 'action:A9', 100, 1); INSERT INTO titles_seen VALUES ('s')",
    );
    const problems = verify(file).problems;
    expect(problems.map((p) => [p.code, p.table, p.key])).toEqual([
      ['PROJECTION_ROW_EXTRA', 'progress_log', { position: 100 }],
      ['PROJECTION_ROW_EXTRA', 'titles_seen', { letter: 's' }],
    ]);
    expect(problems[0]?.message).toBe(
      "progress_log: the live table has a row with position = 100 (position 100, stream 'action:A9', percent 100, nth 1) that a rebuild from the log's first 10 events does not produce; it was inserted.",
    );
  });

  it('compares values exactly: an integer beyond 2^53, and a real where an integer was', async () => {
    const big = ledgerFile();
    edit(big, `UPDATE titles SET score = ${2 ** 53} + 1 WHERE score = ${2 ** 53} AND title = 'abattoir'`);
    expect(verify(big).problems[0]).toMatchObject({
      code: 'PROJECTION_ROW_CHANGED',
      key: { title: 'abattoir' },
      live: { score: '9007199254740993' },
      rebuilt: { score: '9007199254740992' },
    });
    const real = ledgerFile();
    edit(real, 'UPDATE progress_log SET nth = 1.0 WHERE position = 1');
    const db = new Database(real, { readonly: true });
    const stored = db.prepare('SELECT typeof(nth) AS t FROM progress_log WHERE position = 1').get();
    await db.close();
    // STRICT keeps it an integer: then the edit changed nothing, and nothing is reported.
    expect(stored).toEqual({ t: 'integer' });
    expect(verify(real).problems).toEqual([]);
    const loose = ledgerFile();
    edit(loose, "UPDATE titles SET score = '1.5' WHERE title = 'Zebra crossings'");
    expect(verify(loose).problems[0]).toMatchObject({
      code: 'PROJECTION_ROW_CHANGED',
      key: { title: 'Zebra crossings' },
      live: { score: '1.5' },
      rebuilt: { score: 1.5 },
    });
  });

  it('reports a projection whose checkpoint is behind the head, and still compares it at its checkpoint', async () => {
    const file = ledgerFile();
    const writer = await openLedger({ file });
    await writer.execute(progress('A0', 90)); // no runner attached: the projections stay at 10
    await writer.close();
    const result = verify(file);
    expect(result.problems.map((p) => p.code)).toEqual(['PROJECTION_BEHIND', 'PROJECTION_BEHIND']);
    expect(result.problems[0]?.message).toBe(
      'Projection progress_log is at position 10, behind the head at 11: it lacks the last 1 events. Catch it up with `perfledger rebuild`.',
    );
    expect(result.projections[0]?.tables).toEqual([{ name: 'progress_log', rows: 10, compared: true }]);
  });

  it('reports a missing, outdated, interrupted or over-claiming checkpoint, and a missing or reshaped table', async () => {
    const cases: [string, string, string][] = [
      ["DELETE FROM projection_checkpoints WHERE name = 'titles'", 'PROJECTION_MISSING', 'has no checkpoint'],
      [
        "UPDATE projection_checkpoints SET version = 7 WHERE name = 'titles'",
        'PROJECTION_OUTDATED',
        'version 7',
      ],
      [
        "UPDATE projection_checkpoints SET state = 'rebuilding' WHERE name = 'titles'",
        'PROJECTION_REBUILDING',
        'part way through a rebuild',
      ],
      [
        "UPDATE projection_checkpoints SET position = 12 WHERE name = 'titles'",
        'PROJECTION_AHEAD',
        'beyond the head',
      ],
      ['DROP TABLE titles_seen', 'PROJECTION_TABLE_MISSING', 'titles_seen is missing'],
      [
        'ALTER TABLE titles_seen ADD COLUMN extra TEXT',
        'PROJECTION_TABLE_SHAPE',
        '(letter TEXT, extra TEXT)',
      ],
    ];
    for (const [sql, code, words] of cases) {
      const file = ledgerFile();
      edit(file, sql);
      const result = verify(file);
      expect(result.ok, sql).toBe(false);
      expect(result.problems[0]?.code, sql).toBe(code);
      expect(result.problems[0]?.message, sql).toContain(words);
      expect(result.projections[0]?.ok, sql).toBe(true);
    }
  });

  it('reads one snapshot: appends made by another connection meanwhile are not seen', async () => {
    const file = ledgerFile();
    const writer = track(await openLedger({ file }));
    new ProjectionRunner(writer, [progressLog, titles]).start();
    const reader = track(await openReadonlyLedger(file));
    let appended = false;
    const result = await verifyProjections(reader, [progressLog, titles], {
      batchSize: 2,
      scratchDirectory: tempDir(),
      onProgress: () => {
        if (appended) return;
        appended = true;
        await writer.execute(register('LATE'));
        await writer.execute(progress('A0', 95));
      },
    });
    expect(appended).toBe(true);
    expect(result).toMatchObject({ ok: true, head: 10 });
    expect(await writer.head().position).toBe(12);
    expect(await verifyProjections(reader, [progressLog, titles]).head).toBe(12);
  });

  it('removes the scratch database when the rebuild throws', async () => {
    const file = ledgerFile();
    const scratchDirectory = tempDir();
    const failing: Projection = {
      ...progressLog,
      handler: () => () => {
        throw new Error('handler failed');
      },
    };
    const reader = track(await openReadonlyLedger(file));
    expect(() => await verifyProjections(reader, [failing], { scratchDirectory })).toThrow('handler failed');
    expect(readdirSync(scratchDirectory)).toEqual([]);
    // The snapshot was released: the handle reads on.
    expect(await reader.head().position).toBe(10);
  });

  it('works on a writable handle too, and on an empty ledger', async () => {
    const file = ledgerFile();
    const writer = track(await openLedger({ file }));
    expect(await verifyProjections(writer, [progressLog, titles]).ok).toBe(true);
    const empty = track(await openLedger({ file: join(tempDir(), 'empty.db') }));
    new ProjectionRunner(empty, [progressLog]).start();
    expect(await verifyProjections(empty, [progressLog])).toMatchObject({ ok: true, head: 0, eventsRead: 0 });
  });
});
