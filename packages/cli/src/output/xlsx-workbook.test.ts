import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { XLSX_MAX_TEXT, xlsxText } from './xlsx-cell.js';
import { writeXlsxWorkbook, XLSX_MAX_ROWS, type XlsxSheet } from './xlsx-workbook.js';

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

const FORMULA_START = /^[=+\-@\t\r]/;

describe('writeXlsxWorkbook', () => {
  it('writes one sheet per table with a frozen, filterable header and typed cells', async () => {
    const sheets: XlsxSheet[] = [
      {
        name: 'Actions',
        columns: [
          { header: 'Action', kind: 'text' },
          { header: 'Due', kind: 'date' },
          { header: '% complete', kind: 'percent' },
          { header: 'Revisions', kind: 'integer' },
          { header: 'Recorded (UTC)', kind: 'datetime' },
          { header: 'Not updated', kind: 'boolean' },
        ],
        rows: [
          ['DEM1', '2019-06-30', 0.9, 2, '2019-07-15T09:30:00.123456Z', false],
          ['DEM2', null, null, 0, null, true],
        ],
      },
      { name: 'Sign-off', columns: [{ header: 'Plan', kind: 'text' }], rows: [] },
    ];
    const workbook = await readBack(await writeXlsxWorkbook(sheets));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Actions', 'Sign-off']);
    const actions = workbook.getWorksheet('Actions')!;
    expect(actions.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(actions.autoFilter).toBe('A1:F1');
    expect(actions.getRow(1).font?.bold).toBe(true);
    expect(actions.getRow(1).values).toEqual([
      undefined,
      'Action',
      'Due',
      '% complete',
      'Revisions',
      'Recorded (UTC)',
      'Not updated',
    ]);
    const row = actions.getRow(2);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Date);
    expect((row.getCell(2).value as Date).toISOString()).toBe('2019-06-30T00:00:00.000Z');
    expect(row.getCell(2).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(3).value).toBe(0.9);
    expect(row.getCell(3).numFmt).toBe('0%');
    expect(row.getCell(4).value).toBe(2);
    expect(row.getCell(4).numFmt).toBe('0');
    expect((row.getCell(5).value as Date).toISOString()).toBe('2019-07-15T09:30:00.123Z');
    expect(row.getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(row.getCell(6).value).toBe(false);
    // Unknown is an empty cell, never 0.
    const empty = actions.getRow(3);
    expect(empty.getCell(2).type).toBe(ExcelJS.ValueType.Null);
    expect(empty.getCell(3).type).toBe(ExcelJS.ValueType.Null);
    expect(empty.getCell(6).value).toBe(true);
    expect(actions.getColumn(1).width).toBeGreaterThan(0);
    const signOff = workbook.getWorksheet('Sign-off')!;
    expect(signOff.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(signOff.rowCount).toBe(1);
  });

  it('writes a date a spreadsheet cannot show exactly as the text recorded', async () => {
    const workbook = await readBack(
      await writeXlsxWorkbook([
        {
          name: 'Dates',
          columns: [{ header: 'Due', kind: 'date' }],
          rows: [['1899-12-30'], ['1900-02-28'], ['1900-03-01'], ['0001-01-01']],
        },
      ]),
    );
    const cells = [2, 3, 4, 5].map((n) => workbook.getWorksheet('Dates')!.getRow(n).getCell(1));
    expect(cells.map((cell) => cell.type)).toEqual([
      ExcelJS.ValueType.String,
      ExcelJS.ValueType.String,
      ExcelJS.ValueType.Date,
      ExcelJS.ValueType.String,
    ]);
    expect(cells[0]!.value).toBe('1899-12-30');
  });

  it('never writes text as a formula, and shows hidden characters as markers', async () => {
    const texts = ['=HYPERLINK("http://evil","x")', '+1', '-2', '@SUM(A1)', '\tx', 'Pay \u202E0001', 'ok'];
    const workbook = await readBack(
      await writeXlsxWorkbook([
        { name: 'Text', columns: [{ header: 'Text', kind: 'text' }], rows: texts.map((t) => [t]) },
      ]),
    );
    const values = texts.map((_, i) =>
      workbook
        .getWorksheet('Text')!
        .getRow(i + 2)
        .getCell(1),
    );
    expect(values.every((cell) => cell.type === ExcelJS.ValueType.String)).toBe(true);
    expect(values.map((cell) => cell.value)).toEqual([
      `'=HYPERLINK("http://evil","x")`,
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      'Pay [U+202E]0001',
      'ok',
    ]);
  });

  it('cuts text longer than a cell holds, saying so', async () => {
    const long = `${'x'.repeat(XLSX_MAX_TEXT - 1)}😀 and more`;
    const shown = xlsxText(long);
    expect(shown.length).toBeLessThanOrEqual(XLSX_MAX_TEXT);
    expect(shown).toMatch(/… \[cut at the 32,767 characters a cell holds; the JSON output has it all\]$/);
    expect(xlsxText('x'.repeat(XLSX_MAX_TEXT))).toBe('x'.repeat(XLSX_MAX_TEXT));
    const book = await readBack(
      await writeXlsxWorkbook([
        { name: 'Long', columns: [{ header: 'Text', kind: 'text' }], rows: [[long]] },
      ]),
    );
    expect(book.getWorksheet('Long')!.getRow(2).getCell(1).value).toBe(shown);
  });

  it('holds the formula guard for any text (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 40 }),
            fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', 'a', ' ', '"', '<', '&') }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        async (texts) => {
          const workbook = await readBack(
            await writeXlsxWorkbook([
              { name: 'Text', columns: [{ header: 'Text', kind: 'text' }], rows: texts.map((t) => [t]) },
            ]),
          );
          const sheet = workbook.getWorksheet('Text')!;
          texts.forEach((text, i) => {
            const cell = sheet.getRow(i + 2).getCell(1);
            const expected = xlsxText(text);
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            expect(cell.formula).toBeUndefined();
            expect(cell.value).toBe(expected);
            // What a spreadsheet shows never starts a formula unless it is quoted.
            expect(FORMULA_START.test(cell.value as string)).toBe(false);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses more rows than a sheet may hold, before anything is returned', async () => {
    const rows = [[1], [2], [3], [4]];
    const sheet = { name: 'Big', columns: [{ header: 'n', kind: 'integer' as const }], rows };
    await expect(writeXlsxWorkbook([sheet], { maxRows: 3 })).rejects.toThrow(UsageError);
    await expect(writeXlsxWorkbook([sheet], { maxRows: 3 })).rejects.toThrow(/more than 3 rows/);
    expect((await readBack(await writeXlsxWorkbook([sheet], { maxRows: 4 }))).worksheets[0]!.rowCount).toBe(
      5,
    );
    // Excel's own limit can never be raised.
    expect(XLSX_MAX_ROWS).toBe(1_048_575);
  });

  it('refuses a sheet name a spreadsheet cannot hold', async () => {
    await expect(writeXlsxWorkbook([{ name: 'a/b', columns: [], rows: [] }])).rejects.toThrow(/sheet name/);
    await expect(
      writeXlsxWorkbook([
        { name: 'Same', columns: [], rows: [] },
        { name: 'same', columns: [], rows: [] },
      ]),
    ).rejects.toThrow(/sheet name/);
  });
});
