import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendAsOlderBuild } from '@perfledger/sqlite/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSnapshot } from './import-snapshot.js';
import { parseUkDate } from './parse-uk-date.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import { type TempLedger, tempLedger, toCsv } from './test-support/temp-ledger.js';

const HEADER = [
  'code',
  'title',
  'directorate',
  'section',
  'plan',
  'stage',
  'due_date',
  'percent_complete',
  'status',
  'comments',
];
const row = (code: string, due: string, percent = '10', stage = 'In Progress') => [
  code,
  `Action ${code}`,
  'Resources',
  'Finance',
  'Plan',
  stage,
  due,
  percent,
  'Green',
  '',
];

describe('parseUkDate and the business-date range', () => {
  it.each(['31/12/9999', '01/01/0001', '9999-12-31', '31 December 1899', '1 Jan 2200'])(
    'refuses %j',
    (text) => {
      const result = parseUkDate(text);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.message).toMatch(/outside the business-date range 1900-01-01 to 2199-12-31/);
    },
  );

  it('suggests leaving the cell blank for "no end date" markers, and names both spellings', async () => {
    const result = parseUkDate('31/12/9999', 'the due date');
    expect(result).toEqual({
      ok: false,
      message:
        '\'31/12/9999\' (9999-12-31) is outside the business-date range 1900-01-01 to 2199-12-31; it looks like a "no date" marker: leave the due date blank (or give the real date) instead',
    });
  });

  it.each([
    ['01/01/1900', '1900-01-01'],
    ['31/12/2199', '2199-12-31'],
    ['29/02/2000', '2000-02-29'],
  ])('accepts the edge %j', (text, iso) => {
    expect(parseUkDate(text)).toEqual({ ok: true, value: iso });
  });
});

describe('importSnapshot and out-of-range dates', () => {
  let temp: TempLedger;
  let file: string;
  beforeEach(async () => {
    temp = await tempLedger();
    file = join(temp.dir, 'q1.csv');
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('refuses the file, naming file, row, column, value and range, and writes nothing', async () => {
    await importSnapshot(temp.ledger, { file: writeCsv([row('A0', '31/03/2020')]) }, { asOf: '2019-06-30' });
    writeFileSync(
      file,
      toCsv([HEADER, row('A1', '31/12/9999'), row('A2', '0001-01-01'), row('A3', '31/03/2020')]),
    );
    const before = temp.bytes();
    let error: unknown;
    try {
      await importSnapshot(temp.ledger, { file }, { asOf: '2019-09-30' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SnapshotImportError);
    const problems = (error as SnapshotImportError).problems;
    expect(problems).toEqual([
      expect.objectContaining({
        file,
        row: 2,
        column: 'due_date',
        value: '31/12/9999',
        message: expect.stringMatching(/leave the due date blank/),
      }),
      expect.objectContaining({
        file,
        row: 3,
        column: 'due_date',
        value: '0001-01-01',
        message: expect.stringMatching(/1900-01-01 to 2199-12-31/),
      }),
    ]);
    expect(temp.bytes()).toEqual(before);
  });

  it('refuses an as-of date outside the range as an invalid option', async () => {
    writeFileSync(file, toCsv([HEADER, row('A1', '31/03/2020')]));
    const before = temp.bytes();
    await expect(importSnapshot(temp.ledger, { file }, { asOf: '9999-12-31' })).rejects.toThrow(
      /Option asOf .*outside the business-date range/,
    );
    expect(temp.bytes()).toEqual(before);
  });

  it('repairs a legacy out-of-range due date when a snapshot gives the real one: a correction, not a revision', async () => {
    await appendAsOlderBuild(temp.ledger, [
      {
        stream: 'action:A1',
        type: 'ActionRegistered',
        effectiveOn: '2019-06-30',
        data: {
          code: 'A1',
          title: 'Action A1',
          plan: 'Plan',
          directorate: 'Resources',
          section: 'Finance',
          dueDate: '9999-12-31',
          statusKey: 'rag',
        },
      },
    ]);
    // Before the fix, this very import was refused with "Invalid financial year start 9999".
    writeFileSync(file, toCsv([HEADER, row('A1', '31/03/2021', '20')]));
    const report = await importSnapshot(temp.ledger, { file }, { asOf: '2019-09-30', actor: 'j.smith' });
    expect(report.byType).toEqual({
      DueDateCorrected: 1,
      ProgressUpdated: 1,
      ReturnStated: 1,
      StatusChanged: 1,
    });
    const correction = (await temp.ledger.readAction('A1')).find(
      (event) => event.type === 'DueDateCorrected',
    );
    expect(correction).toMatchObject({
      // Back-dated to the registration: every quarter since shows the real date, as now known.
      effectiveOn: '2019-06-30',
      actor: 'j.smith',
      data: {
        recorded: '9999-12-31',
        corrected: '2021-03-31',
        correctsOriginal: true,
        reason: expect.stringMatching(
          /recorded as 9999-12-31, outside the business-date range .* gives 2021-03-31/,
        ),
      },
    });
    expect(await temp.ledger.getAction('A1', { asAt: '2019-06-30' })).toMatchObject({
      originalDueDate: '2021-03-31',
      dueDate: '2021-03-31',
      dueDateRevisions: 0,
    });
    // A later snapshot with a new date is an ordinary revision from the corrected date.
    writeFileSync(file, toCsv([HEADER, row('A1', '30/06/2021', '30')]));
    const next = await importSnapshot(temp.ledger, { file }, { asOf: '2019-12-31' });
    expect(next.byType).toMatchObject({ DueDateRevised: 1 });
    expect((await temp.ledger.verify()).ok).toBe(true);
  });

  it('repairs a closed action too, since the correction fixes the record, not the delivery', async () => {
    await appendAsOlderBuild(temp.ledger, [
      {
        stream: 'action:A1',
        type: 'ActionRegistered',
        effectiveOn: '2019-06-30',
        data: {
          code: 'A1',
          title: 'Action A1',
          plan: 'Plan',
          directorate: 'Resources',
          section: 'Finance',
          dueDate: '0001-01-01',
          statusKey: 'rag',
        },
      },
      {
        stream: 'action:A1',
        type: 'ActionClosed',
        effectiveOn: '2019-06-30',
        data: { outcome: 'completed' },
      },
    ]);
    const closedRow = row('A1', '30/06/2019', '', 'Completed');
    closedRow[8] = '';
    writeFileSync(file, toCsv([HEADER, closedRow]));
    const report = await importSnapshot(temp.ledger, { file }, { asOf: '2019-09-30' });
    expect(report.byType).toEqual({ DueDateCorrected: 1, ReturnStated: 1 });
    expect(await temp.ledger.getAction('A1')).toMatchObject({
      dueDate: '2019-06-30',
      closed: { outcome: 'completed' },
    });
  });

  function writeCsv(rows: string[][]): string {
    const path = join(temp.dir, 'seed.csv');
    writeFileSync(path, toCsv([HEADER, ...rows]));
    return path;
  }
});
