import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// Issue 17: returns are facts, sign-off before publication, restatements by quarter.
const HEADER = 'code,title,directorate,section,plan,stage,due_date,percent_complete,status,comments';
const PLAN = 'Promoting Prosperity PDP 2019-20';
const line = (code: string, status: string, percent: string) =>
  `${code},Action ${code},Place,Economic Development,${PLAN},In Progress,31 March 2020,${percent},${status},Comment on ${code}`;

let dir: string;
const { run, out, err } = cliHarness(() => dir);
const file = (name: string, rows: readonly string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
  return path;
};
const importFile = (path: string, asOf: string) =>
  run('import', path, '--as-of', asOf, '--status-key', 'delivery-plan');
const signOff = (step: string, actor: string) =>
  run('return', step, '--fy', '2019/20', '--quarter', '1', '--plan', PLAN, '--actor', actor);

beforeEach(async () => {
  dir = makeTempDir('perfledger-cli-returns-');
  expect(
    await importFile(
      file('q1.csv', [line('PP01', 'Behind > 1 quarter', '20%'), line('PP02', 'Slightly behind', '40%')]),
      '2019-06-30',
    ),
  ).toBe(0);
});
afterEach(() => removeTempDir(dir));

describe('perfledger and quarterly returns', () => {
  it('prints true counts and tells a correction from the first record of a quarter', async () => {
    expect(out()).toMatch(
      /2 rows, 2 new actions, .* 2 rows changed, 0 rows unchanged\.\nReturn 2019\/20 Q1: 2 statements recorded\.\n/,
    );
    expect(
      await importFile(
        file('q2.csv', [line('PP01', 'Behind > 1 quarter', '20%'), line('PP02', 'Slightly behind', '60%')]),
        '2019-09-30',
      ),
    ).toBe(0);
    expect(out()).toMatch(
      /1 rows changed, 1 rows unchanged\.\nReturn 2019\/20 Q2: 2 statements recorded\.\n/,
    );
    const corrected = file('q1-corrected.csv', [
      line('PP01', 'Slightly behind', '20%'),
      line('PP02', 'Slightly behind', '40%'),
    ]);
    expect(await importFile(corrected, '2019-06-30')).toBe(0);
    expect(out()).toMatch(
      /1 rows changed, 1 rows unchanged \(1 already recorded\)\.\nReturn 2019\/20 Q1: 1 statements recorded, 1 correcting the return already recorded for that quarter\.\n/,
    );
    expect(await importFile(corrected, '2019-06-30')).toBe(0);
    expect(out()).toMatch(
      /^Nothing new: the ledger already holds every row of this file for its date; nothing appended\./,
    );
  });

  it('a quarter is published only once its return is approved, or with --allow-unapproved, which the report says', async () => {
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--publish')).toBe(2);
    expect(err()).toMatch(
      /The 2019\/20 Q1 return is not approved for 'Promoting Prosperity PDP 2019-20' \(not submitted\); approve it first \(perfledger return approve\), or publish with --allow-unapproved\. Nothing was published\./,
    );
    // Nothing published (checking the chain first may record how far it was verified).
    expect(await run('report', 'list', '--format', 'json')).toBe(0);
    expect(JSON.parse(out())).toEqual([]);

    expect(await signOff('submit', 'j.smith')).toBe(0);
    expect(out()).toMatch(
      /return of 'Promoting Prosperity PDP 2019-20': NOT APPROVED \(submitted, awaiting approval\)\.\nSubmitted by j\.smith/,
    );
    expect(await signOff('approve', 'j.smith')).toBe(1);
    expect(err()).toMatch(/submitted by j\.smith; it must be approved by someone else/);

    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '1',
        '--publish',
        '--allow-unapproved',
        '--format',
        'md',
      ),
    ).toBe(0);
    expect(out()).toMatch(
      /\| Promoting Prosperity PDP 2019-20 \| NOT APPROVED \(submitted, awaiting approval\) \| j\.smith \| - \|/,
    );
    expect(err()).toMatch(
      /Published WITHOUT APPROVAL of the return of 'Promoting Prosperity PDP 2019-20' \(submitted\)/,
    );

    expect(await signOff('approve', 'head.of.service')).toBe(0);
    expect(out()).toMatch(/: approved\.\n.*\nApproved by head\.of\.service/);
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--publish')).toBe(0);
    expect(out()).toMatch(/Promoting Prosperity PDP 2019-20 +approved +j\.smith +head\.of\.service/);
    expect(await run('report', 'list', '--format', 'json')).toBe(0);
    const notes = (JSON.parse(out()) as { note: string | null }[]).map((r) => r.note);
    expect(notes).toEqual([
      'Published with returns not approved: Promoting Prosperity PDP 2019-20 (submitted).',
      null,
    ]);
  });

  it('marks an action with no return in the quarter "not updated"', async () => {
    expect(await importFile(file('q2.csv', [line('PP01', 'Behind > 1 quarter', '20%')]), '2019-09-30')).toBe(
      0,
    );
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '2')).toBe(0);
    expect(out()).toMatch(/Not updated for the quarter \(no return, no change\): 1 \(50%\)/);
    expect(out()).toMatch(/PP02 .*open, not updated/);
  });

  it('the restatement report shows what changed for which quarter', async () => {
    expect(
      await importFile(
        file('q2.csv', [line('PP01', 'Behind > 1 quarter', '20%'), line('PP02', 'Slightly behind', '60%')]),
        '2019-09-30',
      ),
    ).toBe(0);
    // Q1: a registration and 3 events a row (progress, status with the comment as its reason, the
    // statement); Q2: PP01's statement, PP02's progress and statement.
    const cutOff = '11';
    expect(
      await importFile(
        file('q1-corrected.csv', [
          line('PP01', 'Slightly behind', '20%'),
          line('PP02', 'Slightly behind', '40%'),
        ]),
        '2019-06-30',
      ),
    ).toBe(0);
    expect(
      await run('report', 'restatements', '--fy', '2019/20', '--known-at', cutOff, '--format', 'csv'),
    ).toBe(0);
    expect(out().trim().split(/\r?\n/)).toEqual([
      'Quarter,Action,Change,Field,As known then,As now known',
      'Q1,PP01,changed,status,Behind > 1 quarter,Slightly behind',
    ]);
  });

  it('refuses to sign off on a ledger that does not exist, creating nothing', async () => {
    dir = makeTempDir('perfledger-cli-returns-empty-');
    expect(await signOff('submit', 'j.smith')).toBe(2);
    expect(err()).toMatch(/There is no ledger at/);
    expect(existsSync(join(dir, 'perfledger.db'))).toBe(false);
  });
});
