import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explain, queryTrail, trailToCsv, trailToJson } from '@perfledger/audit-trail';
import {
  type BusinessDate,
  createFiscalCalendar,
  isInBusinessDateRange,
  type Ledger,
} from '@perfledger/core';
import { importSnapshot } from '@perfledger/import';
import { quarterEndView, restatements } from '@perfledger/quarter-end';
import { slippageReport, slippageSummary } from '@perfledger/slippage';
import { openLedger } from '@perfledger/sqlite';
import { appendAsOlderBuild } from '@perfledger/sqlite/testing';
import fc from 'fast-check';
import { assertRefused, assertRefusedAsync, describeThrown } from '../support/assert-refused.js';
import { standardProjections } from '../support/standard-projections.js';

// Issue 11, item 2: one accepted value used to break every later report, forever. A due date
// of 31/12/9999 (a "no end date" marker) or 0001-01-01 was imported; then slippage and every
// HTML report failed with "Invalid financial year start 9999" (or 0), and re-importing the real
// date was refused with the same message. This scenario keeps trying: poison dates must be
// refused at every write with a typed error and the bytes unchanged, a ledger an older build
// wrote with them must stay readable by every read model, and a snapshot with the real date
// must repair it.

const HEADER = 'code,title,directorate,section,plan,stage,due_date,percent_complete,status,comments';

/** The "no date" markers and other dates outside BUSINESS_DATE_RANGE, as spreadsheets write them. */
export const POISON_CELLS = [
  '31/12/9999',
  '9999-12-31',
  '01/01/0001',
  '0001-01-01',
  '30/12/1899',
  '31 December 1899',
  '1 January 2200',
  '31-Dec-9999',
] as const;

const poisonCell = fc.constantFrom(...POISON_CELLS);
const poisonIso = fc.constantFrom('9999-12-31', '0001-01-01', '1899-12-30', '2200-01-01', '9999-01-01');

/** Every read model the ledger's users rely on, at the dates a history holds; throws on the first failure. */
export async function readEveryModel(ledger: Ledger, dates: readonly BusinessDate[]): Promise<void> {
  await ledger.getActions();
  for (const asAt of dates) await ledger.getActions({ asAt });
  for (const startMonth of [1, 4, 7]) {
    const calendar = createFiscalCalendar({ startMonth });
    for (const date of dates.filter(isInBusinessDateRange)) {
      const quarter = calendar.quarterOf(date);
      await quarterEndView(ledger, { fy: quarter.fy, quarter: quarter.quarter, calendar });
      await restatements(ledger, {
        fy: quarter.fy,
        quarter: quarter.quarter,
        calendar,
        knownAt: { position: 1 },
      });
    }
    await slippageReport(ledger, { calendar });
    for (const by of ['plan', 'directorate', 'quarter', 'recorded-quarter'] as const) {
      await slippageSummary(ledger, { by, calendar });
    }
  }
  const rows = await queryTrail(ledger);
  await trailToCsv(rows);
  await trailToJson(rows);
  for (const state of await ledger.getActions()) await explain(ledger, state.code);
}

/**
 * Runs `runs` random rounds; returns what went wrong (empty when every guarantee held).
 *
 * @example
 * ```ts
 * const { problems } = await runPoisonDates(50, 42);
 * ```
 */
export async function runPoisonDates(
  runs: number,
  seed: number,
): Promise<{ rounds: number; problems: string[] }> {
  const problems: string[] = [];
  const details = await fc.check(
    fc.asyncProperty(poisonCell, poisonIso, poisonIso, async (cell, legacyDue, legacyEffective) => {
      const dir = mkdtempSync(join(tmpdir(), 'perfledger-poison-'));
      const file = join(dir, 'ledger.db');
      const ledger = await openLedger({ file, projections: standardProjections });
      try {
        const seed = join(dir, 'seed.csv');
        writeFileSync(
          seed,
          `${HEADER}\nOK_1,Normal,Resources,Finance,Plan,In Progress,31/03/2020,10,Green,ok`,
        );
        await importSnapshot(ledger, { file: seed }, { asOf: '2019-06-30' });

        // 1. Every write refuses a poison date, typed, with the bytes unchanged.
        const poisoned = join(dir, 'poisoned.csv');
        writeFileSync(
          poisoned,
          `${HEADER}\nBAD_1,Open-ended,Resources,Finance,Plan,In Progress,"${cell}",10,Green,x`,
        );
        await assertRefusedAsync(
          file,
          async () => await importSnapshot(ledger, { file: poisoned }, { asOf: '2019-09-30' }),
        );
        await assertRefused(
          file,
          async () =>
            await ledger.execute({
              type: 'RegisterAction',
              code: 'BAD_2',
              effectiveOn: '2019-06-30',
              title: 't',
              plan: 'p',
              directorate: 'd',
              section: 's',
              dueDate: legacyDue,
              statusKey: 'rag',
            }),
        );
        await assertRefused(
          file,
          async () =>
            await ledger.execute({
              type: 'ReviseDueDate',
              code: 'OK_1',
              effectiveOn: '2019-09-30',
              to: legacyDue,
              reason: 'r',
            }),
        );
        await assertRefused(
          file,
          async () =>
            await ledger.execute({
              type: 'AddComment',
              code: 'OK_1',
              effectiveOn: legacyEffective,
              comment: 'c',
            }),
        );

        // 2. What an older build wrote stays readable by every read model.
        await appendAsOlderBuild(ledger, [
          {
            stream: 'action:OLD_1',
            type: 'ActionRegistered',
            effectiveOn: legacyEffective,
            data: {
              code: 'OLD_1',
              title: 'Legacy',
              plan: 'Plan',
              directorate: 'Resources',
              section: 'Finance',
              dueDate: legacyDue,
              statusKey: 'rag',
            },
          },
          {
            stream: 'action:OLD_2',
            type: 'ActionRegistered',
            effectiveOn: '2019-06-30',
            data: {
              code: 'OLD_2',
              title: 'Legacy',
              plan: 'Plan',
              directorate: 'Resources',
              section: 'Finance',
              dueDate: legacyDue,
              statusKey: 'rag',
            },
          },
        ]);
        await ledger.projections.catchUp(); // the events written behind the ledger's back
        if (!(await ledger.verify()).ok) throw new Error('the chain no longer verifies');
        const dates = [legacyDue, legacyEffective, '2019-06-30', '2019-09-30'] as BusinessDate[];
        await readEveryModel(ledger, dates);

        // 3. A snapshot with the real date repairs it: a correction, not a slip.
        const fixed = join(dir, 'fixed.csv');
        writeFileSync(
          fixed,
          `${HEADER}\nOLD_2,Legacy,Resources,Finance,Plan,In Progress,31/03/2021,20,Green,`,
        );
        const report = await importSnapshot(ledger, { file: fixed }, { asOf: '2019-09-30' });
        if (report.byType.DueDateCorrected !== 1) {
          throw new Error(`the re-import did not correct the due date: ${JSON.stringify(report.byType)}`);
        }
        const repaired = (await slippageReport(ledger, { code: 'OLD_2' })).actions[0];
        if (repaired?.originalDueDate !== '2021-03-31' || repaired.daysSlipped !== 0) {
          throw new Error(`the correction counted as a slip: ${JSON.stringify(repaired)}`);
        }
        await readEveryModel(ledger, dates);
      } finally {
        await ledger.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: runs, seed },
  );
  if (details.failed) {
    problems.push(
      `counterexample ${fc.stringify(details.counterexample)}: ${describeThrown(details.errorInstance)}`,
    );
  }
  return { rounds: details.numRuns, problems };
}
