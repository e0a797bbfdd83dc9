import {
  type BusinessDate,
  createFiscalCalendar,
  type Ledger,
  LedgerError,
  ProjectionNotReadyError,
  ukFiscalCalendar,
  ValidationError,
} from '@perfledger/core';
import { openLedger, openReadonlyLedger } from '@perfledger/sqlite';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { slippageProjection } from './slippage-projection.js';
import { slippageReport } from './slippage-report.js';
import type { SlippageThreshold } from './slippage-threshold.js';
import { expectedSlippage } from './test-support/expected-slippage.js';
import { applyHistory, dayOf, historyArbitrary } from './test-support/random-history.js';
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

const byCode = (report: Awaited<ReturnType<typeof slippageReport>>, code: string) => {
  const action = report.actions.find((candidate) => candidate.code === code);
  if (action === undefined) throw new Error(`${code} is not in the report`);
  return action;
};

const eventAt = async (ledger: Ledger, position: number) => {
  for await (const event of ledger.readAll({ after: position - 1, upTo: position })) return event;
  throw new Error(`no event at position ${position}`);
};

describe('slippageReport as now known', () => {
  it('gives DEM1518_02 its original due date, current due date and both revisions in full', async () => {
    const { ledger } = track(await openSeedLedger());
    const events = (await ledger.readAction('DEM1518_02')).filter((event) => event.type === 'DueDateRevised');
    const report = await slippageReport(ledger, { code: 'DEM1518_02' });
    expect(report.basis).toEqual({ knownAt: null, position: (await ledger.head()).position, asAt: null });
    expect(report.threshold).toEqual({ quarters: 1 });
    expect(report.actions).toEqual([
      {
        code: 'DEM1518_02',
        title: 'Transfer of Land Charges function to Land Registry',
        plan: 'Corporate Plan 2016-2020',
        directorate: 'Legal Services',
        originalDueDate: '2019-06-30',
        currentDueDate: '2020-12-31',
        revisionCount: 2,
        daysSlipped: 550,
        quartersSlipped: 6,
        flags: { behind: true, revisedMoreThanOnce: true, dateOutOfRange: false },
        corrections: [],
        revisions: [
          {
            from: '2019-06-30',
            to: '2020-03-31',
            daysMoved: 275,
            quartersMoved: 3,
            reason: 'Land Registry migration timetable moved',
            approver: 'Policy and Performance Committee',
            approvalReference: 'PPC 3 July 2019 minute 14',
            actor: 'dem.officer',
            recordedAt: events[0]!.recordedAt,
            effectiveOn: '2019-07-03',
            position: events[0]!.position,
            eventId: events[0]!.eventId,
          },
          {
            from: '2020-03-31',
            to: '2020-12-31',
            daysMoved: 275,
            quartersMoved: 3,
            reason: 'Land Registry confirmed a December 2020 go-live',
            approver: 'Cabinet',
            approvalReference: 'CAB/2020/07',
            actor: 'dem.officer',
            recordedAt: events[1]!.recordedAt,
            effectiveOn: '2020-02-05',
            position: events[1]!.position,
            eventId: events[1]!.eventId,
          },
        ],
      },
    ]);
    expect(events[0]!.recordedAt).toMatch(/^2019-07-10T10:00:0\d\.\d{6}Z$/);
  });

  it('lists every action by code, unrevised ones with no slippage', async () => {
    const { ledger } = track(await openSeedLedger());
    const report = await slippageReport(ledger);
    expect(report.actions.map((action) => action.code)).toEqual([
      '1.02.20',
      'DEM1518_02',
      'FP1922_02',
      'FP1922_03',
      'RBCS1620_05',
    ]);
    expect(byCode(report, 'FP1922_02')).toMatchObject({
      originalDueDate: '2019-06-30',
      currentDueDate: '2019-06-30',
      revisionCount: 0,
      daysSlipped: 0,
      quartersSlipped: 0,
      flags: { behind: false, revisedMoreThanOnce: false },
      revisions: [],
    });
    expect(byCode(report, 'RBCS1620_05')).toMatchObject({
      daysSlipped: 92,
      quartersSlipped: 1,
      revisionCount: 1,
    });
    expect(byCode(report, '1.02.20')).toMatchObject({
      daysSlipped: 91,
      quartersSlipped: 1,
      plan: 'Council Plan 2019-2023',
    });
  });

  it('is plain JSON: what `slippage --format json` prints reads back equal', async () => {
    const { ledger } = track(await openSeedLedger());
    const report = await slippageReport(ledger);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(Object.isFrozen(report.actions[0]!.revisions)).toBe(true);
  });

  it('keeps the revision with the greatest (effective date, position) current when a back-dated one is recorded later', async () => {
    const { ledger, clock } = track(await openSeedLedger());
    clock.jumpTo('2020-03-02T09:00:00Z');
    // Only a raw append can do this: the decider refuses it as a TIMELINE_CONFLICT.
    await ledger.append(
      'action:DEM1518_02',
      [
        {
          type: 'DueDateRevised',
          effectiveOn: '2019-08-01' as BusinessDate,
          data: {
            from: '2020-03-31' as BusinessDate,
            to: '2020-06-30' as BusinessDate,
            reason: 'Late entry of an August decision',
          },
        },
      ],
      { actor: 'data.fix' },
    );
    const dem = byCode(await slippageReport(ledger), 'DEM1518_02');
    expect(dem.currentDueDate).toBe('2020-12-31');
    expect(dem.currentDueDate).toBe((await ledger.getAction('DEM1518_02'))?.dueDate);
    expect(dem.revisions.map((revision) => revision.effectiveOn)).toEqual([
      '2019-07-03',
      '2019-08-01',
      '2020-02-05',
    ]);
    expect(dem.revisionCount).toBe(3);
    expect(dem.daysSlipped).toBe(550);
  });

  it('flags "behind" by fiscal quarters (default 1) or by days', async () => {
    const { ledger } = track(await openSeedLedger());
    const behind = async (options: { thresholdQuarters?: number; thresholdDays?: number }) =>
      (await slippageReport(ledger, options)).actions
        .filter((action) => action.flags.behind)
        .map((action) => action.code);
    expect(await behind({})).toEqual(['1.02.20', 'DEM1518_02', 'RBCS1620_05']);
    expect(await behind({ thresholdQuarters: 2 })).toEqual(['DEM1518_02']);
    expect(await behind({ thresholdDays: 92 })).toEqual(['DEM1518_02', 'RBCS1620_05']);
    expect(await behind({ thresholdDays: 93 })).toEqual(['DEM1518_02']);
    expect((await slippageReport(ledger, { thresholdDays: 92 })).threshold).toEqual({ days: 92 });
    const revisedTwice = (await slippageReport(ledger)).actions.filter(
      (action) => action.flags.revisedMoreThanOnce,
    );
    expect(revisedTwice.map((action) => action.code)).toEqual(['DEM1518_02']);
  });

  it('counts quarters with the calendar asked for; a day across 31 March / 1 April is a quarter in the UK year', async () => {
    const { ledger } = track(await openTestLedger({ start: '2024-01-10T09:00:00Z' }));
    await ledger.execute({
      type: 'RegisterAction',
      code: 'FP1922_02',
      effectiveOn: '2024-01-02',
      title: 'Implement web based Financial Management Software',
      plan: 'Business Plan 2024-27',
      directorate: 'Finance Services',
      section: 'Finance',
      dueDate: '2024-03-31',
      statusKey: 'rag',
    });
    await ledger.execute({
      type: 'ReviseDueDate',
      code: 'FP1922_02',
      effectiveOn: '2024-02-29',
      to: '2024-04-01',
      reason: 'Year-end close',
    });
    const uk = (await slippageReport(ledger)).actions[0]!;
    expect(uk).toMatchObject({ daysSlipped: 1, quartersSlipped: 1, flags: { behind: true } });
    const february = (await slippageReport(ledger, { calendar: createFiscalCalendar({ startMonth: 2 }) }))
      .actions[0]!;
    expect(february).toMatchObject({ daysSlipped: 1, quartersSlipped: 0, flags: { behind: false } });
    expect(february.revisions[0]!.quartersMoved).toBe(0);
  });

  it('filters by code, plan and directorate (as now known, after amendments)', async () => {
    const { ledger } = track(await openSeedLedger());
    const codes = async (options: Parameters<typeof slippageReport>[1]) =>
      (await slippageReport(ledger, options)).actions.map((action) => action.code);
    expect(await codes({ code: 'NOPE_01' })).toEqual([]);
    expect(await codes({ directorate: 'Legal Services' })).toEqual(['DEM1518_02']);
    expect(await codes({ directorate: 'Administrative Services' })).toEqual([]);
    expect(await codes({ plan: 'Council Plan 2019-2023' })).toEqual(['1.02.20']);
    expect(await codes({ plan: 'Corporate Plan 2016-2020', directorate: 'Finance Services' })).toEqual([
      'FP1922_02',
      'FP1922_03',
    ]);
  });
});

describe('slippageReport on both time axes', () => {
  it('as known when the Q3 2023/24 report was published, and the restatement as now known', async () => {
    const { ledger } = track(await openSeedLedger());
    const published = await slippageReport(ledger, {
      code: '1.02.20',
      knownAt: '2024-01-15T23:59:59Z',
      asAt: '2023-12-31',
    });
    expect(published.basis).toEqual({
      knownAt: '2024-01-15T23:59:59Z',
      position: await ledger.positionAt('2024-01-15T23:59:59Z'),
      asAt: '2023-12-31',
    });
    expect(published.actions[0]).toMatchObject({
      currentDueDate: '2023-12-31',
      revisionCount: 0,
      flags: { behind: false },
    });
    const restated = await slippageReport(ledger, { code: '1.02.20', asAt: '2023-12-31' });
    expect(restated.actions[0]).toMatchObject({
      currentDueDate: '2024-03-31',
      revisionCount: 1,
      flags: { behind: true },
    });
  });

  it('as known at the end of 2019: one DEM1518_02 revision, still in Administrative Services, no 1.02.20', async () => {
    const { ledger } = track(await openSeedLedger());
    const report = await slippageReport(ledger, { knownAt: '2019-12-31T23:59:59Z' });
    expect(report.actions.map((action) => action.code)).toEqual([
      'DEM1518_02',
      'FP1922_02',
      'FP1922_03',
      'RBCS1620_05',
    ]);
    expect(byCode(report, 'DEM1518_02')).toMatchObject({
      directorate: 'Administrative Services',
      currentDueDate: '2020-03-31',
      revisionCount: 1,
    });
    const legal = await slippageReport(ledger, {
      directorate: 'Legal Services',
      knownAt: '2019-12-31T23:59:59Z',
    });
    expect(legal.actions).toEqual([]);
  });

  it('as at 31 December 2019 (as now known): the amendment effective 1 January 2020 does not apply yet', async () => {
    const { ledger } = track(await openSeedLedger());
    const dem = byCode(await slippageReport(ledger, { asAt: '2019-12-31' }), 'DEM1518_02');
    expect(dem).toMatchObject({
      directorate: 'Administrative Services',
      currentDueDate: '2020-03-31',
      revisionCount: 1,
    });
  });

  it('accepts knownAt as { position } and caps it at the head', async () => {
    const { ledger } = track(await openSeedLedger());
    expect((await slippageReport(ledger, { knownAt: { position: 0 } })).actions).toEqual([]);
    const beyond = await slippageReport(ledger, { knownAt: { position: 10_000 } });
    expect(beyond.basis.position).toBe((await ledger.head()).position);
    expect(beyond.actions).toEqual((await slippageReport(ledger)).actions);
  });

  it('equals a direct fold of the events known at position N (random histories, calendars, thresholds)', async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArbitrary,
        fc.nat(),
        fc.option(fc.integer({ min: 0, max: 1_300 }), { nil: undefined }),
        fc.integer({ min: 1, max: 12 }),
        fc.oneof(
          fc.integer({ min: 1, max: 6 }).map((quarters): SlippageThreshold => ({ quarters })),
          fc.integer({ min: 1, max: 400 }).map((days): SlippageThreshold => ({ days })),
        ),
        fc.boolean(),
        async (steps, positionSeed, asAtOffset, startMonth, threshold, byTime) => {
          const test = await openTestLedger();
          try {
            await applyHistory(test.ledger, test.clock, steps);
            const head = (await test.ledger.head()).position;
            const position = positionSeed % (head + 1);
            const asAt = asAtOffset === undefined ? undefined : dayOf(asAtOffset);
            const calendar = startMonth === 4 ? ukFiscalCalendar : createFiscalCalendar({ startMonth });
            // A recorded time names the same point as its position: recorded times strictly increase.
            const knownAt =
              byTime && position > 0 ? (await eventAt(test.ledger, position)).recordedAt : { position };
            const report = await slippageReport(test.ledger, {
              knownAt,
              ...(asAt === undefined ? {} : { asAt }),
              calendar,
              ...('days' in threshold
                ? { thresholdDays: threshold.days }
                : { thresholdQuarters: threshold.quarters }),
            });
            expect(report.basis.position).toBe(position);
            expect(report.actions).toEqual(
              await expectedSlippage(test.ledger, position, asAt, calendar, threshold),
            );
          } finally {
            await test.cleanup();
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('slippageReport refuses', () => {
  it('bad options, naming each one', async () => {
    const { ledger } = track(await openSeedLedger());
    const issuesOf = async (options: unknown) => {
      const error = await slippageReport(ledger, options as never).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues.map((issue) => issue.path.join('.'));
    };
    expect(await issuesOf({ treshold: 1 })).toEqual(['treshold']);
    expect(
      (await slippageReport(ledger, { code: undefined, knownAt: undefined, asAt: undefined } as never))
        .actions,
    ).toHaveLength(5);
    expect(await issuesOf({ thresholdQuarters: 1, thresholdDays: 92 })).toEqual(['thresholdDays']);
    expect(await issuesOf({ thresholdQuarters: 0 })).toEqual(['thresholdQuarters']);
    expect(await issuesOf({ thresholdDays: 1.5 })).toEqual(['thresholdDays']);
    expect(await issuesOf({ code: '' })).toEqual(['code']);
    expect(await issuesOf({ plan: 42 })).toEqual(['plan']);
    expect(await issuesOf({ calendar: { startMonth: 4 } })).toEqual(['calendar']);
    expect(await issuesOf({ asAt: '2020-04-31' })).toEqual(['asAt']);
    expect(await issuesOf({ knownAt: 'yesterday' })).toEqual(['knownAt']);
    expect(await issuesOf({ knownAt: { position: -1 } })).toEqual(['knownAt.position']);
    expect(await issuesOf({ knownAt: null })).toEqual(['knownAt']);
    await expect(slippageReport(ledger, 'DEM1518_02' as never)).rejects.toThrow(ValidationError);
    await expect(slippageReport(ledger, null as never)).rejects.toThrow(ValidationError);
  });

  it('an unknown or misplaced option key, naming it in the issues and the message', async () => {
    const { ledger } = track(await openSeedLedger());
    const refusal = async (options: unknown) =>
      slippageReport(ledger, options as never).then(
        () => {
          throw new Error('expected a ValidationError');
        },
        (error: unknown) => {
          expect(error).toBeInstanceOf(ValidationError);
          expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
          return error as ValidationError;
        },
      );
    // The old nested basis: its knownAt would otherwise be ignored and the report be "as now known".
    const nested = await refusal({ code: 'DEM1518_02', basis: { knownAt: '2019-12-31T23:59:59Z' } });
    expect(nested.issues.map((issue) => issue.path.join('.'))).toEqual(['basis']);
    expect(nested.message).toContain("'basis'");
    const misspelt = await refusal({ knownat: '2019-12-31T23:59:59Z' });
    expect(misspelt.issues.map((issue) => issue.path.join('.'))).toEqual(['knownat']);
    expect(misspelt.message).toContain("'knownat'");
    const asOf = await refusal({ asOf: '2020-01-01' });
    expect(asOf.message).toContain("'asOf'");
  });

  it('to answer without the projection, from a projection of another version, or from a stale one', async () => {
    const bare = track(await openTestLedger({ projections: [] }));
    await expect(slippageReport(bare.ledger)).rejects.toThrow(ProjectionNotReadyError);

    const test = track(await openSeedLedger());
    // The writer now runs the projection only when asked to catch up, so it falls behind the next
    // append; a read-only reader cannot catch it up and must refuse rather than answer stale.
    await test.reopen({ projectionMode: 'catch-up' });
    const checkpoint = (await test.ledger.head()).position;
    await test.ledger.execute({
      type: 'AddComment',
      code: 'FP1922_02',
      effectiveOn: '2024-02-01',
      comment: 'Rolled out',
    });
    const reader = await openReadonlyLedger(test.file, { projections: [slippageProjection] });
    try {
      const caught = await slippageReport(reader).catch((error: unknown) => error);
      expect(caught).toBeInstanceOf(ProjectionNotReadyError);
      expect(caught).toMatchObject({
        code: 'PROJECTION_NOT_READY',
        projection: 'slippage',
        position: checkpoint,
        required: checkpoint + 1,
      });
      expect(caught).toBeInstanceOf(LedgerError);
      // What the tables already hold can still be asked about.
      expect((await slippageReport(reader, { knownAt: { position: checkpoint } })).actions).toHaveLength(5);
      await test.ledger.projections.catchUp();
      expect((await slippageReport(reader)).basis.position).toBe(checkpoint + 1);
    } finally {
      await reader.close();
    }

    // Tables built by another version of the projection cannot answer for this one.
    await test.reopen({ projections: [] });
    const other = await openLedger({
      file: test.file,
      projections: [{ ...slippageProjection, version: 99 }],
    });
    await other.close();
    const outdated = await openReadonlyLedger(test.file, { projections: [slippageProjection] });
    try {
      await expect(slippageReport(outdated)).rejects.toThrow(ProjectionNotReadyError);
      await expect(slippageReport(outdated)).rejects.toThrow(/version 99/);
    } finally {
      await outdated.close();
    }
  });
});

it('serves auditors from a read-only connection', async () => {
  const test = track(await openSeedLedger());
  const auditor = await openReadonlyLedger(test.file, { projections: [slippageProjection] });
  try {
    expect(await slippageReport(auditor)).toEqual(await slippageReport(test.ledger));
  } finally {
    await auditor.close();
  }
});
