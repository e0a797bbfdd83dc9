import { type BusinessDate, createFiscalCalendar, RuleViolationError } from '@perfledger/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadonlyLedger } from '../open-ledger.js';
import { appendAsOlderBuild, createTempLedger, steppingClock, type TempLedger } from '../testing/index.js';

const registered = (code: string, dueDate: string) => ({
  stream: `action:${code}`,
  type: 'ActionRegistered' as const,
  effectiveOn: '2019-06-30',
  data: {
    code,
    title: `Action ${code}`,
    plan: 'Plan',
    directorate: 'Resources',
    section: 'Finance',
    dueDate,
    statusKey: 'rag',
  },
});

// What an older build accepted: due dates and effective dates anywhere in years 1–9999.
async function seedLegacy(temp: TempLedger): Promise<void> {
  await appendAsOlderBuild(temp.ledger, [
    registered('OPEN', '9999-12-31'),
    registered('OLD', '0001-01-01'),
    {
      stream: 'action:OLD',
      type: 'ProgressUpdated',
      effectiveOn: '9999-12-31',
      data: { percentComplete: 40 },
    },
    registered('REV', '2020-03-31'),
    {
      stream: 'action:REV',
      type: 'DueDateRevised',
      effectiveOn: '2019-09-30',
      data: { from: '2020-03-31', to: '9999-12-31', reason: 'no end date' },
    },
  ]);
}

describe('a ledger an older build wrote with out-of-range dates', () => {
  let temp: TempLedger;
  beforeEach(async () => {
    temp = await createTempLedger({ clock: steppingClock('2024-01-15T09:00:00Z', 1000) });
    await seedLegacy(temp);
  });
  afterEach(() => temp.cleanup());

  it('opens, verifies, replays and folds without throwing', async () => {
    expect(await temp.ledger.verify()).toMatchObject({ ok: true, count: 5 });
    const reader = await openReadonlyLedger(temp.file);
    try {
      expect((await reader.verify()).ok).toBe(true);
      expect(await toArray(reader.readAll())).toHaveLength(5);
      expect(await toArray(reader.readByEffectiveDate())).toHaveLength(5);
      expect(await reader.getAction('OPEN')).toMatchObject({
        dueDate: '9999-12-31',
        originalDueDate: '9999-12-31',
      });
      expect(await reader.getAction('OLD', { asAt: '9999-12-31' })).toMatchObject({ percentComplete: 40 });
      expect((await reader.getActions()).map((state) => state.code)).toEqual(['OLD', 'OPEN', 'REV']);
    } finally {
      await reader.close();
    }
  });

  it('gives every legacy date a fiscal year and quarter in every calendar', () => {
    for (let startMonth = 1; startMonth <= 12; startMonth++) {
      const calendar = createFiscalCalendar({ startMonth });
      for (const date of ['0001-01-01', '9999-12-31'] as BusinessDate[]) {
        expect(() => calendar.quarterOf(date)).not.toThrow();
        expect(() => calendar.quartersBetween(date, '2024-03-31' as BusinessDate)).not.toThrow();
      }
    }
  });

  it('refuses to revise an out-of-range due date, pointing to the correction', async () => {
    const head = await temp.ledger.head();
    const attempt = () =>
      temp.ledger.execute({
        type: 'ReviseDueDate',
        code: 'OPEN',
        effectiveOn: '2019-09-30',
        to: '2021-03-31',
        reason: 'r',
      });
    await expect(attempt()).rejects.toThrow(RuleViolationError);
    await expect(attempt()).rejects.toThrow(
      /recorded as 9999-12-31, outside the business-date range .* correct it instead/,
    );
    expect(await temp.ledger.head()).toEqual(head);
  });

  it('repairs a registered "no end date" with CorrectDueDate: original and current become the real date', async () => {
    const result = await temp.ledger.execute(
      {
        type: 'CorrectDueDate',
        code: 'OPEN',
        effectiveOn: '2019-06-30',
        to: '2021-03-31',
        reason: 'Entered as 31/12/9999 for "no end date"',
        approver: 'Head of Finance',
      },
      { actor: 'j.smith' },
    );
    expect(result.events[0]).toMatchObject({
      type: 'DueDateCorrected',
      data: {
        recorded: '9999-12-31',
        corrected: '2021-03-31',
        correctsOriginal: true,
        approver: 'Head of Finance',
      },
    });
    expect(await temp.ledger.getAction('OPEN')).toMatchObject({
      originalDueDate: '2021-03-31',
      dueDate: '2021-03-31',
      dueDateRevisions: 0,
    });
    // Now a normal revision is a slip from the corrected date.
    await temp.ledger.execute({
      type: 'ReviseDueDate',
      code: 'OPEN',
      effectiveOn: '2019-09-30',
      to: '2021-06-30',
      reason: 'late',
    });
    expect(await temp.ledger.getAction('OPEN')).toMatchObject({
      originalDueDate: '2021-03-31',
      dueDate: '2021-06-30',
    });
    expect((await temp.ledger.verify()).ok).toBe(true);
  });

  it('repairs a revision to a marker without rewriting the original due date', async () => {
    await temp.ledger.execute({
      type: 'CorrectDueDate',
      code: 'REV',
      effectiveOn: '2019-09-30',
      to: '2020-06-30',
      reason: 'marker',
    });
    expect(await temp.ledger.getAction('REV')).toMatchObject({
      originalDueDate: '2020-03-31',
      dueDate: '2020-06-30',
      dueDateRevisions: 1,
    });
    expect((await temp.ledger.readAction('REV')).at(-1)).toMatchObject({ data: { correctsOriginal: false } });
  });

  it('accepts a correction on a closed action, and refuses one that names the same date', async () => {
    await temp.ledger.execute({
      type: 'CloseAction',
      code: 'OPEN',
      effectiveOn: '2020-01-31',
      outcome: 'completed',
    });
    await temp.ledger.execute({
      type: 'CorrectDueDate',
      code: 'OPEN',
      effectiveOn: '2020-01-31',
      to: '2020-01-31',
      reason: 'marker',
    });
    expect(await temp.ledger.getAction('OPEN')).toMatchObject({
      dueDate: '2020-01-31',
      closed: { outcome: 'completed' },
    });
    await expect(
      temp.ledger.execute({
        type: 'CorrectDueDate',
        code: 'OPEN',
        effectiveOn: '2020-02-01',
        to: '2020-01-31',
        reason: 'again',
      }),
    ).rejects.toThrow(/already 2020-01-31/);
  });
});

/** Every item of an async iterable (Array.fromAsync is not in Node 20). */
async function toArray<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
