import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, ledgerBytes, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'examples', 'quarterly', 'data');
const bin = join(import.meta.dirname, '..', 'bin', 'perfledger.js');

let dir: string;
const { run, out, err } = cliHarness(() => dir);

const dbBytes = (): Buffer => ledgerBytes(join(dir, 'perfledger.db'));

async function importYear(): Promise<void> {
  expect(
    await run('import', join(fixtures, '2019-20-q1.csv'), '--as-of', '2019-06-30', '--status-key', 'pentana'),
  ).toBe(0);
  expect(
    await run('import', join(fixtures, '2019-20-q2.csv'), '--as-of', '2019-09-30', '--status-key', 'pentana'),
  ).toBe(0);
}

beforeEach(() => {
  dir = makeTempDir('perfledger-cli-');
});
afterEach(() => removeTempDir(dir));

describe('perfledger CLI', () => {
  it('imports a snapshot, and importing it again appends nothing', async () => {
    expect(
      await run(
        'import',
        join(fixtures, '2019-20-q1.csv'),
        '--as-of',
        '2019-06-30',
        '--status-key',
        'pentana',
      ),
    ).toBe(0);
    expect(out()).toMatch(
      /15 new actions, 61 events appended, 15 rows changed, 0 rows unchanged\.\nReturn 2019\/20 Q1: 15 statements recorded\./,
    );
    expect(
      await run(
        'import',
        join(fixtures, '2019-20-q1.csv'),
        '--as-of',
        '2019-06-30',
        '--status-key',
        'pentana',
        '--format',
        'json',
      ),
    ).toBe(0);
    expect(JSON.parse(out())).toMatchObject({ eventsAppended: 0, replayed: true });
    expect(err()).toBe(''); // no progress bar when output is not a terminal
  });

  it('refuses a bad snapshot with exit 1, naming every problem, and writes nothing', async () => {
    await importYear();
    const before = dbBytes();
    expect(
      await run(
        'import',
        join(fixtures, '2019-20-q3-draft.csv'),
        '--as-of',
        '2019-12-31',
        '--status-key',
        'pentana',
      ),
    ).toBe(1);
    expect(err()).toMatch(/SNAPSHOT_INVALID/);
    expect(err()).toMatch(/row 4, percent_complete: '160%'/);
    expect(err()).toMatch(/31-Apr-2020/);
    expect(err()).toMatch(/'Amber'/);
    expect(dbBytes().equals(before)).toBe(true);
  });

  it('exits 2 on usage errors, with a message', async () => {
    expect(await run('import', 'x.csv')).toBe(2);
    expect(err()).toMatch(/--as-of/);
    expect(await run('import', 'x.csv', '--as-of', '2023-02-29')).toBe(2);
    expect(err()).toMatch(/'2023-02-29' is not a real date: February 2023 has 28 days/);
    expect(await run('report', 'quarter', '--fy', '2023/24', '--quarter', '5')).toBe(2);
    expect(await run('report', 'quarter', '--fy', '2023/24', '--quarter', '3', '--format', 'pdf')).toBe(2);
    expect(await run('nonsense')).toBe(2);
    expect(await run('slippage', '--known-at', 'last tuesday')).toBe(2);
  });

  it('has --help on every command', async () => {
    for (const command of [
      [],
      ['import'],
      ['report'],
      ['report', 'quarter'],
      ['report', 'reproduce'],
      ['slippage'],
      ['trail'],
      ['explain'],
      ['verify'],
      ['rebuild'],
      ['keygen'],
      ['checkpoint'],
    ]) {
      expect(await run(...command, '--help')).toBe(0);
      expect(out()).toMatch(/^Usage: perfledger/);
    }
  });

  it('a query on a missing ledger is a data error that says how to create one', async () => {
    expect(await run('slippage')).toBe(1);
    expect(err()).toMatch(/There is no ledger/);
  });

  it('prints the documented JSON formats', async () => {
    await importYear();
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '2', '--format', 'json')).toBe(0);
    const report = JSON.parse(out());
    expect(report).toMatchObject({ fy: '2019/20', quarter: 2, basis: { kind: 'now' } });
    expect(Object.values(report.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      report.items.length,
    );
    expect(Object.values(report.derivedCounts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      report.items.length,
    );
    expect(report.items.find((i: { code: string }) => i.code === 'DEM1518_02')).toMatchObject({
      code: 'DEM1518_02',
      status: 'In Progress',
      percentComplete: 5,
      dueDate: '2020-12-31',
    });

    expect(await run('slippage', '--format', 'json')).toBe(0);
    const moved = JSON.parse(out()).find((a: { code: string }) => a.code === 'DEM1518_02');
    expect(moved).toMatchObject({
      originalDueDate: '2019-06-30',
      currentDueDate: '2020-12-31',
      revisionCount: 1,
      daysSlipped: 550,
    });
    expect(moved.revisions[0]).toMatchObject({
      from: '2019-06-30',
      to: '2020-12-31',
      reason: 'Due date revised from June 2019.',
    });

    expect(await run('trail', 'DEM1518_02', '--field', 'dueDate', '--format', 'json')).toBe(0);
    expect(
      JSON.parse(out()).map((r: { before: string | null; after: string }) => [r.before, r.after]),
    ).toEqual([
      [null, '2019-06-30'],
      ['2019-06-30', '2020-12-31'],
    ]);

    expect(await run('explain', 'DEM1518_02')).toBe(0);
    expect(out()).toMatch(/moved from 30 Jun 2019 to 31 Dec 2020/);
    expect(out()).toMatch(/Reason: Due date revised from June 2019\./);
  });

  it('renders csv, md and html, to a file with --out', async () => {
    await importYear();
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '2', '--format', 'csv')).toBe(0);
    expect(out().split('\r\n')[0]).toMatch(/^code,title,status,derived_status,percent_complete,due_date/);
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '2',
        '--format',
        'md',
        '--by',
        'section',
      ),
    ).toBe(0);
    expect(out()).toMatch(/^# Quarter-end report 2019\/20 Q2/);
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '2',
        '--format',
        'html',
        '--out',
        'q2.html',
      ),
    ).toBe(0);
    const html = readFileSync(join(dir, 'q2.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('DEM1518_02');
  });

  it('query commands never modify the database', async () => {
    await importYear();
    const before = dbBytes();
    for (const args of [
      ['report', 'quarter', '--fy', '2019/20', '--quarter', '2'],
      ['slippage'],
      ['trail'],
      ['explain', 'FP1922_03'],
      ['verify'],
      ['report', 'list'],
    ]) {
      expect(await run(...args)).toBe(0);
    }
    expect(dbBytes().equals(before)).toBe(true);
  });

  it('publishes a report that reproduces byte for byte after later, unrelated events; restatements list what changed', async () => {
    await importYear();
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '2',
        '--format',
        'html',
        '--publish',
        '--allow-unapproved',
        '--out',
        'q2.html',
      ),
    ).toBe(0);
    const id = /as report ([0-9a-f-]{36})/.exec(err())![1]!;
    expect(
      await run(
        'import',
        join(fixtures, '2019-20-q3.csv'),
        '--as-of',
        '2019-12-31',
        '--status-key',
        'pentana',
      ),
    ).toBe(0);
    expect(await run('report', 'reproduce', id, '--out', 'again.html')).toBe(0);
    expect(out()).toMatch(/matches/);
    expect(readFileSync(join(dir, 'again.html')).equals(readFileSync(join(dir, 'q2.html')))).toBe(true);

    expect(await run('report', 'restatement', id, '--format', 'json')).toBe(0);
    expect(JSON.parse(out()).items).toEqual([]);
    expect(
      await run(
        'import',
        join(fixtures, '2019-20-q2-correction.csv'),
        '--as-of',
        '2019-09-30',
        '--status-key',
        'pentana',
      ),
    ).toBe(0);
    expect(await run('report', 'restatement', id, '--format', 'json')).toBe(0);
    expect(JSON.parse(out()).items.map((i: { code: string }) => i.code)).toEqual(['FP1922_03']);
    // The published report still reproduces: it is pinned to the position it was based on.
    expect(await run('report', 'reproduce', id)).toBe(0);
  });

  it('verify fails with exit 1 on a tampered ledger, and a signed checkpoint catches a truncated tail', async () => {
    await importYear();
    expect(await run('keygen', '.', '--name', 'auditor')).toBe(0);
    expect(await run('checkpoint', '--key', 'auditor.key', '--out', 'cp.json')).toBe(0);
    expect(await run('verify', '--checkpoint', 'cp.json', '--public-key', 'auditor.pub')).toBe(0);

    const raw = new Database(join(dir, 'perfledger.db'));
    raw.exec('DROP TRIGGER events_are_append_only_delete');
    raw.exec('DELETE FROM events WHERE position > 60');
    raw.exec('UPDATE ledger_head SET position = 60, hash = (SELECT hash FROM events WHERE position = 60)');
    raw.close();
    expect(await run('verify')).toBe(0); // the chain alone cannot see a cleanly cut tail…
    expect(await run('verify', '--checkpoint', 'cp.json', '--public-key', 'auditor.pub')).toBe(1); // …the checkpoint can
    expect(err()).toMatch(/LOG_TRUNCATED/);

    const copy = join(dir, 'edited.db');
    copyFileSync(join(dir, 'perfledger.db'), copy);
    const edit = new Database(copy);
    edit.exec('DROP TRIGGER events_are_append_only_update');
    edit.exec("UPDATE events SET actor = 'mallory' WHERE position = 10");
    edit.close();
    expect(await run('verify', '--db', copy)).toBe(1);
    expect(err()).toMatch(/hash-mismatch at position 10/);
  });

  it('rebuilds projections on request', async () => {
    await importYear();
    expect(await run('rebuild')).toBe(0);
    expect(out()).toMatch(/Rebuilt quarter_end, slippage, audit, indicators from \d+ events/);
    expect(await run('rebuild', 'nonsense')).toBe(2);
  });

  it('runs as an installed bin', () => {
    const result = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
