import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { knownAtMeaning, ValidationError } from '@perfledger/core';
import { openReadonlyLedger } from '@perfledger/sqlite';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseKnownAt } from './commands/basis-option.js';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';
import { UsageError } from './usage-error.js';

// Issue 17 ("Quarterly returns are facts"), items 3, 4, 5, 7 and the smaller things, as a new
// user meets them: a delivery-plan return imported with the CLI, then read back in every format.

const HEADER = 'code,title,directorate,section,plan,stage,due_date,percent_complete,status,comments';
const PLAN = 'Promoting Prosperity PDP 2019-20';

let dir: string;
const { run, out, err } = cliHarness(() => dir);
const db = () => join(dir, 'perfledger.db');

function csv(name: string, rows: readonly string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${[HEADER, ...rows].join('\n')}\n`);
  return file;
}

const row = (
  code: string,
  cells: { stage?: string; due?: string; percent?: string; status?: string; comment?: string } = {},
) =>
  [
    code,
    `Action ${code}`,
    'Place',
    'Economic Development',
    PLAN,
    cells.stage ?? 'In Progress',
    cells.due ?? '31-Mar-2020',
    cells.percent ?? '50%',
    cells.status ?? 'Slightly behind',
    cells.comment ?? '',
  ].join(',');

beforeEach(() => {
  dir = makeTempDir('perfledger-returns-details-');
});
afterEach(() => removeTempDir(dir));

describe('item 3: a blank % complete is unknown, never 0', () => {
  beforeEach(async () => {
    const q1 = csv('q1.csv', [
      // Completed, % left blank: unknown.
      row('PP1920_01', { stage: 'Completed', percent: '', status: 'Completed', comment: 'Opened in May.' }),
      // Completed, yet says 80 %: a contradiction to flag.
      row('PP1920_02', { stage: 'Completed', percent: '80%', status: 'Completed' }),
      // Behind, % blank: an exception in the committee report, shown as unknown there too.
      row('PP1920_03', { percent: '', status: 'Behind > 1 quarter', comment: 'Funding bid pending.' }),
    ]);
    expect(
      await run(
        'import',
        q1,
        '--as-of',
        '30 June 2019',
        '--status-key',
        'delivery-plan',
        '--actor',
        'officer',
      ),
    ).toBe(0);
  });

  it('the import summary flags the completed action that says less than 100 %', () => {
    expect(out()).toMatch(
      /Row 3, percent_complete: PP1920_02 stage is completed, but % complete is 80%; imported as stated/,
    );
    expect(out()).not.toMatch(/PP1920_01 stage/);
  });

  it('table, md, csv and json show it as unknown, and the contradiction among the disagreements', async () => {
    const quarter = ['report', 'quarter', '--fy', '2019/20', '--quarter', '1'];
    expect(await run(...quarter)).toBe(0);
    const table = out();
    const line = (code: string) => table.split('\n').find((l) => l.startsWith(code)) ?? '';
    expect(line('PP1920_01')).toMatch(/\bunknown\b/);
    expect(line('PP1920_01')).not.toMatch(/\b0%/);
    expect(line('PP1920_03')).toMatch(/\bunknown\b/);
    expect(table).toMatch(/Closed as completed on 2019-06-30, but 80% complete\./);

    expect(await run(...quarter, '--format', 'md')).toBe(0);
    expect(out()).toMatch(/\| PP1920_01 .*\| unknown \|/);

    expect(await run(...quarter, '--format', 'csv')).toBe(0);
    const rows = out().split('\r\n');
    const columns = rows[0]!.split(',');
    const percentOf = (code: string) =>
      rows.find((r) => r.startsWith(code))!.split(',')[columns.indexOf('percent_complete')];
    expect(percentOf('PP1920_01')).toBe('');
    expect(percentOf('PP1920_02')).toBe('80');

    expect(await run(...quarter, '--format', 'json')).toBe(0);
    const view = JSON.parse(out());
    const item = (code: string) => view.items.find((i: { code: string }) => i.code === code);
    expect(item('PP1920_01').percentComplete).toBeNull();
    expect(item('PP1920_03').percentComplete).toBeNull();
    expect(view.disagreements).toContainEqual(
      expect.objectContaining({ code: 'PP1920_02', rule: 'completed-but-under-100' }),
    );
  });

  it('the committee report (html) shows the behind action’s blank % as unknown, never 0 %', async () => {
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--format', 'html')).toBe(0);
    const html = out();
    const exception = html.slice(html.indexOf('<tbody class="exception" data-code="PP1920_03"'));
    expect(exception.slice(0, exception.indexOf('</tbody>'))).toMatch(/<td class="num">unknown<\/td>/);
    // And in its plan's appendix, where every action is listed.
    const appendixRow = html.slice(html.indexOf('<tr class="action-row" data-code="PP1920_03"'));
    expect(appendixRow.slice(0, appendixRow.indexOf('</tr>'))).toMatch(/<td class="num">unknown<\/td>/);
    expect(html).not.toMatch(/<td class="num">0%<\/td>/);
  });
});

describe('item 4: due dates by quarter and year', () => {
  it('reads each form as the end of its period, keeps the words, and says so in the summary', async () => {
    const q1 = csv('q1.csv', [
      row('PP1920_01', { due: 'Q4' }),
      row('PP1920_02', { due: 'Q4 2019/20' }),
      row('PP1920_03', { due: '2020/21' }),
      row('PP1920_04', { due: '2020-21' }),
      row('PP1920_05', { due: 'March 2020' }),
      row('PP1920_06', { due: '30/09/2019' }),
    ]);
    expect(await run('import', q1, '--as-of', '2019-06-30', '--status-key', 'delivery-plan')).toBe(0);
    expect(out()).toMatch(/Row 2: due date 'Q4' of PP1920_01 read as 2020-03-31, the end of 2019\/20 Q4/);
    expect(out()).toMatch(/Row 3: due date 'Q4 2019\/20' of PP1920_02 read as 2020-03-31/);
    expect(out()).toMatch(/Row 4: due date '2020\/21' of PP1920_03 read as 2021-03-31, the end of 2020\/21/);
    expect(out()).toMatch(/Row 5: due date '2020-21' of PP1920_04 read as 2021-03-31/);
    expect(out()).toMatch(
      /Row 6: due date 'March 2020' of PP1920_05 read as 2020-03-31, the end of March 2020/,
    );
    expect(out()).not.toMatch(/PP1920_06 read as/);

    const ledger = await openReadonlyLedger(db());
    try {
      const registered = async (code: string) => (await ledger.readAction(code))[0]!.data;
      expect(await registered('PP1920_01')).toMatchObject({ dueDate: '2020-03-31', dueDateText: 'Q4' });
      expect(await registered('PP1920_04')).toMatchObject({ dueDate: '2021-03-31', dueDateText: '2020-21' });
      expect(await registered('PP1920_06')).not.toHaveProperty('dueDateText');
    } finally {
      await ledger.close();
    }

    // Q2 moves one target to another period: the revision keeps the officer's words too.
    const q2 = csv('q2.csv', [row('PP1920_01', { due: 'Q2 2020/21', comment: 'Contractor delay.' })]);
    expect(await run('import', q2, '--as-of', '2019-09-30', '--format', 'json')).toBe(0);
    expect(JSON.parse(out()).periodDueDates).toEqual([
      { row: 2, code: 'PP1920_01', text: 'Q2 2020/21', period: '2020/21 Q2', dueDate: '2020-09-30' },
    ]);
    const again = await openReadonlyLedger(db());
    try {
      const revised = (await again.readAction('PP1920_01')).find((e) => e.type === 'DueDateRevised');
      expect(revised?.data).toMatchObject({
        from: '2020-03-31',
        to: '2020-09-30',
        dueDateText: 'Q2 2020/21',
        reason: 'Contractor delay.',
      });
    } finally {
      await again.close();
    }
  });

  it('refuses "mid April 2020" with row and column, and a refused import creates no database file', async () => {
    const q1 = csv('q1.csv', [row('PP1920_01'), row('PP1920_02', { due: 'mid April 2020' })]);
    expect(await run('import', q1, '--as-of', '2019-06-30', '--status-key', 'delivery-plan')).toBe(1);
    expect(err()).toMatch(/row 3, due_date: 'mid April 2020' has no clear end date, so a person must decide/);
    expect(existsSync(db())).toBe(false);
    // Nor anything staged beside it.
    expect(readdirSync(dir).filter((name) => name.includes('perfledger.db'))).toEqual([]);
  });
});

describe('item 5: the comment is the change’s reason; explain names the published reports', () => {
  it('explains a status change and a closure with the officer’s words, and which published report they came after', async () => {
    const q1 = csv('q1.csv', [
      row('PP1920_01', { status: 'Slightly behind', comment: 'Design stage.' }),
      row('PP1920_02', { status: 'Slightly behind' }),
    ]);
    expect(await run('import', q1, '--as-of', '2019-06-30', '--status-key', 'delivery-plan')).toBe(0);
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '1',
        '--publish',
        // No return was signed off in this scenario; publishing says so in the report.
        '--allow-unapproved',
        '--report-id',
        'CAB-2019-08',
        '--actor',
        'performance.team',
      ),
    ).toBe(0);
    expect(err()).toMatch(/report id CAB-2019-08/);

    // A back-dated correction of Q1, after the Q1 report went out, with its reason in the comment.
    const fix = csv('q1-fix.csv', [
      row('PP1920_01', { status: 'Behind > 1 quarter', comment: 'Internal audit: design not started.' }),
      row('PP1920_02', { stage: 'Completed', percent: '100%', status: 'Completed', comment: 'Handed over.' }),
    ]);
    expect(await run('import', fix, '--as-of', '2019-06-30', '--format', 'json')).toBe(0);
    expect(JSON.parse(out()).byType).not.toHaveProperty('CommentAdded');

    expect(await run('explain', 'PP1920_01', '--field', 'status')).toBe(0);
    expect(out()).toMatch(
      /status of PP1920_01 changed from Slightly behind to Behind > 1 quarter.*Reason: Internal audit: design not started\./,
    );
    // Without being asked: the ledger's own ReportPublished event.
    expect(out()).toMatch(
      /It was recorded after the 2019\/20 Q1 report CAB-2019-08 was published \([^)]*, position \d+\), and changes the status as at that quarter's end/,
    );
    expect(await run('explain', 'PP1920_02', '--field', 'closed', '--format', 'json')).toBe(0);
    const story = JSON.parse(out());
    expect(story.changes.at(-1)).toMatchObject({
      eventType: 'ActionClosed',
      after: 'completed',
      reason: 'Handed over.',
      afterPublication: [
        expect.objectContaining({
          label: '2019/20 Q1',
          report: expect.objectContaining({ reportId: 'CAB-2019-08' }),
        }),
      ],
    });
    expect(await run('explain', 'PP1920_02', '--field', 'comment')).toBe(0);
    expect(out()).toMatch(/a comment was added to PP1920_02: “Handed over\.”/);
  });
});

describe('item 7: a plan’s status key is remembered', () => {
  it('uses the key of the plan’s registered actions when --status-key is omitted, and names the key that refused a value', async () => {
    const q1 = csv('q1.csv', [row('PP1920_01', { status: 'Behind > 1 quarter' })]);
    expect(await run('import', q1, '--as-of', '2019-06-30', '--status-key', 'delivery-plan')).toBe(0);
    const q2 = csv('q2.csv', [
      row('PP1920_01', { status: 'Behind > 1 quarter' }),
      row('PP1920_09', { status: 'Slightly behind' }),
    ]);
    // 30/09/2019: --as-of takes the forms the file takes.
    expect(await run('import', q2, '--as-of', '30/09/2019')).toBe(0);
    expect(out()).toMatch(/as of 2019-09-30: 2 rows, 1 new actions/);
    const ledger = await openReadonlyLedger(db());
    try {
      expect((await ledger.getAction('PP1920_09'))?.statusKey).toBe('delivery-plan');
    } finally {
      await ledger.close();
    }

    const q3 = csv('q3.csv', [row('PP1920_10', { status: 'Green' })]);
    expect(await run('import', q3, '--as-of', '31 December 2019')).toBe(1);
    expect(err()).toMatch(
      /row 2, status: 'Green' is not a Delivery-plan progress value \(Completed, Slightly behind, Behind > 1 quarter, To be closed\); status key 'delivery-plan' applied: the actions of plan 'Promoting Prosperity PDP 2019-20' already use it/,
    );
    const q3b = csv('q3b.csv', [row('PP1920_01', { status: 'Green' })]);
    expect(await run('import', q3b, '--as-of', '31 December 2019')).toBe(1);
    expect(err()).toMatch(/'PP1920_01' is registered with status key 'delivery-plan'/);
  });

  it('a new plan with no actions yet says the default applied', async () => {
    const q1 = csv('q1.csv', [row('PP1920_01', { status: 'Slightly behind' })]);
    expect(await run('import', q1, '--as-of', '2019-06-30')).toBe(1);
    expect(err()).toMatch(/status key 'rag' applied by default/);
    expect(existsSync(db())).toBe(false);
  });
});

describe('smaller things', () => {
  it('--as-of refuses what the file would refuse, with the reason', async () => {
    const q1 = csv('q1.csv', [row('PP1920_01')]);
    expect(await run('import', q1, '--as-of', '31-Apr-2020')).toBe(2);
    expect(err()).toMatch(/--as-of '31-Apr-2020' is not a real date: April 2020 has 30 days/);
    expect(existsSync(db())).toBe(false);
  });

  it('a report published with --report-id is listed with it, and reproduce and restatement accept it', async () => {
    const q1 = csv('q1.csv', [row('PP1920_01')]);
    expect(await run('import', q1, '--as-of', '2019-06-30', '--status-key', 'delivery-plan')).toBe(0);
    const publish = [
      'report',
      'quarter',
      '--fy',
      '2019/20',
      '--quarter',
      '1',
      '--publish',
      '--allow-unapproved',
    ];
    expect(await run(...publish, '--report-id', 'CAB-2019-08')).toBe(0);
    expect(await run('report', 'list')).toBe(0);
    expect(out()).toMatch(/Report id/);
    expect(out()).toMatch(/CAB-2019-08/);
    expect(await run('report', 'reproduce', 'CAB-2019-08')).toBe(0);
    expect(await run('report', 'restatement', 'CAB-2019-08')).toBe(0);
    expect(out()).toMatch(/Restatements of 2019\/20 Q1/);
    expect(await run('report', 'reproduce', 'CAB-2019-99')).toBe(2);
    expect(err()).toMatch(/No published report 'CAB-2019-99'/);
    // The same reference twice names two reports: refused, listing both.
    expect(await run(...publish, '--report-id', 'CAB-2019-08')).toBe(0);
    expect(await run('report', 'reproduce', 'CAB-2019-08')).toBe(2);
    expect(err()).toMatch(/'CAB-2019-08' names 2 published reports/);
  });

  it('property: the CLI accepts exactly the knownAt strings a library caller may pass', () => {
    const accepts = (f: () => unknown, kind: new (...args: never[]) => Error) => {
      try {
        f();
        return true;
      } catch (error) {
        if (error instanceof kind) return false;
        throw error;
      }
    };
    const candidates = fc.oneof(
      fc.string(),
      fc
        .record({
          y: fc.integer({ min: 1890, max: 2210 }),
          m: fc.integer({ min: 0, max: 13 }),
          d: fc.integer({ min: 0, max: 32 }),
          time: fc.constantFrom('', 'T09:00:00Z', 'T09:00Z', 'T23:59:59.999+01:00', 'T09:00:00', ' 09:00'),
        })
        .map(
          ({ y, m, d, time }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${time}`,
        ),
    );
    fc.assert(
      fc.property(candidates, (value) => {
        expect(accepts(() => parseKnownAt(value), UsageError)).toBe(
          accepts(() => knownAtMeaning(value), ValidationError),
        );
      }),
    );
    // Impossible days are refused by both (the CLI once let Date.parse roll them over).
    expect(() => parseKnownAt('2023-02-30')).toThrow(UsageError);
    expect(() => parseKnownAt('2023-02-30T10:00:00Z')).toThrow(UsageError);
  });
});
