import { writeFileSync } from 'node:fs';
import { ConcurrencyError, type EventEnvelope, type Ledger, ValidationError } from '@perfledger/core';
import { openReadonlyLedger } from '@perfledger/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSnapshot } from './import-snapshot.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import { eventsOf, fixture, type TempLedger, tempLedger, toCsv } from './test-support/temp-ledger.js';

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
const PENTANA = { statusKey: 'pentana', plan: 'Resources Business Plan 2019-22' } as const;

function csvInput(name: string, rows: readonly (readonly string[])[]) {
  return { name, format: 'csv' as const, content: toCsv([HEADER, ...rows]) };
}

/** The changes an import made; its return statements (ReturnStated) are tested in returns.int.test.ts. */
function summary(events: readonly EventEnvelope[]) {
  return events
    .filter((event) => event.type !== 'ReturnStated')
    .map((event) => [event.stream.slice('action:'.length), event.type, event.effectiveOn, event.data]);
}

let temp: TempLedger;
let ledger: Ledger;

beforeEach(async () => {
  temp = await tempLedger();
  ledger = temp.ledger;
});

afterEach(async () => {
  await temp.dispose();
});

describe('importSnapshot: the seed fixtures', () => {
  it('first import registers every action and records its state as at the snapshot date', async () => {
    const report = await importSnapshot(
      ledger,
      { file: fixture('q1-2019.csv') },
      { asOf: '2019-06-30', statusKey: 'pentana' },
    );
    expect(report).toMatchObject({
      asOf: '2019-06-30',
      rows: 15,
      actionsRegistered: 15,
      eventsAppended: 61,
      changed: 15,
      unchanged: 0,
      returnOf: { fy: '2019/20', quarter: 1 },
      returnsRecorded: 15,
      corrections: 0,
      byType: {
        ActionRegistered: 15,
        ProgressUpdated: 15,
        StatusChanged: 15,
        ActionClosed: 1,
        ReturnStated: 15,
      },
      firstPosition: 1,
      lastPosition: 61,
      replayed: false,
    });
    const fp01 = await ledger.getAction('FP1922_01', { asAt: '2019-06-30' });
    expect(fp01).toMatchObject({
      title: 'Produce final accounts by end of May',
      directorate: 'Resources',
      section: 'Finance Services',
      plan: 'Resources Business Plan 2019-22',
      statusKey: 'pentana',
      dueDate: '2019-05-31',
      percentComplete: 100,
      status: 'Completed',
      closed: { outcome: 'completed', effectiveOn: '2019-06-30' },
      registeredOn: '2019-06-30',
    });
    expect(await ledger.getAction('FP1922_04')).toMatchObject({ status: 'In Progress', percentComplete: 80 });
    expect((await ledger.getAction('LA1821_01.1'))?.dueDate).toBe('2019-12-31');
    expect(await ledger.getAction('DEM1518_01')).toMatchObject({ dueDate: '2021-09-30', percentComplete: 0 });
    expect((await ledger.getAction('IT1920_02'))?.percentComplete).toBe(50);
    const first = (await eventsOf(ledger))[0]!;
    expect(first).toMatchObject({
      source: 'import:q1-2019.csv',
      correlationId: 'import:q1-2019.csv:2019-06-30',
      actor: null,
      // Decided row by row, not skipped whole by a key: the events carry none.
      idempotencyKey: null,
    });
  });

  it('importing the same file again appends nothing', async () => {
    await importSnapshot(
      ledger,
      { file: fixture('q1-2019.csv') },
      { asOf: '2019-06-30', statusKey: 'pentana' },
    );
    const head = await ledger.head();
    const again = await importSnapshot(
      ledger,
      { file: fixture('q1-2019.csv') },
      { asOf: '2019-06-30', statusKey: 'pentana' },
    );
    expect(again).toMatchObject({
      eventsAppended: 0,
      replayed: true,
      unchanged: 15,
      alreadyRecorded: 15,
      returnsRecorded: 0,
      firstPosition: 0,
      lastPosition: 0,
    });
    // Another actor: decided row by row all the same, and every row is already recorded.
    const byOther = await importSnapshot(
      ledger,
      { file: fixture('q1-2019.csv') },
      { asOf: '2019-06-30', statusKey: 'pentana', actor: 'someone.else' },
    );
    expect(byOther).toMatchObject({
      eventsAppended: 0,
      unchanged: 15,
      alreadyRecorded: 15,
      replayed: true,
      byType: {},
    });
    expect(await ledger.head()).toEqual(head);
  });

  it('the next quarter appends exactly the differences', async () => {
    await importSnapshot(
      ledger,
      { file: fixture('q1-2019.csv') },
      { asOf: '2019-06-30', statusKey: 'pentana' },
    );
    const report = await importSnapshot(
      ledger,
      { file: fixture('q2-2019.csv') },
      { asOf: '30 September 2019', statusKey: 'pentana', actor: 'performance.officer' },
    );
    expect(report).toMatchObject({
      asOf: '2019-09-30',
      rows: 15,
      actionsRegistered: 1,
      changed: 13,
      unchanged: 2,
      alreadyRecorded: 0,
      returnsRecorded: 15,
      eventsAppended: 43,
      byType: {
        ActionClosed: 1,
        ActionRegistered: 1,
        // Only comments that came with no status change, due-date revision or closure.
        CommentAdded: 4,
        DueDateRevised: 2,
        ProgressUpdated: 12,
        ReturnStated: 15,
        StatusChanged: 8,
      },
      firstPosition: 62,
      lastPosition: 104,
    });
    const dem = (await ledger.readAction('DEM1518_02')).filter((event) => event.effectiveOn === '2019-09-30');
    expect(summary(dem)).toEqual([
      [
        'DEM1518_02',
        'DueDateRevised',
        '2019-09-30',
        {
          from: '2019-06-30',
          to: '2020-12-31',
          reason: 'Due date revised from June 2019.',
          reasonIsComment: true,
        },
      ],
      // The comment that came with the row is the reason of both changes, recorded once.
      [
        'DEM1518_02',
        'StatusChanged',
        '2019-09-30',
        { status: 'In Progress', reason: 'Due date revised from June 2019.' },
      ],
    ]);
    expect((await ledger.getAction('DEM1518_02'))?.lastComment?.text).toBe(
      'Due date revised from June 2019.',
    );
    expect(dem[0]?.actor).toBe('performance.officer');
    expect(await ledger.getAction('DEM1518_02')).toMatchObject({
      originalDueDate: '2019-06-30',
      dueDateRevisions: 1,
    });
    expect(await ledger.getAction('FP1922_04')).toMatchObject({
      status: 'Completed',
      percentComplete: 100,
      closed: { outcome: 'completed', effectiveOn: '2019-09-30' },
    });
    // Absent from the Q2 snapshot: left exactly as Q1 had it.
    expect(await ledger.getAction('CP1620_03')).toMatchObject({
      percentComplete: 20,
      lastEffectiveOn: '2019-06-30',
    });
    // Quarter-end views on both axes still tell Q1 apart from Q2.
    expect((await ledger.getAction('FP1922_02', { asAt: '2019-06-30' }))?.percentComplete).toBe(75);
    expect((await ledger.getAction('FP1922_02', { asAt: '2019-09-30' }))?.percentComplete).toBe(90);
    expect((await ledger.verify()).ok).toBe(true);
  });

  it('a bad file reports every problem with row and column and leaves the database byte-for-byte unchanged', async () => {
    await importSnapshot(
      ledger,
      { file: fixture('q1-2019.csv') },
      { asOf: '2019-06-30', statusKey: 'pentana' },
    );
    const before = temp.bytes();
    const file = fixture('q2-2019-invalid.csv');
    let error: unknown;
    try {
      await importSnapshot(ledger, { file }, { asOf: '2019-09-30', statusKey: 'pentana' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SnapshotImportError);
    const problems = (error as SnapshotImportError).problems;
    expect((error as SnapshotImportError).code).toBe('SNAPSHOT_INVALID');
    expect(problems.map((p) => [p.file, p.row, p.column, p.value])).toEqual([
      [file, 4, 'percent_complete', '140%'],
      [file, 11, 'status', 'Amber'],
      [file, 16, 'due_date', '31-Apr-2020'],
    ]);
    expect(problems[1]?.message).toMatch(/not a Pentana action status value \(Not Started, In Progress/);
    expect((error as Error).message).toMatch(/row 16, due_date: '31-Apr-2020' is not a real date/);
    expect(temp.bytes().equals(before)).toBe(true);
    expect((await ledger.head()).position).toBe(61);
  });
});

describe('importSnapshot: the diff rules', () => {
  const row = (overrides: Partial<Record<(typeof HEADER)[number], string>> = {}) => {
    const cells: Record<string, string> = {
      code: 'FP1922_02',
      title: 'Implement web based Financial Management Software',
      directorate: 'Resources',
      section: 'Finance Services',
      stage: 'In Progress',
      due_date: '30-Jun-2019',
      percent_complete: '75%',
      status: 'In Progress',
      comments: 'Testing under way.',
      ...overrides,
    };
    return HEADER.map((column) => cells[column]!);
  };
  const run = (asOf: string, rows: readonly (readonly string[])[], extra: object = {}) =>
    importSnapshot(ledger, csvInput(`${asOf}.csv`, rows), { asOf, ...PENTANA, ...extra });
  const appendedBy = async (fn: () => unknown) => {
    const from = (await ledger.head()).position;
    await fn();
    return summary(await eventsOf(ledger, { after: from })).map(([, type, , data]) => [type, data]);
  };

  beforeEach(async () => {
    await run('2019-06-30', [row()]);
  });

  it('a new action starts with its progress, status and comment on the snapshot date', async () => {
    expect(summary(await ledger.readAction('FP1922_02'))).toEqual([
      [
        'FP1922_02',
        'ActionRegistered',
        '2019-06-30',
        {
          code: 'FP1922_02',
          title: 'Implement web based Financial Management Software',
          plan: 'Resources Business Plan 2019-22',
          directorate: 'Resources',
          section: 'Finance Services',
          dueDate: '2019-06-30',
          statusKey: 'pentana',
        },
      ],
      ['FP1922_02', 'ProgressUpdated', '2019-06-30', { percentComplete: 75 }],
      // The comment that came with the status is its reason and the action's comment.
      [
        'FP1922_02',
        'StatusChanged',
        '2019-06-30',
        { status: 'In Progress', reason: 'Testing under way.', reasonIsComment: true },
      ],
    ]);
    expect((await ledger.getAction('FP1922_02'))?.lastComment?.text).toBe('Testing under way.');
  });

  it('each changed cell becomes its own command', async () => {
    expect(await appendedBy(() => run('2019-09-30', [row({ percent_complete: '90' })]))).toEqual([
      ['ProgressUpdated', { percentComplete: 90 }],
    ]);
    expect(
      await appendedBy(() => run('2019-10-31', [row({ percent_complete: '90', status: 'overdue' })])),
    ).toEqual([['StatusChanged', { status: 'Overdue', reason: 'Testing under way.' }]]);
    expect(
      await appendedBy(() =>
        run('2019-11-30', [row({ percent_complete: '90', status: 'overdue', comments: 'Rolled out.' })]),
      ),
    ).toEqual([['CommentAdded', { comment: 'Rolled out.' }]]);
    expect(
      await appendedBy(() =>
        run('2019-12-31', [
          row({ percent_complete: '90', status: 'overdue', comments: 'Rolled out.', title: 'Web FMS' }),
        ]),
      ),
    ).toEqual([['ActionDetailsAmended', { title: 'Web FMS' }]]);
  });

  it('a moved due date is revised with the comment as the reason, or a stated default', async () => {
    expect(
      await appendedBy(() =>
        run('2019-09-30', [row({ due_date: '31/12/2019', comments: 'Supplier delay.' })]),
      ),
    ).toEqual([
      [
        'DueDateRevised',
        { from: '2019-06-30', to: '2019-12-31', reason: 'Supplier delay.', reasonIsComment: true },
      ],
    ]);
    expect(
      await appendedBy(() => run('2019-12-31', [row({ due_date: '31 March 2020', comments: '' })])),
    ).toEqual([
      [
        'DueDateRevised',
        {
          from: '2019-12-31',
          to: '2020-03-31',
          reason:
            'Due date changed from 2019-12-31 to 2020-03-31 in the 2019-12-31 snapshot (2019-12-31.csv); the snapshot gave no reason.',
        },
      ],
    ]);
  });

  it('an empty cell says nothing: it changes nothing', async () => {
    expect(
      await appendedBy(() =>
        run('2019-09-30', [row({ percent_complete: '', status: '', comments: '', due_date: '', title: '' })]),
      ),
    ).toEqual([]);
  });

  it('a completed or cancelled stage closes the action; an open stage on a closed action reopens it', async () => {
    expect(
      await appendedBy(() => run('2019-09-30', [row({ stage: 'Done', percent_complete: '100%' })])),
    ).toEqual([
      ['ProgressUpdated', { percentComplete: 100 }],
      ['ActionClosed', { outcome: 'completed', reason: 'Testing under way.' }],
    ]);
    expect(
      await appendedBy(() => run('2019-10-31', [row({ stage: 'in progress', percent_complete: '100%' })])),
    ).toEqual([['ActionReopened', { reason: 'Testing under way.' }]]);
    expect(
      await appendedBy(() =>
        run('2019-12-31', [
          row({ stage: 'Postponed', percent_complete: '100%', comments: 'Postponed to 2020/21.' }),
        ]),
      ),
    ).toEqual([
      // The comment is the closure's reason, and the action's latest comment: one event.
      ['ActionClosed', { outcome: 'cancelled', reason: 'Postponed to 2020/21.', reasonIsComment: true }],
    ]);
    expect((await ledger.getAction('FP1922_02'))?.lastComment?.text).toBe('Postponed to 2020/21.');
    expect((await ledger.getAction('FP1922_02'))?.closed).toEqual({
      outcome: 'cancelled',
      effectiveOn: '2019-12-31',
    });
  });

  it('an empty stage leaves a closed action closed (a blank stage column never reopens anything)', async () => {
    await run('2019-09-30', [row({ stage: 'Completed' })]);
    expect(await appendedBy(() => run('2019-12-31', [row({ stage: '' })]))).toEqual([]);
    expect((await ledger.getAction('FP1922_02'))?.closed?.outcome).toBe('completed');
    expect(
      await appendedBy(() => run('2019-12-31', [row({ stage: '  ', comments: 'Signed off.' })])),
    ).toEqual([['CommentAdded', { comment: 'Signed off.' }]]);
  });

  it('a closed action whose outcome changes is reopened and closed again', async () => {
    await run('2019-09-30', [row({ stage: 'Completed' })]);
    expect(await appendedBy(() => run('2019-12-31', [row({ stage: 'Closed - Cancelled' })]))).toEqual([
      ['ActionReopened', { reason: expect.stringMatching(/Testing under way/) }],
      ['ActionClosed', { outcome: 'cancelled', reason: 'Testing under way.' }],
    ]);
  });

  it('refuses changes to a closed action that stays closed, naming the row and column, writing nothing', async () => {
    await run('2019-09-30', [row({ stage: 'Completed' })]);
    const head = await ledger.head();
    const before = temp.bytes();
    const attempt = () =>
      run('2019-12-31', [
        row({ stage: 'Completed', percent_complete: '80', comments: 'Reworded.' }),
        row({ code: 'NEW_01', title: 'A new action', comments: 'New.' }),
      ]);
    await expect(attempt()).rejects.toThrow(SnapshotImportError);
    try {
      await attempt();
    } catch (error) {
      expect((error as SnapshotImportError).problems).toMatchObject([
        { row: 2, column: 'percent_complete', value: '80', message: /was closed as completed on 2019-09-30/ },
      ]);
    }
    expect(await ledger.head()).toEqual(head);
    // Refused inside the write transaction: rolled back without touching the file or its WAL.
    expect(temp.bytes().equals(before)).toBe(true);
  });

  it('a rule the ledger enforces on the timeline is reported with the row, and nothing is written', async () => {
    await run('2019-12-31', [row({ percent_complete: '90' })]);
    const head = await ledger.head();
    // Back-dated closure before the December progress update would make that update untrue.
    const error = await (async () => {
      try {
        await run('2019-09-30', [
          row({ stage: 'Completed' }),
          row({ code: 'NEW_01', title: 'New', comments: 'x' }),
        ]);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SnapshotImportError);
    expect((error as SnapshotImportError).problems).toMatchObject([
      { row: 2, column: 'stage', message: /would contradict the ProgressUpdated/ },
    ]);
    expect((error as SnapshotImportError).cause).toBeUndefined();
    expect(await ledger.head()).toEqual(head);
    expect(await ledger.getAction('NEW_01')).toBeUndefined();
  });

  it('a code registered after the snapshot date is reported: snapshots go in date order', async () => {
    await expect(run('2019-03-31', [row()])).rejects.toThrow(
      /registered effective 2019-06-30, after this snapshot's date/,
    );
  });

  it('a new action without directorate, section, due date or plan is reported, all together', async () => {
    try {
      await importSnapshot(
        ledger,
        csvInput('new.csv', [row({ code: 'NEW_01', directorate: '', section: ' ', due_date: '' })]),
        {
          asOf: '2019-09-30',
          statusKey: 'pentana',
        },
      );
      expect.unreachable();
    } catch (error) {
      expect((error as SnapshotImportError).problems.map((p) => [p.row, p.column])).toEqual([
        [2, 'directorate'],
        [2, 'section'],
        [2, 'due_date'],
        [2, 'plan'],
      ]);
    }
  });

  it('status words are matched to the action’s own status key, whatever their case', async () => {
    expect(await appendedBy(() => run('2019-09-30', [row({ status: '  <b>WARNING</b> ' })]))).toEqual([
      ['StatusChanged', { status: 'Warning', reason: 'Testing under way.' }],
    ]);
    await expect(run('2019-12-31', [row({ status: 'Green' })])).rejects.toThrow(
      /'Green' is not a Pentana action status value .*'FP1922_02' is registered with status key 'pentana'/,
    );
  });

  it('new actions take the rag key by default', async () => {
    await importSnapshot(ledger, csvInput('rag.csv', [row({ code: 'RAG_01', status: 'green' })]), {
      asOf: '2019-09-30',
      plan: 'Plan',
    });
    expect(await ledger.getAction('RAG_01')).toMatchObject({ statusKey: 'rag', status: 'Green' });
  });

  it('reports progress as rows are compared', async () => {
    const calls: [number, number][] = [];
    await run('2019-09-30', [row({ percent_complete: '80' }), row({ code: 'NEW_01', title: 'New' })], {
      onProgress: (done: number, total: number) => calls.push([done, total]),
    });
    expect(calls).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });
});

describe('importSnapshot: inputs and options', () => {
  it('imports JSON', async () => {
    const content = JSON.stringify([
      {
        Code: 'IT1920_14',
        Title: 'ICT Security Compliance',
        Directorate: 'ICT and Business Transformation',
        Section: 'ICT Services',
        Stage: 'In Progress',
        'Due Date': '31-Mar-2020',
        'Percent Complete': 28,
        Status: 'In Progress',
        Comments: 'Certification takes place in the final quarter.',
        Plan: 'ICT and Business Transformation Business Plan 2019-22',
      },
    ]);
    const report = await importSnapshot(
      ledger,
      { name: 'q1.json', content, format: 'json' },
      { asOf: '2019-06-30', statusKey: 'pentana' },
    );
    expect(report.eventsAppended).toBe(4);
    expect(await ledger.getAction('IT1920_14')).toMatchObject({ percentComplete: 28, dueDate: '2020-03-31' });
  });

  it('refuses bad options before touching the file or the ledger', async () => {
    const input = { name: 'x.csv', content: '', format: 'csv' as const };
    await expect(importSnapshot(ledger, input, { asOf: '31-Apr-2020' })).rejects.toThrow(ValidationError);
    await expect(importSnapshot(ledger, input, { asOf: '2020-03-31', statusKey: 'brag' })).rejects.toThrow(
      /Unknown status key/,
    );
    await expect(importSnapshot(ledger, input, { asOf: '2020-03-31', plan: ' ' })).rejects.toThrow(
      ValidationError,
    );
  });

  it('reports a missing, unrecognised or non-UTF-8 file as a SnapshotImportError', async () => {
    await expect(
      importSnapshot(ledger, { file: `${temp.dir}/missing.csv` }, { asOf: '2020-03-31' }),
    ).rejects.toThrow(/cannot be read/);
    await expect(
      importSnapshot(ledger, { file: fixture('README.md') }, { asOf: '2020-03-31' }),
    ).rejects.toThrow(/no .csv or .json extension/);
    const latin1 = `${temp.dir}/latin1.csv`;
    writeFileSync(latin1, Buffer.from([0x63, 0x6f, 0x64, 0x65, 0x0a, 0xa3, 0x35, 0x0a]));
    await expect(importSnapshot(ledger, { file: latin1 }, { asOf: '2020-03-31' })).rejects.toThrow(
      /not UTF-8/,
    );
  });

  it('is not fooled by hostile cells: every one is a problem and nothing is written', async () => {
    const before = temp.bytes();
    const hostile = toCsv([
      [...HEADER, '__proto__'],
      [
        'A1',
        'x'.repeat(1_000_000),
        'Resources',
        'Finance\u0000',
        '',
        '31/03/2024',
        '10',
        'Green',
        'ok',
        'polluted',
      ],
      ['A2\u001b[31m', 'Title', 'Resources', 'Finance', '', '31/03/2024', '10', 'Green', '\u0007', ''],
      ['constructor', 'Title', 'Resources', 'Finance', '', '31/03/2024', '1'.repeat(400), 'Green', 'ok', ''],
    ]);
    try {
      await importSnapshot(
        ledger,
        { name: 'hostile.csv', format: 'csv', content: hostile },
        { asOf: '2020-03-31', plan: 'P' },
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SnapshotImportError);
      const problems = (error as SnapshotImportError).problems;
      expect(problems.map((p) => [p.row, p.column])).toEqual([
        [1, '__proto__'],
        [2, 'title'],
        [2, 'section'],
        [3, 'code'],
        [3, 'comments'],
        [4, 'percent_complete'],
      ]);
      for (const problem of problems) {
        expect(problem.value === null || problem.value.length < 260).toBe(true);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
        expect(`${problem.value}${problem.message}`).not.toMatch(/[\u0000-\u001f]/);
      }
      expect((error as Error).message.length).toBeLessThan(5_000);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(temp.bytes().equals(before)).toBe(true);
    expect(await eventsOf(ledger)).toEqual([]);
  });

  it('refuses to write to a read-only ledger', async () => {
    await importSnapshot(
      ledger,
      { file: fixture('q1-2019.csv') },
      { asOf: '2019-06-30', statusKey: 'pentana' },
    );
    const readonly = await openReadonlyLedger(temp.file);
    try {
      await expect(
        importSnapshot(
          readonly,
          { file: fixture('q2-2019.csv') },
          { asOf: '2019-09-30', statusKey: 'pentana' },
        ),
      ).rejects.toThrow(/read-only/);
    } finally {
      await readonly.close();
    }
  });

  it('retries a bounded number of times when another writer wins a race for the same action', async () => {
    let conflicts = 2;
    const stop = ledger.onAppend(() => {
      // Stands in for a writer that appended between the import's read and its append.
      if (conflicts-- > 0) throw new ConcurrencyError('action:FP1922_01', 5, 6);
    });
    const report = await importSnapshot(
      ledger,
      { file: fixture('q1-2019.csv') },
      { asOf: '2019-06-30', statusKey: 'pentana' },
    );
    expect(report.eventsAppended).toBe(61);
    expect(conflicts).toBe(-1);
    stop();

    const stopAlways = ledger.onAppend(() => {
      throw new ConcurrencyError('action:FP1922_02', 5, 6);
    });
    const head = await ledger.head();
    await expect(
      importSnapshot(
        ledger,
        { file: fixture('q2-2019.csv') },
        { asOf: '2019-09-30', statusKey: 'pentana', maxAttempts: 2 },
      ),
    ).rejects.toThrow(ConcurrencyError);
    expect(await ledger.head()).toEqual(head);
    stopAlways();
  });
});
