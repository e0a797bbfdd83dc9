import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// Issue 14, "Spreadsheets": --format xlsx for the quarter report, slippage and the trail, read
// back with the same library, on a real ledger built from the demo's snapshots.
const fixtures = join(import.meta.dirname, '..', '..', '..', 'examples', 'quarterly', 'data');

let dir: string;
const { run, out, err } = cliHarness(() => dir);

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(join(dir, file)) as unknown as ArrayBuffer);
  return book;
}

/** Heading → 1-based column of a sheet's header row. */
function columnsOf(sheet: ExcelJS.Worksheet): Map<string, number> {
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, n) => columns.set(String(cell.value), n));
  return columns;
}

beforeAll(async () => {
  dir = makeTempDir('perfledger-xlsx-');
  for (const [file, asOf] of [
    ['2019-20-q1.csv', '2019-06-30'],
    ['2019-20-q2.csv', '2019-09-30'],
  ] as const) {
    expect(await run('import', join(fixtures, file), '--as-of', asOf, '--status-key', 'pentana')).toBe(0);
  }
});
afterAll(() => removeTempDir(dir));

describe('--format xlsx', () => {
  it('writes the quarter report as one sheet per table with typed cells', async () => {
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '2',
        '--by',
        'plan',
        '--format',
        'xlsx',
        '--out',
        'q2.xlsx',
      ),
    ).toBe(0);
    expect(err()).toContain('Wrote ');
    const book = await workbook('q2.xlsx');
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      'Report',
      'Reported status',
      'Derived status',
      'By plan',
      'Actions',
      'Sign-off',
      'Disagreements',
    ]);
    for (const sheet of book.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter, sheet.name).toMatch(/^A1:[A-Z]+1$/);
    }
    const about = book.getWorksheet('Report')!;
    expect(about.getRow(2).values).toEqual([undefined, 'Financial year', '2019/20']);
    expect(about.getRow(5).getCell(2).type).toBe(ExcelJS.ValueType.String);
    // The same figures as the JSON report.
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '2',
        '--format',
        'json',
        '--out',
        'q2.json',
      ),
    ).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'q2.json'), 'utf8')) as {
      total: number;
      counts: Record<string, number>;
      items: { code: string; dueDate: string; percentComplete: number | null }[];
    };
    const counts = book.getWorksheet('Reported status')!;
    const statuses = Object.entries(json.counts);
    statuses.forEach(([status, count], i) => {
      const row = counts.getRow(i + 2);
      expect(row.getCell(1).value).toBe(status);
      expect(row.getCell(2).value).toBe(count);
      expect(row.getCell(3).value).toBeCloseTo(count / json.total, 10);
      expect(row.getCell(3).numFmt).toBe('0%');
    });
    const total = counts.getRow(statuses.length + 2);
    expect([total.getCell(1).value, total.getCell(2).value]).toEqual(['Total', json.total]);
    const byPlan = book.getWorksheet('By plan')!;
    const last = byPlan.getRow(byPlan.rowCount);
    expect(last.getCell(1).value).toBe('TOTAL');
    expect(last.getCell(columnsOf(byPlan).get('Total')!).value).toBe(json.total);

    const actions = book.getWorksheet('Actions')!;
    const col = columnsOf(actions);
    expect(actions.rowCount).toBe(json.items.length + 1);
    json.items.forEach((item, i) => {
      const row = actions.getRow(i + 2);
      expect(row.getCell(col.get('Action')!).value).toBe(item.code);
      const due = row.getCell(col.get('Due')!);
      expect(due.type).toBe(ExcelJS.ValueType.Date);
      expect((due.value as Date).toISOString().slice(0, 10)).toBe(item.dueDate);
      expect(due.numFmt).toBe('yyyy-mm-dd');
      const done = row.getCell(col.get('% complete')!);
      if (item.percentComplete === null) expect(done.type).toBe(ExcelJS.ValueType.Null);
      else expect(done.value).toBeCloseTo(item.percentComplete / 100, 10);
      expect(done.numFmt).toBe('0%');
    });
  });

  it('writes slippage and the trail with dates, times and counts typed', async () => {
    expect(await run('slippage', '--format', 'xlsx', '--out', 'slippage.xlsx')).toBe(0);
    const slippage = await workbook('slippage.xlsx');
    expect(slippage.worksheets.map((sheet) => sheet.name)).toEqual(['Slippage', 'Revisions', 'Corrections']);
    const summary = slippage.getWorksheet('Slippage')!;
    const col = columnsOf(summary);
    expect(summary.rowCount).toBeGreaterThan(1);
    const first = summary.getRow(2);
    expect(first.getCell(col.get('Original due')!).type).toBe(ExcelJS.ValueType.Date);
    expect(first.getCell(col.get('Days slipped')!).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(col.get('Behind')!).type).toBe(ExcelJS.ValueType.Boolean);
    const revisions = slippage.getWorksheet('Revisions')!;
    expect(revisions.rowCount).toBeGreaterThan(1);
    expect(revisions.getRow(2).getCell(columnsOf(revisions).get('Recorded (UTC)')!).type).toBe(
      ExcelJS.ValueType.Date,
    );

    expect(await run('trail', '--format', 'xlsx', '--out', 'trail.xlsx')).toBe(0);
    expect(await run('trail', '--format', 'json', '--out', 'trail.json')).toBe(0);
    const rows = JSON.parse(readFileSync(join(dir, 'trail.json'), 'utf8')) as {
      position: number;
      code: string;
    }[];
    const trail = (await workbook('trail.xlsx')).getWorksheet('Trail')!;
    expect(trail.rowCount).toBe(rows.length + 1);
    expect(trail.getRow(1).getCell(1).value).toBe('position');
    expect(trail.getRow(2).getCell(1).value).toBe(rows[0]!.position);
    expect(trail.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.Date);
    expect(trail.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect(trail.getRow(rows.length + 1).getCell(5).value).toBe(rows.at(-1)!.code);
  });

  it('writes restatements of a published quarter and of a year', async () => {
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '1',
        '--format',
        'md',
        '--out',
        'q1.md',
        '--publish',
        '--allow-unapproved',
      ),
    ).toBe(0);
    const ref = /as report ([0-9a-f-]{36})/.exec(err())?.[1] ?? '';
    expect(await run('report', 'restatement', ref, '--format', 'xlsx', '--out', 'restatement.xlsx')).toBe(0);
    const restatement = (await workbook('restatement.xlsx')).worksheets;
    expect(restatement.map((sheet) => sheet.name)).toEqual(['Restatement 2019-20 Q1']);
    expect(restatement[0]!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(
      await run(
        'report',
        'restatements',
        '--fy',
        '2019/20',
        '--known-at',
        '1',
        '--format',
        'xlsx',
        '--out',
        'year.xlsx',
      ),
    ).toBe(0);
    expect(
      await run('report', 'restatements', '--fy', '2019/20', '--known-at', '1', '--format', 'json'),
    ).toBe(0);
    const year = JSON.parse(out()) as { quarters: { items: { fields: string[] }[] }[] };
    const fields = year.quarters.flatMap((q) => q.items.flatMap((item) => item.fields)).length;
    const sheet = (await workbook('year.xlsx')).getWorksheet('Restatements')!;
    expect(sheet.rowCount).toBe(fields + 1);
    expect(fields).toBeGreaterThan(0);
  });

  it('refuses a terminal: without --out it is a usage error and nothing is read or written', async () => {
    const before = readdirSync(dir).sort();
    for (const args of [
      ['report', 'quarter', '--fy', '2019/20', '--quarter', '2', '--format', 'xlsx'],
      ['slippage', '--format', 'xlsx'],
      ['trail', '--format', 'xlsx'],
      ['report', 'restatements', '--fy', '2019/20', '--known-at', '1', '--format', 'xlsx'],
    ]) {
      expect(await run(...args), args.join(' ')).toBe(2);
      expect(err()).toContain('--format xlsx writes a binary workbook');
      expect(err()).toContain('--out');
    }
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('follows the output-file rules: no overwrite without --force, never the ledger, never published', async () => {
    writeFileSync(join(dir, 'kept.xlsx'), 'mine');
    expect(await run('slippage', '--format', 'xlsx', '--out', 'kept.xlsx')).toBe(1);
    expect(err()).toContain('FILE_EXISTS');
    expect(readFileSync(join(dir, 'kept.xlsx'), 'utf8')).toBe('mine');
    expect(await run('slippage', '--format', 'xlsx', '--out', 'kept.xlsx', '--force')).toBe(0);
    expect((await workbook('kept.xlsx')).worksheets).toHaveLength(3);
    expect(await run('trail', '--format', 'xlsx', '--out', 'perfledger.db', '--force')).toBe(1);
    expect(err()).toContain('OUTPUT_IS_LEDGER');
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '2',
        '--format',
        'xlsx',
        '--out',
        'p.xlsx',
        '--publish',
      ),
    ).toBe(2);
    expect(err()).toContain('not a publishable report');
    expect(existsSync(join(dir, 'p.xlsx'))).toBe(false);
  });
});
