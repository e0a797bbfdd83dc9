import {
  type BusinessDate,
  createFiscalCalendar,
  ProjectionNotReadyError,
  ukFiscalCalendar,
  ValidationError,
} from '@perfledger/core';
import { openLedger, openReadonlyLedger } from '@perfledger/sqlite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount } from './format-count.js';
import { quarterEndProjection } from './quarter-end-projection.js';
import { quarterEndView } from './quarter-end-view.js';
import { expectedItems } from './test-support/expected-items.js';
import { historyArb, playHistory } from './test-support/random-history.js';
import { Q2_PUBLISHED, seedLedger } from './test-support/seed-ledger.js';
import { appendWithoutProjection, createTestLedger } from './test-support/test-ledger.js';

const sum = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('quarterEndView on a seed-shaped ledger (2019/20 Q2)', () => {
  it('lists every action as at the quarter end, excluding those closed in an earlier year', async () => {
    const t = await seedLedger();
    try {
      const view = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2 });
      expect(view).toMatchObject({
        fy: '2019/20',
        quarter: 2,
        quarterStart: '2019-07-01',
        quarterEnd: '2019-09-30',
        basis: { kind: 'now', position: (await t.ledger.head()).position },
        warningWindowDays: 30,
        total: 8,
      });
      expect(
        view.items.map((item) => [item.code, item.percentComplete, item.status, item.derivedStatus]),
      ).toEqual([
        ['1.02.20', 60, 'Green', 'Overdue'],
        ['DEM1518_02', 5, 'In Progress', 'In Progress'],
        ['FP1922_01', 100, 'Completed', 'Completed'],
        ['FP1922_02', 90, 'Overdue', 'Overdue'],
        ['FP1922_03', 60, 'Warning', 'In Progress'],
        ['FP1922_04', 100, 'Completed', 'Overdue'],
        // Nothing reported yet: % complete unknown, never 0.
        ['ICT1920_01', null, null, 'In Progress'],
        ['RBCS1620_05', 90, 'Warning', 'Warning'],
      ]);
      const dem = view.items.find((item) => item.code === 'DEM1518_02')!;
      expect(dem).toEqual({
        code: 'DEM1518_02',
        title: 'Transfer of Land Charges function to Land Registry',
        description: null,
        plan: 'Resources Business Plan 2019-22',
        directorate: 'Resources',
        section: 'Democratic Services',
        owner: 'Head of Service',
        statusKey: 'pentana',
        registeredOn: '2019-04-01',
        originalDueDate: '2019-06-30',
        dueDate: '2020-12-31',
        percentComplete: 5,
        status: 'In Progress',
        derivedStatus: 'In Progress',
        open: true,
        closed: null,
        lastComment: null,
        notUpdated: false,
      });
      expect(view.items.find((item) => item.code === 'FP1922_01')).toMatchObject({
        open: false,
        closed: { outcome: 'completed', effectiveOn: '2019-05-31' },
        lastComment: {
          text: 'Financial Accounts 2018/19 completed by 31 May 2019 deadline.',
          effectiveOn: '2019-05-31',
        },
      });
    } finally {
      await t.cleanup();
    }
  });

  it('counts by reported and derived status, with zeros, overall and by group', async () => {
    const t = await seedLedger();
    try {
      const view = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2 });
      expect(view.counts).toEqual({
        'Not Started': 0,
        'In Progress': 1,
        Warning: 2,
        Overdue: 1,
        Completed: 2,
        Cancelled: 0,
        Green: 1,
        Amber: 0,
        Red: 0,
        Complete: 0,
        'Not reported': 1,
      });
      expect(view.derivedCounts).toEqual({
        'In Progress': 3,
        Warning: 1,
        Overdue: 3,
        Completed: 1,
        Cancelled: 0,
      });
      expect(formatCount(view.derivedCounts.Overdue, view.total)).toBe('3 (37.5%)');
      expect(view.groups.directorate.map((g) => [g.name, g.total])).toEqual([
        ['Resources', 7],
        ['Revenues', 1],
      ]);
      expect(view.groups.section.map((g) => [g.directorate, g.name, g.total])).toEqual([
        ['Resources', 'Democratic Services', 1],
        ['Resources', 'Finance Services', 4],
        ['Resources', 'ICT', 1],
        ['Resources', 'Regeneration', 1],
        ['Revenues', 'Revenues, Benefits and Customer Services', 1],
      ]);
      const finance = view.groups.section.find((g) => g.name === 'Finance Services')!;
      expect(Object.keys(finance.counts)).toEqual(Object.keys(view.counts));
      expect(finance.derivedCounts).toEqual({
        'In Progress': 1,
        Warning: 0,
        Overdue: 2,
        Completed: 1,
        Cancelled: 0,
      });
      expect(view.groups.plan).toHaveLength(1);
    } finally {
      await t.cleanup();
    }
  });

  it('flags reported statuses that contradict the facts', async () => {
    const t = await seedLedger();
    try {
      const view = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2 });
      expect(view.disagreements.map((d) => [d.code, d.rule])).toEqual([
        ['1.02.20', 'on-track-but-overdue'],
        ['FP1922_04', 'reported-completed-but-open'],
      ]);
      expect(view.disagreements[0]!.message).toBe('Reported Green, but past its due date (2019-08-31).');
    } finally {
      await t.cleanup();
    }
  });

  it('shows the report as published: what the ledger knew at the cut-off', async () => {
    const t = await seedLedger();
    try {
      const published = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2, knownAt: Q2_PUBLISHED });
      expect(published.basis).toEqual({
        kind: 'known-at',
        knownAt: Q2_PUBLISHED,
        position: await t.ledger.positionAt(Q2_PUBLISHED),
      });
      expect(published.total).toBe(7);
      expect(published.items.find((item) => item.code === 'FP1922_03')!.percentComplete).toBe(50);
      expect(published.counts['Not reported']).toBeUndefined();
    } finally {
      await t.cleanup();
    }
  });

  it('counts an action closed earlier in the same year, and one closed in the previous year in that year', async () => {
    const t = await seedLedger();
    try {
      const q3 = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 3 });
      expect(q3.items.find((item) => item.code === 'FP1922_02')).toMatchObject({
        derivedStatus: 'Completed',
        open: false,
      });
      expect(q3.items.some((item) => item.code === 'FP1819_07')).toBe(false);
      const lastYear = await quarterEndView(t.ledger, { fy: 2018, quarter: 4 });
      expect(lastYear.items.map((item) => [item.code, item.derivedStatus])).toEqual([
        ['FP1819_07', 'Completed'],
      ]);
    } finally {
      await t.cleanup();
    }
  });

  it('filters by plan, directorate and section, as at the quarter end', async () => {
    const t = await seedLedger();
    try {
      const finance = await quarterEndView(t.ledger, {
        fy: '2019/20',
        quarter: 2,
        section: 'Finance Services',
      });
      expect(finance.items.map((item) => item.code)).toEqual([
        'FP1922_01',
        'FP1922_02',
        'FP1922_03',
        'FP1922_04',
      ]);
      const revenues = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2, directorate: 'Revenues' });
      expect(revenues.total).toBe(1);
      expect(
        (await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2, plan: 'No such plan' })).items,
      ).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });

  it('honours the warning window', async () => {
    const t = await seedLedger();
    try {
      const narrow = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2, warningWindowDays: 0 });
      expect(narrow.derivedCounts.Warning).toBe(1); // RBCS1620_05 is due on the quarter end itself
      const wide = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2, warningWindowDays: 92 });
      expect(wide.items.find((item) => item.code === 'FP1922_03')!.derivedStatus).toBe('Warning');
    } finally {
      await t.cleanup();
    }
  });

  it('uses another organisation’s financial year when given its calendar', async () => {
    const t = await seedLedger();
    try {
      const july = createFiscalCalendar({ startMonth: 7 });
      const view = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 1, calendar: july });
      expect(view).toMatchObject({ quarterStart: '2019-07-01', quarterEnd: '2019-09-30' });
      // FP1922_01 closed in May, before the July year began.
      expect(view.items.some((item) => item.code === 'FP1922_01')).toBe(false);
    } finally {
      await t.cleanup();
    }
  });

  it('works on a read-only ledger', async () => {
    const t = await seedLedger();
    try {
      const auditor = await openReadonlyLedger(t.file, { projections: [quarterEndProjection] });
      try {
        expect((await quarterEndView(auditor, { fy: '2019/20', quarter: 2 })).total).toBe(8);
      } finally {
        await auditor.close();
      }
    } finally {
      await t.cleanup();
    }
  });
});

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

const register = {
  kind: 'register',
  code: 'FP1922_02',
  eff: 0,
  due: 100,
  plan: 'P',
  directorate: 'D',
  section: 'S',
  statusKey: 'rag',
  owner: undefined,
} as const;

describe('quarterEndView refuses', () => {
  it('bad options, naming each', async () => {
    const t = await createTestLedger();
    try {
      const attempt = async (options: unknown) => {
        const error = await rejection(quarterEndView(t.ledger, options as never));
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).issues.map((issue) => issue.path.join('.'));
      };
      expect(await attempt({ fy: '2023/25', quarter: 5 })).toEqual(['quarter', 'fy']);
      expect(await attempt({ fy: '2023/24', quarter: 3, warningWindowDays: -1, plan: '' })).toEqual([
        'warningWindowDays',
        'plan',
      ]);
      expect(await attempt({ fy: '2023/24', quarter: 3, knownAt: 'yesterday' })).toEqual(['knownAt']);
      expect(await attempt({ fy: '2023/24', quarter: 3, knownAt: { position: -1 } })).toEqual([
        'knownAt.position',
      ]);
      expect(
        await attempt({
          fy: '2023/24',
          quarter: 3,
          disagreementRules: { onTrackValues: { rag: 'Green' }, derivedScaleKeys: 1 },
        }),
      ).toEqual(['disagreementRules.onTrackValues.rag', 'disagreementRules.derivedScaleKeys']);
      expect(await attempt(undefined)).toEqual(['quarterEndView options']);
    } finally {
      await t.cleanup();
    }
  });

  it('unknown and misplaced keys, naming them, rather than ignoring them', async () => {
    const t = await createTestLedger();
    try {
      // The old nested shape: a knownAt that would be silently dropped gives a wrong report.
      const nested = await rejection(
        quarterEndView(t.ledger, { fy: '2023/24', quarter: 3, basis: { knownAt: '2024-01-15' } } as never),
      );
      expect(nested).toBeInstanceOf(ValidationError);
      expect(nested).toMatchObject({ issues: [{ path: ['basis'] }] });
      expect((nested as ValidationError).message).toContain("'basis'");
      expect((nested as ValidationError).message).toContain('quarterEndView options');
      const typo = await rejection(
        quarterEndView(t.ledger, {
          fy: '2023/24',
          quarter: 3,
          knwonAt: '2024-01-15',
          directorat: 'X',
        } as never),
      );
      expect(typo).toMatchObject({ issues: [{ path: ['knwonAt'] }, { path: ['directorat'] }] });
      // A quarter-end report is as at the quarter end: an asAt would contradict fy and quarter.
      const asAt = await rejection(
        quarterEndView(t.ledger, { fy: '2023/24', quarter: 3, asAt: '2023-11-30' } as never),
      );
      expect(asAt).toBeInstanceOf(ValidationError);
      expect(asAt).toMatchObject({ issues: [{ path: ['asAt'] }] });
    } finally {
      await t.cleanup();
    }
  });

  it('to read a projection never built (catch-up mode, before its first catch-up)', async () => {
    const t = await createTestLedger({ mode: 'catch-up' });
    try {
      await playHistory(t.ledger, t.clock, [register]);
      const error = await rejection(quarterEndView(t.ledger, { fy: '2021/22', quarter: 4 }));
      expect(error).toBeInstanceOf(ProjectionNotReadyError);
      expect(error).toMatchObject({
        code: 'PROJECTION_NOT_READY',
        projection: 'quarter_end',
        required: 1,
        position: 0,
      });
      await t.ledger.projections.catchUp();
      expect((await quarterEndView(t.ledger, { fy: '2021/22', quarter: 4 })).total).toBe(1);
    } finally {
      await t.cleanup();
    }
  });

  it('to read, read-only, a projection behind the log, or known beyond its checkpoint', async () => {
    const t = await createTestLedger();
    try {
      await playHistory(t.ledger, t.clock, [register]);
      // Another process appends without the projection: its checkpoint stays at 1.
      await appendWithoutProjection(t, (other) =>
        playHistory(other, t.clock, [{ ...register, code: 'DEM1518_02' }]),
      );
      const auditor = await t.reopen({ readonly: true });
      const error = await rejection(quarterEndView(auditor, { fy: '2021/22', quarter: 4 }));
      expect(error).toBeInstanceOf(ProjectionNotReadyError);
      expect(error).toMatchObject({ projection: 'quarter_end', required: 2, position: 1 });
      // A knownAt beyond the checkpoint needs events the projection has not processed.
      const beyond = await rejection(
        quarterEndView(auditor, { fy: '2021/22', quarter: 4, knownAt: { position: 2 } }),
      );
      expect(beyond).toBeInstanceOf(ProjectionNotReadyError);
      expect(beyond).toMatchObject({ required: 2, position: 1 });
      // As known at the checkpoint, the projection is complete enough.
      const then = await quarterEndView(auditor, { fy: '2021/22', quarter: 4, knownAt: { position: 1 } });
      expect(then.items.map((item) => item.code)).toEqual(['FP1922_02']);
      // A writable ledger holding the projection catches it up before reading.
      expect((await quarterEndView(t.ledger, { fy: '2021/22', quarter: 4 })).total).toBe(2);
      expect((await quarterEndView(auditor, { fy: '2021/22', quarter: 4 })).total).toBe(2);
    } finally {
      await t.cleanup();
    }
  });

  it('to read a projection the ledger was not opened with', async () => {
    const t = await createTestLedger();
    try {
      await playHistory(t.ledger, t.clock, [register]);
      // The table is on the file and up to date, but this ledger does not keep it so.
      const bare = await openLedger({ file: t.file });
      try {
        const error = await rejection(quarterEndView(bare, { fy: '2021/22', quarter: 4 }));
        expect(error).toBeInstanceOf(ProjectionNotReadyError);
        expect(error).toMatchObject({ code: 'PROJECTION_NOT_READY', projection: 'quarter_end' });
      } finally {
        await bare.close();
      }
    } finally {
      await t.cleanup();
    }
  });
});

const quarterArb = fc.record({
  fy: fc.constantFrom('2021/22', '2022/23', '2023/24', '2024/25', '2025/26'),
  quarter: fc.constantFrom(1, 2, 3, 4),
  warningWindowDays: fc.integer({ min: 0, max: 120 }),
});

describe('quarterEndView equals core’s fold', () => {
  it('as now known and as known at any position, for random histories', async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArb,
        quarterArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (steps, q, fraction) => {
          const t = await createTestLedger();
          try {
            await playHistory(t.ledger, t.clock, steps);
            const head = (await t.ledger.head()).position;
            const position = Math.floor(fraction * head);
            const bounds = ukFiscalCalendar.quarterBounds(q.fy, q.quarter as 1 | 2 | 3 | 4);
            const yearStart = ukFiscalCalendar.yearBounds(q.fy).start;
            const expected = (at: number) =>
              expectedItems(t.ledger, {
                quarterEnd: bounds.end,
                yearStart,
                position: at,
                warningWindowDays: q.warningWindowDays,
              });
            const now = await quarterEndView(t.ledger, q);
            expect(now.items).toEqual(await expected(head));
            expect(now.basis).toEqual({ kind: 'now', position: head });
            const then = await quarterEndView(t.ledger, { ...q, knownAt: { position } });
            expect(then.items).toEqual(await expected(position));
            expect(then.basis).toEqual({ kind: 'known-at', knownAt: null, position });
            for (const view of [now, then]) {
              expect(sum(view.counts)).toBe(view.total);
              expect(sum(view.derivedCounts)).toBe(view.total);
              for (const groups of Object.values(view.groups)) {
                expect(groups.reduce((acc: number, g: { total: number }) => acc + g.total, 0)).toBe(
                  view.total,
                );
              }
            }
          } finally {
            await t.cleanup();
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('as known at position N equals the same view of a fresh ledger holding only the first N events', async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArb,
        quarterArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (steps, q, fraction) => {
          const t = await createTestLedger();
          const fresh = await createTestLedger();
          try {
            await playHistory(t.ledger, t.clock, steps);
            const position = Math.floor(fraction * (await t.ledger.head()).position);
            for await (const event of t.ledger.readAll({ upTo: position })) {
              await fresh.ledger.append(event.stream, [
                { type: event.type, effectiveOn: event.effectiveOn, data: event.data } as never,
              ]);
            }
            const then = await quarterEndView(t.ledger, { ...q, knownAt: { position } });
            expect((await quarterEndView(fresh.ledger, q)).items).toEqual(then.items);
          } finally {
            await t.cleanup();
            await fresh.cleanup();
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('as known at a recorded instant is as known at the position reached by then', async () => {
    const t = await seedLedger();
    try {
      const cutOff = '2019-10-31T23:59:59Z';
      const byInstant = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2, knownAt: cutOff });
      const byPosition = await quarterEndView(t.ledger, {
        fy: '2019/20',
        quarter: 2,
        knownAt: { position: await t.ledger.positionAt(cutOff) },
      });
      expect(byInstant.items).toEqual(byPosition.items);
      expect(byInstant.basis.position).toBe(byPosition.basis.position);
      // A plain date means the end of that day, UTC.
      const byDate = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2, knownAt: '2019-10-31' });
      expect(byDate.items).toEqual(byInstant.items);
      expect(byDate.basis).toEqual({
        kind: 'known-at',
        knownAt: '2019-10-31',
        position: byInstant.basis.position,
      });
      // Positions beyond the head mean the head.
      const beyond = await quarterEndView(t.ledger, {
        fy: '2019/20',
        quarter: 2,
        knownAt: { position: 1e9 },
      });
      expect(beyond.basis.position).toBe((await t.ledger.head()).position);
      expect(beyond.items).toEqual((await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2 })).items);
      expect((await t.ledger.projections.status()).find((s) => s.name === 'quarter_end')).toMatchObject({
        state: 'ready',
      });
      const asAt: BusinessDate = byInstant.quarterEnd;
      expect(asAt).toBe('2019-09-30');
    } finally {
      await t.cleanup();
    }
  });
});
