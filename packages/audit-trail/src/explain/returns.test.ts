import type { CommandInput } from '@perfledger/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestLedger, testLedger } from '../test-support/test-ledger.js';
import { explain } from './explain.js';

// Issue 17, item 6: history imported for the first time is the record of its quarter, not a
// back-dated correction; a change to a quarter the ledger already had a return for is one.
const status = (status: string): CommandInput => ({
  type: 'ChangeStatus',
  code: 'PP1920_01',
  effectiveOn: '2019-06-30',
  status,
});
const stated = (status: string): CommandInput => ({
  type: 'RecordReturn',
  code: 'PP1920_01',
  fy: '2019/20',
  quarter: 1,
  status,
});

describe('explain and quarterly returns', () => {
  let t: TestLedger;
  beforeEach(async () => {
    // The 2019/20 history is first imported years later, as a new user would.
    t = await testLedger('2026-12-01T09:00:00Z');
    await t.ledger.execute(
      {
        type: 'RegisterAction',
        code: 'PP1920_01',
        effectiveOn: '2019-04-01',
        title: 'Town centre regeneration',
        plan: 'PDP 2019-20',
        directorate: 'Place',
        section: 'Economic Development',
        dueDate: '2020-03-31',
        statusKey: 'delivery-plan',
      },
      { actor: 'import', correlationId: 'import:q1.csv:2019-06-30' },
    );
    await t.ledger.executeAll([status('Behind > 1 quarter'), stated('Behind > 1 quarter')], {
      actor: 'import',
      correlationId: 'import:q1.csv:2019-06-30',
    });
  });
  afterEach(() => t.cleanup());

  it('the first import of a quarter is that quarter’s record, not "back-dated … 2711 days"', async () => {
    const story = await explain(t.ledger, 'PP1920_01', { field: 'status' });
    // The statement restating the same value is not told as a second change.
    expect(story.changes.map((c) => [c.eventType, c.after, c.backdated, c.returnRecord?.kind])).toEqual([
      ['StatusChanged', 'Behind > 1 quarter', false, 'first'],
    ]);
    expect(story.changes[0]!.backdating.daysLate).toBe(2711);
    expect(story.text).not.toMatch(/back-dated:/);
    expect(story.changes[0]!.sentence).toMatch(
      /It came with the first return recorded for 2019\/20 Q1, recorded 2,?711 days after its effective date, so it is that quarter's record, not a back-dated correction\./,
    );
  });

  it('a later change to a quarter that already had a return is a correction of that return', async () => {
    t.clock.advance(30 * 86_400_000);
    await t.ledger.executeAll([status('Slightly behind'), stated('Slightly behind')], {
      actor: 'internal.audit',
      correlationId: 'import:q1-corrected.csv:2019-06-30',
    });
    const story = await explain(t.ledger, 'PP1920_01', { field: 'status' });
    expect(story.changes.map((c) => [c.after, c.backdated, c.returnRecord?.kind])).toEqual([
      ['Behind > 1 quarter', false, 'first'],
      ['Slightly behind', true, 'correction'],
    ]);
    expect(story.changes[1]!.sentence).toMatch(
      /This change corrects the 2019\/20 Q1 return recorded 1 Dec 2026 09:00 UTC: it was recorded 2,?741 days after its effective date/,
    );
  });

  it('a statement that changes a value on its own is told as the return’s statement', async () => {
    t.clock.advance(86_400_000);
    await t.ledger.execute(
      { type: 'RecordReturn', code: 'PP1920_01', fy: '2019/20', quarter: 2, status: 'Slightly behind' },
      { actor: 'officer', correlationId: 'import:q2.csv:2019-09-30' },
    );
    const story = await explain(t.ledger, 'PP1920_01', { field: 'status' });
    expect(story.changes.at(-1)?.sentence).toMatch(
      /the 2019\/20 Q2 return stated the status of PP1920_01 as Slightly behind \(it had been Behind > 1 quarter\), effective 30 Sep 2019\..*first return recorded for 2019\/20 Q2/,
    );
  });
});
