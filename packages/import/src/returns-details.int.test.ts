import type { Ledger } from '@perfledger/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSnapshot } from './import-snapshot.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import { type TempLedger, tempLedger, toCsv } from './test-support/temp-ledger.js';

// Issue 17, items 4, 5 and 7, from the library: a council's delivery-plan return and a second
// quarter, on a real SQLite file.

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
const PLAN = 'Promoting Prosperity PDP 2019-20';
const row = (
  code: string,
  cells: Partial<Record<'stage' | 'due' | 'percent' | 'status' | 'comment' | 'plan', string>> = {},
) => [
  code,
  `Action ${code}`,
  'Place',
  'Economic Development',
  cells.plan ?? PLAN,
  cells.stage ?? 'In Progress',
  cells.due ?? 'Q4',
  cells.percent ?? '50%',
  cells.status ?? 'Slightly behind',
  cells.comment ?? '',
];
const input = (name: string, rows: readonly (readonly string[])[]) => ({
  name,
  format: 'csv' as const,
  content: toCsv([HEADER, ...rows]),
});

let temp: TempLedger;
let ledger: Ledger;
beforeEach(async () => {
  temp = await tempLedger();
  ledger = temp.ledger;
});
afterEach(() => temp.dispose());

describe('a plan’s status key is remembered (item 7)', () => {
  it('a later quarter without statusKey registers new actions with the plan’s key', async () => {
    await importSnapshot(ledger, input('q1.csv', [row('PP01')]), {
      asOf: '2019-06-30',
      statusKey: 'delivery-plan',
    });
    const report = await importSnapshot(
      ledger,
      input('q2.csv', [
        row('PP01'),
        row('PP02', { status: 'Δ' }),
        row('PP03', { status: '✓', stage: 'Completed', percent: '100' }),
      ]),
      { asOf: '2019-09-30' },
    );
    expect(report.actionsRegistered).toBe(2);
    expect(await ledger.getAction('PP02')).toMatchObject({
      statusKey: 'delivery-plan',
      status: 'Behind > 1 quarter',
    });
    expect((await ledger.getAction('PP03'))?.status).toBe('Completed');
  });

  it('a plan whose actions use two keys needs the option, and says so with row and column', async () => {
    await importSnapshot(ledger, input('a.csv', [row('PP01')]), {
      asOf: '2019-06-30',
      statusKey: 'delivery-plan',
    });
    await importSnapshot(ledger, input('b.csv', [row('PP02', { status: 'Green' })]), {
      asOf: '2019-06-30',
      statusKey: 'rag',
    });
    const head = await ledger.head();
    const error = await importSnapshot(ledger, input('c.csv', [row('PP03')]), { asOf: '2019-09-30' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(SnapshotImportError);
    expect((error as SnapshotImportError).problems).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'status',
        value: 'Slightly behind',
        message: `plan '${PLAN}' has actions with status keys 'delivery-plan' and 'rag'; give the key of new actions (--status-key, option statusKey)`,
      }),
    ]);
    expect(await ledger.head()).toEqual(head);
  });

  it('the option still wins over the plan’s key', async () => {
    await importSnapshot(ledger, input('a.csv', [row('PP01')]), {
      asOf: '2019-06-30',
      statusKey: 'delivery-plan',
    });
    await expect(
      importSnapshot(ledger, input('b.csv', [row('PP02')]), { asOf: '2019-09-30', statusKey: 'rag' }),
    ).rejects.toThrow(
      /'Slightly behind' is not a RAG value .*status key 'rag' applied \(--status-key, option statusKey\)/,
    );
  });
});

describe('due dates by period (item 4)', () => {
  it('a revision to a period keeps the words; the same period restated changes nothing', async () => {
    await importSnapshot(ledger, input('q1.csv', [row('PP01', { due: 'Q4' })]), {
      asOf: '2019-06-30',
      statusKey: 'delivery-plan',
    });
    expect((await ledger.getAction('PP01'))?.dueDate).toBe('2020-03-31');
    // Q2 says "Q4 2019/20": the same day, so nothing moves.
    const same = await importSnapshot(ledger, input('q2.csv', [row('PP01', { due: 'Q4 2019/20' })]), {
      asOf: '2019-09-30',
    });
    // Only Q2's statement of the row: no due-date event.
    expect(same.byType).toEqual({ ReturnStated: 1 });
    expect(same.periodDueDates).toEqual([
      { row: 2, code: 'PP01', text: 'Q4 2019/20', period: '2019/20 Q4', dueDate: '2020-03-31' },
    ]);
    // Q3 says "Q4" again, but Q3 is still 2019/20: still 31 March 2020.
    expect(
      (await importSnapshot(ledger, input('q3.csv', [row('PP01', { due: 'Q4' })]), { asOf: '2019-12-31' }))
        .byType,
    ).toEqual({ ReturnStated: 1 });
    // Q4 moves it to "2020-21".
    await importSnapshot(
      ledger,
      input('q4.csv', [row('PP01', { due: '2020-21', comment: 'Funding moved a year.' })]),
      {
        asOf: '2020-03-31',
      },
    );
    const revised = (await ledger.readAction('PP01')).find((e) => e.type === 'DueDateRevised');
    expect(revised?.data).toEqual({
      from: '2020-03-31',
      to: '2021-03-31',
      dueDateText: '2020-21',
      reason: 'Funding moved a year.',
      reasonIsComment: true,
    });
  });

  it('"mid April 2020" is refused with row and column, with every other problem, and nothing is written', async () => {
    const before = temp.bytes();
    const error = await importSnapshot(
      ledger,
      input('q1.csv', [row('PP01'), row('PP02', { due: 'mid April 2020' }), row('PP03', { due: '2020/22' })]),
      { asOf: '2019-06-30', statusKey: 'delivery-plan' },
    ).catch((e) => e);
    expect((error as SnapshotImportError).problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, 'due_date', 'mid April 2020'],
      [4, 'due_date', '2020/22'],
    ]);
    expect(temp.bytes().equals(before)).toBe(true);
  });
});

describe('the comment is the reason of the change it came with (item 5)', () => {
  it('a reopening takes the comment as its reason and as the latest comment', async () => {
    await importSnapshot(
      ledger,
      input('q1.csv', [row('PP01', { stage: 'Completed', status: 'Completed', percent: '100' })]),
      {
        asOf: '2019-06-30',
        statusKey: 'delivery-plan',
      },
    );
    const report = await importSnapshot(
      ledger,
      input('q2.csv', [
        row('PP01', {
          stage: 'In Progress',
          status: 'Slightly behind',
          percent: '100',
          comment: 'Snagging found.',
        }),
      ]),
      { asOf: '2019-09-30' },
    );
    // The quarter-end file is also Q2's return: one statement of what the row said.
    expect(report.byType).toEqual({ ActionReopened: 1, StatusChanged: 1, ReturnStated: 1 });
    const events = (await ledger.readAction('PP01')).filter(
      (e) => e.effectiveOn === '2019-09-30' && e.type !== 'ReturnStated',
    );
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['ActionReopened', { reason: 'Snagging found.', reasonIsComment: true }],
      ['StatusChanged', { status: 'Slightly behind', reason: 'Snagging found.' }],
    ]);
    expect((await ledger.getAction('PP01'))?.lastComment).toEqual({
      text: 'Snagging found.',
      effectiveOn: '2019-09-30',
    });
    // The same file again: nothing (the comment is known).
    expect(
      (
        await importSnapshot(
          ledger,
          input('q2b.csv', [
            row('PP01', { status: 'Slightly behind', percent: '100', comment: 'Snagging found.' }),
          ]),
          { asOf: '2019-09-30' },
        )
      ).eventsAppended,
    ).toBe(0);
  });

  it('a comment with only a new % complete is still a comment of its own', async () => {
    await importSnapshot(ledger, input('q1.csv', [row('PP01')]), {
      asOf: '2019-06-30',
      statusKey: 'delivery-plan',
    });
    const report = await importSnapshot(
      ledger,
      input('q2.csv', [row('PP01', { percent: '60', comment: 'On site.' })]),
      {
        asOf: '2019-09-30',
      },
    );
    expect(report.byType).toEqual({ CommentAdded: 1, ProgressUpdated: 1, ReturnStated: 1 });
  });
});
