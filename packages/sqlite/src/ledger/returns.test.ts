import {
  approveReturn,
  type CommandInput,
  type Ledger,
  RuleViolationError,
  readReturnSignOff,
  returnStream,
  submitReturn,
  ValidationError,
} from '@perfledger/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempLedger, ledgerBytes, steppingClock, type TempLedger } from '../testing/index.js';

// Issue 17: a quarterly return is a fact (ReturnStated), submitted by one officer and approved by another.
const PLAN = 'Promoting Prosperity PDP 2019-20';
const register: CommandInput = {
  type: 'RegisterAction',
  code: 'PP1920_01',
  effectiveOn: '2019-04-01',
  title: 'Town centre regeneration',
  plan: PLAN,
  directorate: 'Place',
  section: 'Economic Development',
  dueDate: '2020-03-31',
  statusKey: 'delivery-plan',
};
const stated = (quarter: 1 | 2 | 3 | 4, status: string, extra: object = {}): CommandInput => ({
  type: 'RecordReturn',
  code: 'PP1920_01',
  fy: '2019/20',
  quarter,
  status,
  percentComplete: 20,
  ...extra,
});

let temp: TempLedger;
let ledger: Ledger;
beforeEach(async () => {
  temp = await createTempLedger({ clock: steppingClock('2019-07-05T09:00:00Z', 3_600_000) });
  ledger = temp.ledger;
  await ledger.execute(register, { actor: 'officer' });
});
afterEach(() => temp.cleanup());

describe('RecordReturn', () => {
  it('records a statement on the quarter end, canonical status, changed or not', async () => {
    await ledger.execute(stated(1, 'Δ'));
    await ledger.execute(stated(2, 'behind > 1 quarter'));
    const events = (await ledger.readAction('PP1920_01')).filter((event) => event.type === 'ReturnStated');
    expect(events.map((event) => [event.effectiveOn, event.data])).toEqual([
      [
        '2019-06-30',
        {
          fy: '2019/20',
          quarter: 1,
          status: 'Behind > 1 quarter',
          percentComplete: 20,
          dueDate: null,
          dueDateText: null,
          comment: null,
        },
      ],
      [
        '2019-09-30',
        {
          fy: '2019/20',
          quarter: 2,
          status: 'Behind > 1 quarter',
          percentComplete: 20,
          dueDate: null,
          dueDateText: null,
          comment: null,
        },
      ],
    ]);
  });

  it('a back-dated Q1 correction restates Q1 and leaves the Q2 statement standing', async () => {
    await ledger.execute(stated(1, 'Behind > 1 quarter'));
    await ledger.execute(stated(2, 'Behind > 1 quarter'));
    await ledger.execute(stated(1, 'Slightly behind'));
    expect((await ledger.getAction('PP1920_01', { asAt: '2019-06-30' }))?.status).toBe('Slightly behind');
    expect((await ledger.getAction('PP1920_01', { asAt: '2019-09-30' }))?.status).toBe('Behind > 1 quarter');
  });

  it('recording the same statement again appends nothing', async () => {
    await ledger.execute(stated(1, 'Behind > 1 quarter'));
    const again = await ledger.execute(stated(1, 'Behind > 1 quarter', { note: 'resent' }));
    expect(again.events).toEqual([]);
  });

  it('is accepted on a closed action: a return restates completed actions too', async () => {
    await ledger.execute({
      type: 'CloseAction',
      code: 'PP1920_01',
      effectiveOn: '2019-05-31',
      outcome: 'completed',
    });
    const result = await ledger.execute(stated(1, 'Completed', { percentComplete: 100 }));
    expect(result.events.map((event) => event.type)).toEqual(['ReturnStated']);
  });

  it('refuses bad input with a typed error naming the problem, writing nothing', async () => {
    const before = ledgerBytes(temp.file);
    const refused = async (command: CommandInput) => {
      const error = await ledger.execute(command).catch((caught: unknown) => caught);
      expect(ledgerBytes(temp.file).equals(before)).toBe(true);
      return error;
    };
    const notEnd = await refused(stated(1, 'Slightly behind', { effectiveOn: '2019-06-29' }));
    expect(notEnd).toBeInstanceOf(RuleViolationError);
    expect(notEnd).toMatchObject({ rule: 'RETURN_NOT_AT_QUARTER_END' });
    expect((notEnd as Error).message).toMatch(
      /2019-06-29, which is not the end of that quarter \(2019-06-30/,
    );
    const unknown = await refused(stated(1, 'Amber'));
    expect(unknown).toMatchObject({ rule: 'UNKNOWN_STATUS_VALUE' });
    expect((unknown as Error).message).toMatch(/'Amber' is not a value of status key 'delivery-plan'/);
    const badYear = await refused(stated(1, 'Completed', { fy: '2019-20' }));
    expect(badYear).toBeInstanceOf(ValidationError);
    expect((badYear as Error).message).toMatch(/fy: must be a financial-year label/);
    const badQuarter = await refused(stated(5 as 1, 'Completed'));
    expect((badQuarter as Error).message).toMatch(/quarter: must be a quarter number 1 to 4/);
    const badPercent = await refused(stated(1, 'Completed', { percentComplete: 140 }));
    expect(badPercent).toBeInstanceOf(ValidationError);
  });
});

describe('RecordReturn (property)', () => {
  const STATUSES = ['Completed', 'Slightly behind', 'Behind > 1 quarter', 'To be closed'] as const;
  it('in any order of statements and corrections, each quarter end shows the latest statement recorded for it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(1, 2, 3, 4), fc.constantFrom(...STATUSES)), {
          minLength: 1,
          maxLength: 12,
        }),
        async (statements) => {
          const t = await createTempLedger({ durability: 'normal' });
          try {
            await t.ledger.execute(register);
            const latest = new Map<number, string>();
            for (const [quarter, status] of statements) {
              await t.ledger.execute(stated(quarter as 1 | 2 | 3 | 4, status));
              latest.set(quarter, status);
            }
            let carried: string | null = null;
            for (const [quarter, end] of [
              [1, '2019-06-30'],
              [2, '2019-09-30'],
              [3, '2019-12-31'],
              [4, '2020-03-31'],
            ] as const) {
              carried = latest.get(quarter) ?? carried;
              expect((await t.ledger.getAction('PP1920_01', { asAt: end }))?.status).toBe(carried);
            }
            // Recording every statement again changes nothing.
            const head = await t.ledger.head();
            for (const [quarter, status] of latest) await t.ledger.execute(stated(quarter as 1, status));
            expect(await t.ledger.head()).toEqual(head);
          } finally {
            await t.cleanup();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('sign-off', () => {
  const which = { fy: '2019/20', quarter: 1, plan: PLAN } as const;

  it('is submitted by one officer and approved by another', async () => {
    await ledger.execute(stated(1, 'Behind > 1 quarter'));
    expect((await readReturnSignOff(ledger, which)).state).toBe('not submitted');
    const submitted = await submitReturn(ledger, { ...which, actor: 'j.smith', note: 'All actions updated' });
    expect(submitted).toMatchObject({
      state: 'submitted',
      submitted: { actor: 'j.smith', note: 'All actions updated' },
    });
    const approved = await approveReturn(ledger, { ...which, actor: 'head.of.service' });
    expect(approved).toMatchObject({ state: 'approved', approved: { actor: 'head.of.service', note: null } });
    const events = await ledger.readStream(returnStream('2019/20', 1, PLAN));
    expect(events.map((event) => [event.type, event.actor])).toEqual([
      ['ReturnSubmitted', 'j.smith'],
      ['ReturnApproved', 'head.of.service'],
    ]);
    // Sign-off events change no action.
    expect((await ledger.getAction('PP1920_01'))?.status).toBe('Behind > 1 quarter');
  });

  it('a statement recorded after approval makes the quarter "changed since approval"', async () => {
    await ledger.execute(stated(1, 'Behind > 1 quarter'));
    await submitReturn(ledger, { ...which, actor: 'j.smith' });
    await approveReturn(ledger, { ...which, actor: 'head.of.service' });
    const approvedAt = (await ledger.head()).position;
    await ledger.execute(stated(1, 'Slightly behind'));
    expect(await readReturnSignOff(ledger, which)).toMatchObject({
      state: 'changed since approval',
      changedSinceApproval: ['PP1920_01'],
    });
    // As known when it was approved, it was approved.
    expect((await readReturnSignOff(ledger, { ...which, upTo: approvedAt })).state).toBe('approved');
    // Another quarter's statement does not change Q1's approval.
    await submitReturn(ledger, { ...which, actor: 'j.smith' });
    await approveReturn(ledger, { ...which, actor: 'head.of.service' });
    await ledger.execute(stated(2, 'Slightly behind'));
    expect((await readReturnSignOff(ledger, which)).state).toBe('approved');
  });

  it('refuses what the policy forbids, writing nothing', async () => {
    const before = ledgerBytes(temp.file);
    const unchanged = () => expect(ledgerBytes(temp.file).equals(before)).toBe(true);
    await expect(approveReturn(ledger, { ...which, actor: 'head.of.service' })).rejects.toMatchObject({
      rule: 'RETURN_NOT_SUBMITTED',
    });
    unchanged();
    await expect(submitReturn(ledger, { ...which, actor: '' })).rejects.toMatchObject({
      rule: 'SIGN_OFF_NEEDS_ACTOR',
    });
    await expect(submitReturn(ledger, { ...which, plan: 'No such plan', actor: 'j.smith' })).rejects.toThrow(
      /No action is registered in plan 'No such plan'/,
    );
    await expect(submitReturn(ledger, { ...which, fy: '2019-20', actor: 'j.smith' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    unchanged();
    await submitReturn(ledger, { ...which, actor: 'j.smith' });
    const submittedBytes = ledgerBytes(temp.file);
    const self = await approveReturn(ledger, { ...which, actor: 'j.smith' }).catch(
      (caught: unknown) => caught,
    );
    expect(self).toBeInstanceOf(RuleViolationError);
    expect(self).toMatchObject({ rule: 'APPROVER_IS_SUBMITTER' });
    expect((self as Error).message).toMatch(/submitted by j\.smith; it must be approved by someone else/);
    expect(ledgerBytes(temp.file).equals(submittedBytes)).toBe(true);
    await approveReturn(ledger, { ...which, actor: 'head.of.service' });
    await expect(approveReturn(ledger, { ...which, actor: 'director' })).rejects.toMatchObject({
      rule: 'RETURN_ALREADY_APPROVED',
    });
  });
});
