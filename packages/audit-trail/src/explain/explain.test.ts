import {
  createFiscalCalendar,
  type Ledger,
  ProjectionNotReadyError,
  UnknownActionError,
  ValidationError,
} from '@perfledger/core';
import { openReadonlyLedger } from '@perfledger/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditTrailProjection } from '../audit-trail-projection.js';
import { councilLedger, scenarioPublications } from '../test-support/council-scenario.js';
import { type TestLedger, testLedger } from '../test-support/test-ledger.js';
import { explain } from './explain.js';

describe('explain', () => {
  let t: TestLedger;
  beforeEach(async () => {
    t = await councilLedger();
  });
  afterEach(() => t.cleanup());

  it('tells the due date story from the original value, with who, when, why and the state then', async () => {
    const story = await explain(t.ledger, 'DEM1518_02', { publications: scenarioPublications });
    expect(story.sentences[0]).toBe(
      'DEM1518_02 was registered on 1 Apr 2015 (recorded 1 Apr 2015 09:00 UTC by p.officer) with a due date of 30 Jun 2019.',
    );
    expect(story.sentences[1]).toBe(
      'On 15 Jul 2019 (recorded 15 Jul 2019 09:30 UTC by j.smith) the due date of DEM1518_02 moved from 30 Jun 2019 to 31 Dec 2020 (+550 days, 6 quarters), effective 1 Jul 2019. Reason: Due date revised from June 2019. Approved by Cabinet (ref CAB/19/07). At that point the action was 5% complete with status In Progress.',
    );
    expect(story.sentences.at(-1)).toBe(
      'In all, the due date of DEM1518_02 changed 2 times after registration; it is now 31 Mar 2021.',
    );
    expect(story.text).toBe(story.sentences.join('\n'));
    expect(story.origin).toMatchObject({
      value: '2019-06-30',
      effectiveOn: '2015-04-01',
      actor: 'p.officer',
    });
    expect(story.current).toBe('2021-03-31');
  });

  it('gives each change as data', async () => {
    const [first, second] = (await explain(t.ledger, 'DEM1518_02', { publications: scenarioPublications }))
      .changes;
    expect(first).toMatchObject({
      before: '2019-06-30',
      after: '2020-12-31',
      daysMoved: 550,
      quartersMoved: 6,
      percentComplete: 5,
      status: 'In Progress',
      closed: 'open',
      approver: 'Cabinet',
      approvalReference: 'CAB/19/07',
      backdated: false,
      backdating: { daysLate: 14, quarterEnded: false, beyondTolerance: false, quarter: '2019/20 Q2' },
      afterPublication: [],
    });
    // Recorded in February, effective at the Q3 end, after the Q3 report had gone out.
    expect(second).toMatchObject({
      daysMoved: 90,
      quartersMoved: 1,
      percentComplete: 10,
      backdated: true,
      backdating: {
        daysLate: 41,
        quarterEnded: true,
        beyondTolerance: true,
        quarter: '2019/20 Q3',
        quarterEnd: '2019-12-31',
      },
      afterPublication: [
        { label: '2019/20 Q3', publishedAt: '2020-01-20T10:00:00.000000Z', changesQuarterEndValue: true },
      ],
    });
    expect(second?.sentence).toContain(
      "This change was back-dated: it was recorded 41 days after its effective date, more than the 30 days allowed, and after 2019/20 Q3 had ended (31 Dec 2019). It was recorded after the 2019/20 Q3 report was published (20 Jan 2020 10:00 UTC), and changes the due date as at that quarter's end (31 Dec 2019).",
    );
  });

  it('flags a correction to a published quarter, and says when it no longer changes that quarter', async () => {
    const progress = await explain(t.ledger, 'DEM1518_02', {
      field: 'percentComplete',
      publications: scenarioPublications,
    });
    const correction = progress.changes[1]!;
    expect(correction).toMatchObject({
      before: '5',
      after: '10',
      reason: 'Q1 figure corrected: survey work had been omitted',
    });
    // Effective 30 June, so it touches Q1 (published before it was recorded) but not Q2, whose
    // report came out on 4 November, after the correction.
    expect(correction.afterPublication.map((late) => late.label)).toEqual(['2019/20 Q1']);
    expect(correction.afterPublication[0]?.changesQuarterEndValue).toBe(true);

    t.clock.set('2020-03-01T09:00:00Z');
    await t.ledger.execute({
      type: 'UpdateProgress',
      code: 'DEM1518_02',
      effectiveOn: '2019-09-30',
      percentComplete: 20,
    });
    t.clock.set('2020-03-02T09:00:00Z');
    await t.ledger.execute({
      type: 'UpdateProgress',
      code: 'DEM1518_02',
      effectiveOn: '2019-07-31',
      percentComplete: 15,
    });
    const late = (
      await explain(t.ledger, 'DEM1518_02', {
        field: 'percentComplete',
        publications: scenarioPublications,
      })
    ).changes.at(-1)!;
    expect(late.afterPublication.map((p) => [p.label, p.changesQuarterEndValue])).toEqual([
      ['2019/20 Q2', false],
      ['2019/20 Q3', false],
    ]);
    expect(late.sentence).toContain(
      "though the progress as at that quarter's end (30 Sep 2019) is unchanged",
    );
  });

  it('signs a due date brought forward', async () => {
    t.clock.set('2020-03-01T09:00:00Z');
    await t.ledger.execute(
      {
        type: 'ReviseDueDate',
        code: 'DEM1518_02',
        effectiveOn: '2020-03-01',
        to: '2020-12-31',
        reason: 'Land Registry can start sooner',
      },
      { actor: 'a.jones' },
    );
    const last = (await explain(t.ledger, 'DEM1518_02')).changes.at(-1)!;
    expect(last.sentence).toContain(
      'moved from 31 Mar 2021 to 31 Dec 2020 (-90 days, -1 quarter), effective 1 Mar 2020.',
    );
    expect(last.backdated).toBe(false);
  });

  it('tells the story as known at an earlier time', async () => {
    const story = await explain(t.ledger, 'DEM1518_02', { knownAt: '2019-12-31T23:59:59Z' });
    expect(story.changes).toHaveLength(1);
    expect(story.current).toBe('2020-12-31');
    expect(story.sentences.at(-1)).toBe(
      `In all, the due date of DEM1518_02 changed 1 time after registration; as known at position ${story.position} it was 31 Dec 2020.`,
    );
  });

  it('tells closure and status stories, and fields never changed', async () => {
    const closure = await explain(t.ledger, 'RBCS1620_05', { field: 'closed' });
    expect(closure.sentences[0]).toContain('as an open action.');
    expect(closure.sentences[1]).toBe(
      'On 20 Oct 2019 (recorded 20 Oct 2019 11:15 UTC by j.smith) RBCS1620_05 was closed as completed, effective 30 Sep 2019. Reason: -5% under budget. At that point the action was closed as completed, 90% complete with status Warning. This change was back-dated: it was recorded 20 days after its effective date, after 2019/20 Q2 had ended (30 Sep 2019).',
    );
    const revision = (await explain(t.ledger, 'RBCS1620_05')).changes[0]!;
    expect(revision.sentence).toContain(
      'Reason: Implementation date delayed to September 2019 allowing further testing. Note: E-forms are continuing to be developed.',
    );
    const owner = await explain(t.ledger, 'RBCS1620_05', { field: 'owner' });
    expect(owner.sentences).toEqual([
      'RBCS1620_05 was registered on 1 Apr 2015 (recorded 1 Apr 2015 09:00 UTC by p.officer) with no owner.',
      'The owner of RBCS1620_05 has not changed since registration.',
    ]);
  });

  it('uses the tolerance and calendar it is given', async () => {
    const strict = (await explain(t.ledger, 'DEM1518_02', { backdatedAfterDays: 7 })).changes[0]!;
    expect(strict.backdated).toBe(true);
    expect(strict.sentence).toContain(
      'recorded 14 days after its effective date, more than the 7 days allowed.',
    );
    // A January-start year: 30 Jun 2019 is in 2019 Q2 and 31 Dec 2020 in 2020 Q4, still six boundaries.
    const january = (
      await explain(t.ledger, 'DEM1518_02', { calendar: createFiscalCalendar({ startMonth: 1 }) })
    ).changes[1]!;
    expect(january.backdating.quarter).toBe('2019 Q4');
    expect(january.quartersMoved).toBe(1);
  });

  it('refuses unknown actions and bad options', async () => {
    await expect(explain(t.ledger, 'NOPE_01')).rejects.toThrow(UnknownActionError);
    await expect(explain(t.ledger, 'DEM1518_02', { knownAt: { position: 0 } })).rejects.toThrow(
      UnknownActionError,
    );
    await expect(
      explain(t.ledger, 'DEM1518_02', { field: 'due' as never, backdatedAfterDays: -1 }),
    ).rejects.toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({ path: ['field'] }),
          expect.objectContaining({ path: ['backdatedAfterDays'] }),
        ],
      }),
    );
    await expect(
      explain(t.ledger, 'DEM1518_02', {
        publications: [{ fy: '2019/21', quarter: 5 as never, publishedAt: 'August' }],
      }),
    ).rejects.toThrow(ValidationError);
  });

  it('refuses an unknown or misplaced option, naming it', async () => {
    const nested = await explain(t.ledger, 'DEM1518_02', {
      basis: { knownAt: { position: 0 } },
    } as never).catch((caught: unknown) => caught);
    expect(nested).toBeInstanceOf(ValidationError);
    expect((nested as ValidationError).message).toContain("'basis'");
    expect((nested as ValidationError).issues.map((issue) => issue.path)).toEqual([['basis']]);
    await expect(explain(t.ledger, 'DEM1518_02', { feild: 'owner' } as never)).rejects.toThrow(/'feild'/);
    await expect(explain(t.ledger, 'DEM1518_02', { knownAt: 'soon' })).rejects.toThrow(ValidationError);
  });
});

describe('explain readiness', () => {
  it('refuses with ProjectionNotReadyError while the audit projection is behind', async () => {
    const t = await testLedger('2019-04-01T09:00:00Z', { projectionMode: 'catch-up' });
    let auditor: Ledger | undefined;
    try {
      await t.ledger.execute({
        type: 'RegisterAction',
        code: 'FP1922_02',
        title: 'Budget setting',
        plan: 'Finance Plan',
        directorate: 'Resources',
        section: 'Finance',
        dueDate: '2020-03-31',
        statusKey: 'rag',
      });
      await t.ledger.projections.catchUp();
      t.clock.set('2019-05-01T09:00:00Z');
      await t.ledger.execute({
        type: 'ReviseDueDate',
        code: 'FP1922_02',
        to: '2020-06-30',
        reason: 'Consultation extended',
      });
      auditor = await openReadonlyLedger(t.file, { projections: [auditTrailProjection] });
      const error = await explain(auditor, 'FP1922_02').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProjectionNotReadyError);
      expect(error).toMatchObject({ projection: 'audit', position: 1, required: 2 });
      expect((await explain(auditor, 'FP1922_02', { knownAt: { position: 1 } })).current).toBe('2020-03-31');
      await t.ledger.projections.catchUp();
      expect((await explain(auditor, 'FP1922_02')).current).toBe('2020-06-30');
    } finally {
      await auditor?.close();
      await t.cleanup();
    }
  });
});
