import type { Ledger } from '@perfledger/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSnapshot } from './import-snapshot.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import { type TempLedger, tempLedger, toCsv } from './test-support/temp-ledger.js';

// Issue 17, items 1, 2 and 6: a quarterly return is a fact of its own.
const HEADER = [
  'code',
  'title',
  'directorate',
  'section',
  'stage',
  'due_date',
  'percent_complete',
  'status',
  'comments',
];
const OPTIONS = { statusKey: 'delivery-plan', plan: 'Promoting Prosperity PDP 2019-20' } as const;

const row = (code: string, status: string, percent: string, comment: string) => [
  code,
  `Action ${code}`,
  'Place',
  'Economic Development',
  'In Progress',
  '31 March 2020',
  percent,
  status,
  comment,
];

const Q1 = [
  row('PP1920_01', 'Behind > 1 quarter', '20%', 'Waiting for the funding decision.'),
  row('PP1920_02', 'Slightly behind', '40%', 'Consultation under way.'),
  row('PP1920_03', 'Completed', '100%', 'Launched in May.'),
];
// Q2 restates PP1920_01 unchanged ("Behind > 1 quarter"), and changes the others.
const Q2 = [
  row('PP1920_01', 'Behind > 1 quarter', '20%', 'Waiting for the funding decision.'),
  row('PP1920_02', 'Slightly behind', '60%', 'Consultation closed.'),
  row('PP1920_03', 'Completed', '100%', 'Evaluation published.'),
];
// Internal audit: the Q1 figure for PP1920_01 was wrong. Effective 30 June.
const Q1_CORRECTED = [
  row('PP1920_01', 'Slightly behind', '20%', 'Waiting for the funding decision.'),
  Q1[1]!,
  Q1[2]!,
];

let temp: TempLedger;
let ledger: Ledger;
const run = (name: string, asOf: string, rows: readonly (readonly string[])[], actor?: string) =>
  importSnapshot(
    ledger,
    { name, format: 'csv', content: toCsv([HEADER, ...rows]) },
    { asOf, ...OPTIONS, ...(actor === undefined ? {} : { actor }) },
  );

beforeEach(async () => {
  temp = await tempLedger();
  ledger = temp.ledger;
});
afterEach(async () => {
  await temp.dispose();
});

describe('returns are facts (issue 17, items 1 and 2)', () => {
  it('every row of a quarter-end snapshot is recorded as that quarter’s statement, changed or not', async () => {
    await run('q1.csv', '2019-06-30', Q1);
    const q2 = await run('q2.csv', '2019-09-30', Q2);
    expect(q2).toMatchObject({
      rows: 3,
      changed: 2,
      unchanged: 1,
      alreadyRecorded: 0,
      returnOf: { fy: '2019/20', quarter: 2 },
      returnsRecorded: 3,
      corrections: 0,
    });
    const statements = (await ledger.readAction('PP1920_01')).filter(
      (event) => event.type === 'ReturnStated',
    );
    expect(statements.map((event) => [event.effectiveOn, event.data])).toEqual([
      [
        '2019-06-30',
        {
          fy: '2019/20',
          quarter: 1,
          status: 'Behind > 1 quarter',
          percentComplete: 20,
          dueDate: '2020-03-31',
          dueDateText: '31 March 2020',
          comment: 'Waiting for the funding decision.',
        },
      ],
      [
        '2019-09-30',
        {
          fy: '2019/20',
          quarter: 2,
          status: 'Behind > 1 quarter',
          percentComplete: 20,
          dueDate: '2020-03-31',
          dueDateText: '31 March 2020',
          comment: 'Waiting for the funding decision.',
        },
      ],
    ]);
  });

  it('a back-dated Q1 correction restates Q1 only: the Q2 return still says what it said', async () => {
    await run('q1.csv', '2019-06-30', Q1);
    await run('q2.csv', '2019-09-30', Q2);
    const correction = await run('q1-corrected.csv', '2019-06-30', Q1_CORRECTED, 'internal.audit');
    expect(correction).toMatchObject({
      rows: 3,
      changed: 1,
      unchanged: 2,
      alreadyRecorded: 2,
      returnOf: { fy: '2019/20', quarter: 1 },
      returnsRecorded: 1,
      corrections: 1,
      byType: { ReturnStated: 1, StatusChanged: 1 },
    });
    expect((await ledger.getAction('PP1920_01', { asAt: '2019-06-30' }))?.status).toBe('Slightly behind');
    // The Q2 statement stands at 30 September.
    expect((await ledger.getAction('PP1920_01', { asAt: '2019-09-30' }))?.status).toBe('Behind > 1 quarter');
    expect((await ledger.getAction('PP1920_01'))?.status).toBe('Behind > 1 quarter');
  });

  it('a re-import after a correction is decided row by row, with true counts, not skipped as "already imported"', async () => {
    await run('q1.csv', '2019-06-30', Q1);
    await run('q1-corrected.csv', '2019-06-30', Q1_CORRECTED);
    // The original Q1 file again: one row now differs from what the ledger knows for 30 June.
    const again = await run('q1.csv', '2019-06-30', Q1);
    expect(again).toMatchObject({
      replayed: false,
      changed: 1,
      unchanged: 2,
      alreadyRecorded: 2,
      returnsRecorded: 1,
      corrections: 1,
      eventsAppended: 2,
    });
    expect((await ledger.getAction('PP1920_01', { asAt: '2019-06-30' }))?.status).toBe('Behind > 1 quarter');
    // A renamed copy of a file the ledger already holds: nothing new, and it says so truthfully.
    const head = await ledger.head();
    const copy = await run('copy of q1.csv', '2019-06-30', Q1, 'someone.else');
    expect(copy).toMatchObject({
      replayed: true,
      eventsAppended: 0,
      alreadyRecorded: 3,
      changed: 0,
      unchanged: 3,
    });
    expect(await ledger.head()).toEqual(head);
  });

  it('a mid-quarter snapshot is no return: it records changes, no statement', async () => {
    await run('q1.csv', '2019-06-30', Q1);
    const mid = await run('mid.csv', '2019-08-15', Q2);
    expect(mid).toMatchObject({ returnOf: null, returnsRecorded: 0, changed: 2 });
    expect(mid.byType.ReturnStated).toBeUndefined();
  });

  it('a status the key does not know is refused with its row and column, and nothing is written', async () => {
    await run('q1.csv', '2019-06-30', Q1);
    const before = temp.bytes();
    const bad = [row('PP1920_01', 'Amber', '20%', 'x'), Q2[1]!, Q2[2]!];
    const error = await run('bad.csv', '2019-09-30', bad).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SnapshotImportError);
    expect((error as SnapshotImportError).problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [2, 'status', 'Amber'],
    ]);
    expect(temp.bytes().equals(before)).toBe(true);
  });
});
