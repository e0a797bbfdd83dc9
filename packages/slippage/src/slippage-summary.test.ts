import { createFiscalCalendar, ukFiscalCalendar, ValidationError } from '@perfledger/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { slippageReport } from './slippage-report.js';
import { slippageSummary } from './slippage-summary.js';
import { summarizeByAttribute } from './summarize-by-attribute.js';
import { summarizeByQuarter } from './summarize-by-quarter.js';
import { expectedSlippage } from './test-support/expected-slippage.js';
import { applyHistory, historyArbitrary } from './test-support/random-history.js';
import { openSeedLedger } from './test-support/seed-ledger.js';
import { openTestLedger, type TestLedger } from './test-support/test-ledger.js';

const open: TestLedger[] = [];
const track = (test: TestLedger) => {
  open.push(test);
  return test;
};
afterEach(async () => {
  for (const test of open.splice(0)) await test.cleanup();
});

describe('slippageSummary by plan and directorate', () => {
  it('counts actions, revisions, slippage and flags per directorate as now known', async () => {
    const { ledger } = track(await openSeedLedger());
    const summary = await slippageSummary(ledger, { by: 'directorate' });
    expect(summary.by).toBe('directorate');
    expect(summary.threshold).toEqual({ quarters: 1 });
    expect(summary.groups).toEqual([
      {
        key: 'Finance Services',
        actions: 2,
        revisedActions: 0,
        revisions: 0,
        daysSlipped: 0,
        quartersSlipped: 0,
        behind: 0,
        revisedMoreThanOnce: 0,
      },
      {
        key: 'Legal Services',
        actions: 1,
        revisedActions: 1,
        revisions: 2,
        daysSlipped: 550,
        quartersSlipped: 6,
        behind: 1,
        revisedMoreThanOnce: 1,
      },
      {
        key: 'Place',
        actions: 1,
        revisedActions: 1,
        revisions: 1,
        daysSlipped: 91,
        quartersSlipped: 1,
        behind: 1,
        revisedMoreThanOnce: 0,
      },
      {
        key: 'Revenues, Benefits and Customer Services',
        actions: 1,
        revisedActions: 1,
        revisions: 1,
        daysSlipped: 92,
        quartersSlipped: 1,
        behind: 1,
        revisedMoreThanOnce: 0,
      },
    ]);
  });

  it('uses each action’s directorate as known at the basis', async () => {
    const { ledger } = track(await openSeedLedger());
    const then = await slippageSummary(ledger, { by: 'directorate', knownAt: '2019-12-31T23:59:59Z' });
    expect(then.groups.map((group) => [group.key, group.actions, group.revisions])).toEqual([
      ['Administrative Services', 1, 1],
      ['Finance Services', 2, 0],
      ['Revenues, Benefits and Customer Services', 1, 1],
    ]);
  });

  it('groups by plan, with the threshold and filters applied', async () => {
    const { ledger } = track(await openSeedLedger());
    const summary = await slippageSummary(ledger, { by: 'plan', thresholdDays: 93 });
    expect(summary.threshold).toEqual({ days: 93 });
    expect(summary.groups.map((group) => [group.key, group.actions, group.behind])).toEqual([
      ['Corporate Plan 2016-2020', 4, 1],
      ['Council Plan 2019-2023', 1, 0],
    ]);
    const finance = await slippageSummary(ledger, { by: 'plan', directorate: 'Finance Services' });
    expect(finance.groups.map((group) => [group.key, group.actions])).toEqual([
      ['Corporate Plan 2016-2020', 2],
    ]);
  });
});

describe('slippageSummary by quarter', () => {
  it('groups revisions by the fiscal quarter they took effect in', async () => {
    const { ledger } = track(await openSeedLedger());
    const summary = await slippageSummary(ledger, { by: 'quarter' });
    expect(summary.by).toBe('quarter');
    expect(summary.groups).toEqual([
      {
        key: '2019/20 Q1',
        fiscalYear: '2019/20',
        quarter: 1,
        start: '2019-04-01',
        end: '2019-06-30',
        revisions: 1,
        actions: 1,
        daysMoved: 92,
        quartersMoved: 1,
        movedLater: 1,
        movedEarlier: 0,
      },
      {
        key: '2019/20 Q2',
        fiscalYear: '2019/20',
        quarter: 2,
        start: '2019-07-01',
        end: '2019-09-30',
        revisions: 1,
        actions: 1,
        daysMoved: 275,
        quartersMoved: 3,
        movedLater: 1,
        movedEarlier: 0,
      },
      {
        key: '2019/20 Q4',
        fiscalYear: '2019/20',
        quarter: 4,
        start: '2020-01-01',
        end: '2020-03-31',
        revisions: 1,
        actions: 1,
        daysMoved: 275,
        quartersMoved: 3,
        movedLater: 1,
        movedEarlier: 0,
      },
      {
        key: '2023/24 Q3',
        fiscalYear: '2023/24',
        quarter: 3,
        start: '2023-10-01',
        end: '2023-12-31',
        revisions: 1,
        actions: 1,
        daysMoved: 91,
        quartersMoved: 1,
        movedLater: 1,
        movedEarlier: 0,
      },
    ]);
  });

  it('groups revisions by the fiscal quarter the ledger recorded them in', async () => {
    const { ledger } = track(await openSeedLedger());
    const summary = await slippageSummary(ledger, { by: 'recorded-quarter' });
    expect(
      summary.groups.map((group) => [group.key, group.revisions, group.actions, group.daysMoved]),
    ).toEqual([
      ['2019/20 Q2', 2, 2, 367],
      ['2019/20 Q4', 1, 1, 275],
      ['2023/24 Q4', 1, 1, 91],
    ]);
  });

  it('counts brought-forward revisions and uses the calendar asked for', async () => {
    const { ledger, clock } = track(await openSeedLedger());
    clock.jumpTo('2020-03-02T09:00:00Z');
    await ledger.execute(
      {
        type: 'ReviseDueDate',
        code: 'FP1922_03',
        effectiveOn: '2020-03-02',
        to: '2019-09-30',
        reason: 'Done early',
      },
      { actor: 'finance.officer' },
    );
    const uk = await slippageSummary(ledger, { by: 'quarter', directorate: 'Finance Services' });
    expect(uk.groups).toMatchObject([
      { key: '2019/20 Q4', movedEarlier: 1, movedLater: 0, daysMoved: -92, quartersMoved: -1 },
    ]);
    const calendarYear = await slippageSummary(ledger, {
      by: 'quarter',
      directorate: 'Finance Services',
      calendar: createFiscalCalendar({ startMonth: 1 }),
    });
    expect(calendarYear.groups).toMatchObject([{ key: '2020 Q1', start: '2020-01-01', end: '2020-03-31' }]);
  });

  it('rejects a missing or unknown grouping', async () => {
    const { ledger } = track(await openSeedLedger());
    await expect(slippageSummary(ledger, { by: 'section' } as never)).rejects.toThrow(ValidationError);
    await expect(slippageSummary(ledger, {} as never)).rejects.toThrow(ValidationError);
    await expect(slippageSummary(ledger, { by: 'plan', code: 'DEM1518_02' } as never)).rejects.toThrow(
      /unknown key 'code'/,
    );
    // The basis is flat: a nested one is refused, naming the key, rather than silently ignored.
    await expect(
      slippageSummary(ledger, { by: 'plan', basis: { knownAt: '2019-12-31T23:59:59Z' } } as never),
    ).rejects.toThrow(/'basis'/);
  });
});

it('summaries as known at position N group exactly the actions a direct fold gives', async () => {
  await fc.assert(
    fc.asyncProperty(historyArbitrary, fc.nat(), async (steps, positionSeed) => {
      const test = await openTestLedger();
      try {
        await applyHistory(test.ledger, test.clock, steps);
        const position = positionSeed % ((await test.ledger.head()).position + 1);
        const basis = { knownAt: { position } };
        const expected = await expectedSlippage(test.ledger, position, undefined, ukFiscalCalendar, {
          quarters: 1,
        });
        expect((await slippageSummary(test.ledger, { by: 'plan', ...basis })).groups).toEqual(
          summarizeByAttribute(expected, 'plan'),
        );
        expect((await slippageSummary(test.ledger, { by: 'directorate', ...basis })).groups).toEqual(
          summarizeByAttribute(expected, 'directorate'),
        );
        const quarters = (await slippageSummary(test.ledger, { by: 'quarter', ...basis })).groups;
        expect(quarters).toEqual(summarizeByQuarter(expected, 'quarter', ukFiscalCalendar));
        const revisions = (await slippageReport(test.ledger, basis)).actions.reduce(
          (n, a) => n + a.revisionCount,
          0,
        );
        expect(quarters.reduce((n, group) => n + group.revisions, 0)).toBe(revisions);
        expect(
          (await slippageSummary(test.ledger, { by: 'recorded-quarter', ...basis })).groups.reduce(
            (n, g) => n + g.revisions,
            0,
          ),
        ).toBe(revisions);
      } finally {
        await test.cleanup();
      }
    }),
    { numRuns: 30 },
  );
});
