import { approveReturn, type CommandInput, submitReturn } from '@perfledger/core';
import { describe, expect, it } from 'vitest';
import { quarterEndView } from './quarter-end-view.js';
import { restatementReport } from './restatement-report.js';
import { restatements } from './restatements.js';
import { createTestLedger, type TestLedger } from './test-support/test-ledger.js';

// Issue 17: returns are facts (item 1), silence is not a return (item 8), sign-off.
const PLAN = 'Promoting Prosperity PDP 2019-20';
const register = (code: string): CommandInput => ({
  type: 'RegisterAction',
  code,
  effectiveOn: '2019-04-01',
  title: `Action ${code}`,
  plan: PLAN,
  directorate: 'Place',
  section: 'Economic Development',
  dueDate: '2020-03-31',
  statusKey: 'delivery-plan',
});
const stated = (code: string, quarter: 1 | 2, status: string, percentComplete = 20): CommandInput => ({
  type: 'RecordReturn',
  code,
  fy: '2019/20',
  quarter,
  status,
  percentComplete,
});

/** Q1 and Q2 returns; PP1920_02 is missing from the Q2 return. Returns the Q2 publication cut-off. */
async function scenario(t: TestLedger): Promise<number> {
  const { ledger } = t;
  await ledger.executeAll([register('PP1920_01'), register('PP1920_02')], { actor: 'officer' });
  await ledger.executeAll(
    [stated('PP1920_01', 1, 'Behind > 1 quarter'), stated('PP1920_02', 1, 'Slightly behind')],
    {
      actor: 'officer',
    },
  );
  await ledger.execute(stated('PP1920_01', 2, 'Behind > 1 quarter'), { actor: 'officer' });
  return (await ledger.head()).position;
}

describe('quarter-end view and returns', () => {
  it('a back-dated Q1 correction restates Q1; Q2 as now known still says "Behind > 1 quarter"', async () => {
    const t = await createTestLedger();
    try {
      const cutOff = await scenario(t);
      await t.ledger.execute(stated('PP1920_01', 1, 'Slightly behind'), { actor: 'internal.audit' });
      const q2 = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2 });
      expect(q2.items.find((item) => item.code === 'PP1920_01')?.status).toBe('Behind > 1 quarter');
      const q1 = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 1 });
      expect(q1.items.find((item) => item.code === 'PP1920_01')?.status).toBe('Slightly behind');

      // The restatement report says exactly what changed for which quarter.
      const report = await restatementReport(t.ledger, { fy: '2019/20', knownAt: { position: cutOff } });
      expect(report.restated).toEqual([1]);
      const [q1List, q2List] = report.quarters;
      expect(q1List!.items.map((r) => [r.code, r.kind, r.fields])).toEqual([
        ['PP1920_01', 'changed', ['status']],
      ]);
      expect(q1List!.items[0]!.asKnownThen?.status).toBe('Behind > 1 quarter');
      expect(q1List!.items[0]!.asNowKnown?.status).toBe('Slightly behind');
      expect(q1List!.items[0]!.events.map((e) => [e.type, e.actor, e.description])).toEqual([
        ['ReturnStated', 'internal.audit', '2019/20 Q1 return stated status Slightly behind, 20% complete'],
      ]);
      expect(q2List!.items).toEqual([]);
      expect(
        (await restatements(t.ledger, { fy: '2019/20', quarter: 2, knownAt: { position: cutOff } })).items,
      ).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });

  it('an open action with no return and no change in the quarter is "not updated", and counted', async () => {
    const t = await createTestLedger();
    try {
      await scenario(t);
      const q2 = await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2 });
      expect(q2.items.map((item) => [item.code, item.notUpdated, item.status])).toEqual([
        ['PP1920_01', false, 'Behind > 1 quarter'],
        // Still Q1's values, but marked: silence is not a return.
        ['PP1920_02', true, 'Slightly behind'],
      ]);
      expect(q2.notUpdated).toBe(1);
      expect((await quarterEndView(t.ledger, { fy: '2019/20', quarter: 1 })).notUpdated).toBe(0);
      // A closed action is not expected to report again.
      await t.ledger.execute({
        type: 'CloseAction',
        code: 'PP1920_02',
        effectiveOn: '2019-06-30',
        outcome: 'completed',
      });
      expect((await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2 })).notUpdated).toBe(0);
    } finally {
      await t.cleanup();
    }
  });

  it('says whether each plan’s return for the quarter was approved, on the view’s basis', async () => {
    const t = await createTestLedger();
    try {
      await scenario(t);
      const which = { fy: '2019/20', quarter: 1, plan: PLAN } as const;
      expect((await quarterEndView(t.ledger, { fy: '2019/20', quarter: 1 })).signOff).toMatchObject([
        { plan: PLAN, state: 'not submitted' },
      ]);
      await submitReturn(t.ledger, { ...which, actor: 'j.smith' });
      await approveReturn(t.ledger, { ...which, actor: 'head.of.service', note: 'Evidence checked' });
      const approvedAt = (await t.ledger.head()).position;
      expect((await quarterEndView(t.ledger, { fy: '2019/20', quarter: 1 })).signOff).toMatchObject([
        {
          plan: PLAN,
          state: 'approved',
          submitted: { actor: 'j.smith' },
          approved: { actor: 'head.of.service', note: 'Evidence checked' },
        },
      ]);
      expect((await quarterEndView(t.ledger, { fy: '2019/20', quarter: 2 })).signOff[0]?.state).toBe(
        'not submitted',
      );
      await t.ledger.execute(stated('PP1920_01', 1, 'Slightly behind'), { actor: 'internal.audit' });
      expect((await quarterEndView(t.ledger, { fy: '2019/20', quarter: 1 })).signOff[0]).toMatchObject({
        state: 'changed since approval',
        changedSinceApproval: ['PP1920_01'],
      });
      const asReported = await quarterEndView(t.ledger, {
        fy: '2019/20',
        quarter: 1,
        knownAt: { position: approvedAt },
      });
      expect(asReported.signOff[0]?.state).toBe('approved');
    } finally {
      await t.cleanup();
    }
  });
});
