import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plottableDateRange } from '@perfledger/committee-report';
import { BUSINESS_DATE_RANGE } from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import { appendAsOlderBuild } from '@perfledger/sqlite/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, ledgerBytes, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// Issue 11, item 2: the original attack, through the CLI. A due date of 31/12/9999 (a common
// "no end date" marker) or 0001-01-01 used to be imported, after which `slippage` and every HTML
// report failed with "Invalid financial year start 9999" (or 0), and re-importing the real date
// was refused with the same message.

const HEADER = 'code,title,directorate,section,plan,stage,due_date,percent_complete,status,comments';
let dir: string;
const { run, out, err } = cliHarness(() => dir);

const db = () => join(dir, 'perfledger.db');
const bytes = () => ledgerBytes(db());
const csv = (name: string, ...rows: string[]) => {
  writeFileSync(join(dir, name), [HEADER, ...rows].join('\n'));
  return name;
};

beforeEach(() => {
  dir = makeTempDir('perfledger-dates-');
});
afterEach(() => removeTempDir(dir));

describe('the business-date range through the CLI', () => {
  it('refuses a snapshot with 31/12/9999 or 0001-01-01, naming row, column, value and range; the ledger is unchanged', async () => {
    expect(
      await run(
        'import',
        csv('q1.csv', 'A3,Normal,Resources,Finance,Plan,In Progress,31/03/2020,10,Green,ok'),
        '--as-of',
        '2019-06-30',
      ),
    ).toBe(0);
    const before = bytes();
    const file = csv(
      'q2.csv',
      'A1,Open-ended,Resources,Finance,Plan,In Progress,31/12/9999,10,Green,ongoing',
      'A2,Ancient,Resources,Finance,Plan,In Progress,0001-01-01,10,Green,ongoing',
    );
    expect(await run('import', file, '--as-of', '2019-09-30')).toBe(1);
    expect(err()).toMatch(/SNAPSHOT_INVALID/);
    expect(err()).toMatch(
      /row 2, due_date: '31\/12\/9999' \(9999-12-31\) is outside the business-date range 1900-01-01 to 2199-12-31; it looks like a "no date" marker: leave the due date blank/,
    );
    expect(err()).toMatch(/row 3, due_date: 0001-01-01 is outside the business-date range/);
    expect(bytes().equals(before)).toBe(true);
    // And every report still works.
    expect(await run('slippage')).toBe(0);
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--format', 'html')).toBe(0);
  });

  it('refuses an --as-of date outside the range as a usage error', async () => {
    expect(await run('import', csv('q1.csv'), '--as-of', '9999-12-31')).toBe(2);
    expect(err()).toMatch(/--as-of 9999-12-31 is outside the business-date range 1900-01-01 to 2199-12-31/);
    expect(existsSync(db())).toBe(false);
  });

  it('reads, verifies, rebuilds and reports a ledger an older build wrote with such dates, then repairs it on re-import', async () => {
    expect(
      await run(
        'import',
        csv('q1.csv', 'A3,Normal,Resources,Finance,Plan,In Progress,31/03/2020,10,Green,ok'),
        '--as-of',
        '2019-06-30',
      ),
    ).toBe(0);
    const ledger = await openLedger({ file: db() });
    const registered = (code: string, dueDate: string) => ({
      stream: `action:${code}`,
      type: 'ActionRegistered' as const,
      effectiveOn: '2019-06-30',
      data: {
        code,
        title: `Legacy ${code}`,
        plan: 'Plan',
        directorate: 'Resources',
        section: 'Finance',
        dueDate,
        statusKey: 'rag',
      },
    });
    await appendAsOlderBuild(ledger, [
      registered('A1', '9999-12-31'),
      registered('A2', '0001-01-01'),
      registered('A4', '2020-03-31'),
      {
        stream: 'action:A4',
        type: 'DueDateRevised',
        effectiveOn: '2019-06-30',
        data: { from: '2020-03-31', to: '9999-12-31', reason: 'open-ended' },
      },
    ]);
    await ledger.close();

    expect(await run('verify')).toBe(0);
    expect(await run('rebuild')).toBe(0);
    for (const format of ['table', 'json', 'csv', 'md']) {
      expect(await run('slippage', '--format', format)).toBe(0);
      expect(await run('trail', '--format', format)).toBe(0);
    }
    expect(await run('slippage', '--format', 'json')).toBe(0);
    expect(JSON.parse(out()).find((a: { code: string }) => a.code === 'A1')).toMatchObject({
      originalDueDate: '9999-12-31',
      flags: { dateOutOfRange: true },
    });
    for (const format of ['table', 'json', 'csv', 'md', 'html']) {
      expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--format', format)).toBe(0);
      expect(err()).toBe('');
    }
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--format', 'html')).toBe(0);
    expect(out()).toMatch(/31 Dec 9999 \(outside the business-date range\)/);
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--format', 'md')).toBe(0);
    expect(out()).toMatch(/\| A1 \| Legacy A1 \| .* \| 9999-12-31 \(out of range\) \|/);
    expect(await run('explain', 'A2')).toBe(0);
    expect(out()).toMatch(
      /with a due date of 1 Jan 0001 \(outside the business-date range 1900-01-01 to 2199-12-31\)/,
    );

    // The repair: re-importing the real dates (once refused with "Invalid financial year start 9999").
    const fixed = csv(
      'q2.csv',
      'A1,Legacy A1,Resources,Finance,Plan,In Progress,31/03/2021,20,Green,',
      'A2,Legacy A2,Resources,Finance,Plan,In Progress,30/06/2020,20,Green,',
      'A4,Legacy A4,Resources,Finance,Plan,In Progress,30/09/2020,20,Green,',
    );
    expect(
      await run('import', fixed, '--as-of', '2019-09-30', '--actor', 'j.smith', '--format', 'json'),
    ).toBe(0);
    expect(JSON.parse(out()).byType).toMatchObject({ DueDateCorrected: 3 });

    expect(await run('slippage', '--format', 'json')).toBe(0);
    const slippage = JSON.parse(out()) as { code: string; [key: string]: unknown }[];
    expect(slippage.find((a) => a.code === 'A1')).toMatchObject({
      originalDueDate: '2021-03-31',
      currentDueDate: '2021-03-31',
      revisionCount: 0,
      daysSlipped: 0,
      flags: { dateOutOfRange: false, behind: false },
      corrections: [
        { recorded: '9999-12-31', corrected: '2021-03-31', correctsOriginal: true, actor: 'j.smith' },
      ],
    });
    // A revision to a marker keeps the honest original; the correction replaces only the marker.
    expect(slippage.find((a) => a.code === 'A4')).toMatchObject({
      originalDueDate: '2020-03-31',
      currentDueDate: '2020-09-30',
      revisionCount: 1,
      daysSlipped: 183,
      flags: { dateOutOfRange: true },
      corrections: [{ recorded: '9999-12-31', corrected: '2020-09-30', correctsOriginal: false }],
    });
    expect(await run('slippage', 'A1')).toBe(0);
    expect(out()).toMatch(/Corrections of a wrongly recorded due date \(not slips\)/);

    // Quarter-end uses the corrected value, back to the quarter the action was registered in.
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--format', 'json')).toBe(0);
    const items = JSON.parse(out()).items as { code: string; dueDate: string; originalDueDate: string }[];
    expect(items.find((item) => item.code === 'A1')).toMatchObject({ dueDate: '2021-03-31' });
    expect(items.find((item) => item.code === 'A2')).toMatchObject({ dueDate: '2020-06-30' });

    expect(await run('explain', 'A1')).toBe(0);
    expect(out()).toMatch(
      /the due date of A1, recorded as 31 Dec 9999 \(outside the business-date range .*\), was corrected to 31 Mar 2021 \(a correction of a wrong record, not a slip: no days or quarters moved\)/,
    );
    expect(await run('trail', 'A1', '--field', 'dueDate', '--format', 'json')).toBe(0);
    expect(JSON.parse(out())).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          eventType: 'DueDateCorrected',
          before: '9999-12-31',
          after: '2021-03-31',
          actor: 'j.smith',
        }),
      ]),
    );
    expect(await run('verify')).toBe(0);
  });

  it('draws the committee timeline over the same range that core accepts', () => {
    expect(plottableDateRange).toEqual(BUSINESS_DATE_RANGE);
  });
});
