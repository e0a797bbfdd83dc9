import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandInput, type Ledger, type Projection, verifyProjections } from '@perfledger/core';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
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

/** A running log of progress per stream: each row depends on the stream's earlier events (history). */
const progressLog: Projection = {
  name: 'progress_log',
  version: 1,
  eventTypes: ['ActionRegistered', 'ProgressUpdated'],
  history: true,
  tables: [
    {
      name: 'progress_log',
      columns: [
        { name: 'position', type: 'integer' },
        { name: 'stream', type: 'text' },
        { name: 'percent', type: 'integer', nullable: true },
        { name: 'nth', type: 'integer' },
      ],
      primaryKey: ['position'],
    },
  ],
  rows: (event, history) => {
    const nth =
      history.filter((fact) => fact.type === 'ActionRegistered' || fact.type === 'ProgressUpdated').length +
      1;
    const percent = event.type === 'ProgressUpdated' ? event.data.percentComplete : null;
    return [{ table: 'progress_log', values: [event.position, event.stream, percent, nth] }];
  },
};

/** Titles keyed by text (a scalar score beside them), and first letters seen, duplicates skipped. */
const titles: Projection = {
  name: 'titles',
  version: 1,
  eventTypes: ['ActionRegistered'],
  tables: [
    {
      name: 'titles',
      columns: [
        { name: 'title', type: 'text' },
        { name: 'code', type: 'text' },
        { name: 'score', type: 'scalar' },
      ],
      primaryKey: ['title'],
    },
    {
      name: 'titles_seen',
      columns: [
        { name: 'letter', type: 'text' },
        { name: 'position', type: 'integer' },
      ],
      primaryKey: ['letter'],
    },
  ],
  rows: (event) =>
    event.type === 'ActionRegistered'
      ? [
          {
            table: 'titles',
            values: [event.data.title, event.stream, event.position % 2 === 0 ? 2n ** 53n : 1.5],
          },
          { table: 'titles_seen', values: [Array.from(event.data.title)[0] ?? '', event.position] },
        ]
      : [],
};

const PROJECTIONS = [progressLog, titles];

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
async function ledgerFile(): Promise<string> {
  const file = join(tempDir(), 'ledger.db');
  const ledger = await openLedger({ file, projections: PROJECTIONS });
  for (const [i, title] of TITLES.entries()) await ledger.execute(register(`A${i}`, title));
  for (const [i, percent] of [10, 20, 30, 40].entries()) await ledger.execute(progress(`A${i % 3}`, percent));
  await ledger.close();
  return file;
}

function edit(file: string, sql: string): void {
  const db = new Database(file);
  db.exec(sql);
  db.close();
}

/** The database's bytes and its WAL's, by SHA-256 (SQLite may leave an empty WAL beside a file it only read). */
function digest(file: string): string {
  const of = (path: string) => {
    const bytes = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
    return bytes.length === 0 ? 'empty' : createHash('sha256').update(bytes).digest('hex');
  };
  return `${of(file)} ${of(`${file}-wal`)}`;
}

async function verify(file: string, projections = PROJECTIONS) {
  const reader = track(await openReadonlyLedger(file, { projections }));
  return verifyProjections(reader, { batchSize: 3 });
}

describe('verifyProjections', () => {
  it('passes an untouched ledger through the read-only handle, leaving the file byte for byte as it was', async () => {
    const file = await ledgerFile();
    const before = digest(file);
    const result = await verify(file);
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
    const file = await ledgerFile();
    edit(file, 'DELETE FROM progress_log WHERE position = 8');
    const [problem, ...others] = (await verify(file)).problems;
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
    const file = await ledgerFile();
    edit(file, 'UPDATE progress_log SET percent = 99 WHERE position = 9');
    const [problem] = (await verify(file)).problems;
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

  it('finds an inserted row in each table', async () => {
    const file = await ledgerFile();
    edit(
      file,
      "INSERT INTO progress_log VALUES (100, 'action:A9', 100, 1); INSERT INTO titles_seen VALUES ('q', 99)",
    );
    const problems = (await verify(file)).problems;
    expect(problems.map((p) => [p.code, p.table, p.key])).toEqual([
      ['PROJECTION_ROW_EXTRA', 'progress_log', { position: 100 }],
      ['PROJECTION_ROW_EXTRA', 'titles_seen', { letter: 'q' }],
    ]);
    expect(problems[0]?.message).toBe(
      "progress_log: the live table has a row with position = 100 (position 100, stream 'action:A9', percent 100, nth 1) that a rebuild from the log's first 10 events does not produce; it was inserted.",
    );
  });

  it('compares values exactly: an integer beyond 2^53, and a real where an integer was', async () => {
    const big = await ledgerFile();
    edit(big, `UPDATE titles SET score = ${2 ** 53} + 1 WHERE score = ${2 ** 53} AND title = 'abattoir'`);
    expect((await verify(big)).problems[0]).toMatchObject({
      code: 'PROJECTION_ROW_CHANGED',
      key: { title: 'abattoir' },
      live: { score: '9007199254740993' },
      rebuilt: { score: '9007199254740992' },
    });
    const real = await ledgerFile();
    edit(real, 'UPDATE progress_log SET nth = 1.0 WHERE position = 1');
    const db = new Database(real, { readonly: true });
    const stored = db.prepare('SELECT typeof(nth) AS t FROM progress_log WHERE position = 1').get();
    db.close();
    // STRICT keeps it an integer: then the edit changed nothing, and nothing is reported.
    expect(stored).toEqual({ t: 'integer' });
    expect((await verify(real)).problems).toEqual([]);
    const loose = await ledgerFile();
    edit(loose, "UPDATE titles SET score = '1.5' WHERE title = 'Zebra crossings'");
    expect((await verify(loose)).problems[0]).toMatchObject({
      code: 'PROJECTION_ROW_CHANGED',
      key: { title: 'Zebra crossings' },
      live: { score: '1.5' },
      rebuilt: { score: 1.5 },
    });
  });

  it('reports a projection whose checkpoint is behind the head, and still compares it at its checkpoint', async () => {
    const file = await ledgerFile();
    const writer = await openLedger({ file }); // no projections: theirs stay at 10
    await writer.execute(progress('A0', 90));
    await writer.close();
    const result = await verify(file);
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
        'it has the columns (letter, position, extra), but the projection declares (letter, position)',
      ],
      [
        'ALTER TABLE titles_seen RENAME COLUMN letter TO initial',
        'PROJECTION_TABLE_SHAPE',
        'cannot be read with the columns the projection declares (letter, position)',
      ],
    ];
    for (const [sql, code, words] of cases) {
      const file = await ledgerFile();
      edit(file, sql);
      const result = await verify(file);
      expect(result.ok, sql).toBe(false);
      expect(result.problems[0]?.code, sql).toBe(code);
      expect(result.problems[0]?.message, sql).toContain(words);
      expect(result.projections[0]?.ok, sql).toBe(true);
    }
  });

  it('repeats the check when another connection appends meanwhile, so its rows are never reported', async () => {
    const file = await ledgerFile();
    const writer = track(await openLedger({ file, projections: PROJECTIONS }));
    const reader = track(await openReadonlyLedger(file, { projections: PROJECTIONS }));
    let appended = false;
    const result = await verifyProjections(reader, {
      batchSize: 2,
      onProgress: () => {
        appended = true;
      },
    });
    expect(appended).toBe(true);
    expect(result).toMatchObject({ ok: true, head: 10 });
    let pending: Promise<unknown> | undefined;
    const moved = await verifyProjections(reader, {
      batchSize: 2,
      onProgress: () => {
        pending ??= writer.execute(register('LATE')).then(() => writer.execute(progress('A0', 95)));
      },
    });
    await pending;
    expect(moved.problems).toEqual([]);
    expect((await verifyProjections(reader)).head).toBe((await writer.head()).position);
  });

  it('passes on what a projection throws, and the handle reads on', async () => {
    const file = await ledgerFile();
    const failing: Projection = {
      ...progressLog,
      rows: () => {
        throw new Error('rows failed');
      },
    };
    const reader = track(await openReadonlyLedger(file, { projections: PROJECTIONS }));
    await expect(verifyProjections(reader, { projections: [failing] })).rejects.toThrow('rows failed');
    expect((await reader.head()).position).toBe(10);
  });

  it('refuses unknown options, naming them', async () => {
    const reader = track(await openReadonlyLedger(await ledgerFile(), { projections: PROJECTIONS }));
    await expect(verifyProjections(reader, { scratchDirectory: '/tmp' } as never)).rejects.toThrow(
      /scratchDirectory/,
    );
  });

  it('works on a writable handle too, and on an empty ledger', async () => {
    const file = await ledgerFile();
    const writer = track(await openLedger({ file, projections: PROJECTIONS }));
    expect((await verifyProjections(writer)).ok).toBe(true);
    const empty = track(await openLedger({ file: join(tempDir(), 'empty.db'), projections: [progressLog] }));
    expect(await verifyProjections(empty)).toMatchObject({ ok: true, head: 0, eventsRead: 0 });
  });
});
