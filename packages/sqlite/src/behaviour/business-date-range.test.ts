import { existsSync, readFileSync } from 'node:fs';
import type { CommandInput } from '@perfledger/core';
import {
  BUSINESS_DATE_RANGE,
  type BusinessDate,
  createFiscalCalendar,
  daysBetween,
  eventCatalogue,
  isBusinessDate,
  isInBusinessDateRange,
  isWritableBusinessDate,
  outOfRangeReason,
  parseWritableBusinessDate,
  ValidationError,
} from '@perfledger/core';
import { commandSchema, writableBusinessDateSchema } from '@perfledger/core/schemas';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempLedger, steppingClock, type TempLedger } from '../testing/index.js';

const OUTSIDE = ['0001-01-01', '1899-12-30', '1899-12-31', '2200-01-01', '9999-12-31'] as const;
const EDGES = ['1900-01-01', '1900-02-28', '2000-02-29', '2024-03-31', '2024-04-01', '2199-12-31'] as const;

const register = (extra: Record<string, unknown> = {}): CommandInput =>
  ({
    type: 'RegisterAction',
    code: 'A1',
    effectiveOn: '2023-04-01',
    title: 'An action',
    plan: 'Plan',
    directorate: 'Place',
    section: 'Planning',
    dueDate: '2024-03-31',
    statusKey: 'rag',
    ...extra,
  }) as CommandInput;

describe('BUSINESS_DATE_RANGE', () => {
  it('is 1900-01-01 to 2199-12-31, inclusive', async () => {
    expect(BUSINESS_DATE_RANGE).toEqual({ min: '1900-01-01', max: '2199-12-31' });
    for (const date of EDGES) expect(isWritableBusinessDate(date)).toBe(true);
    for (const date of OUTSIDE) expect(isWritableBusinessDate(date)).toBe(false);
    expect(isWritableBusinessDate('2023-02-29')).toBe(false);
    expect(isWritableBusinessDate(20240331)).toBe(false);
  });

  it('names the value and the range, and calls 9999-12-31 and 0001-01-01 "no date" markers', async () => {
    expect(outOfRangeReason('9999-12-31')).toMatch(
      /9999-12-31 is outside the business-date range 1900-01-01 to 2199-12-31; .*leave the date blank/,
    );
    expect(outOfRangeReason('0001-01-01', "'01/01/0001'", 'the due date')).toMatch(
      /^'01\/01\/0001' is outside .*"no date" marker: leave the due date blank/,
    );
    expect(outOfRangeReason('2250-06-30')).not.toMatch(/marker/);
    expect(() => parseWritableBusinessDate('2200-01-01')).toThrow(ValidationError);
    expect(parseWritableBusinessDate('2199-12-31')).toBe('2199-12-31');
    expect(writableBusinessDateSchema.safeParse('2023-02-29').success).toBe(false);
  });

  it('keeps every derived value representable, for every start month (the reason for the range)', async () => {
    const inRange = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2199-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((instant) => instant.toISOString().slice(0, 10) as BusinessDate);
    const anyDate = fc.oneof(inRange, fc.constantFrom(...EDGES.map((d) => d as BusinessDate)));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), anyDate, anyDate, (startMonth, a, b) => {
        const calendar = createFiscalCalendar({ startMonth });
        const fy = calendar.fiscalYearOf(a);
        expect(fy.startYear).toBeGreaterThanOrEqual(1899);
        expect(fy.startYear).toBeLessThanOrEqual(2199);
        expect(fy.label).toMatch(/^\d{4}(\/\d{2})?$/);
        // The whole year, not only the quarter, has real, labelled bounds: re-entering its label works.
        const bounds = calendar.yearBounds(calendar.parseFiscalYear(fy.label));
        expect(isBusinessDate(bounds.start) && isBusinessDate(bounds.end)).toBe(true);
        expect(Math.abs(daysBetween(a, b))).toBeLessThanOrEqual(109_572);
        expect(Math.abs(calendar.quartersBetween(a, b))).toBeLessThanOrEqual(1_200);
      }),
    );
  });
});

describe('every command refuses a date outside the range', () => {
  const commands: [string, CommandInput][] = [
    ['RegisterAction.dueDate', register({ dueDate: '9999-12-31' })],
    ['RegisterAction.effectiveOn', register({ effectiveOn: '0001-01-01' })],
    [
      'UpdateProgress.effectiveOn',
      { type: 'UpdateProgress', code: 'A1', effectiveOn: '2200-01-01', percentComplete: 5 },
    ],
    [
      'ChangeStatus.effectiveOn',
      { type: 'ChangeStatus', code: 'A1', effectiveOn: '1899-12-31', status: 'Green' },
    ],
    ['ReviseDueDate.to', { type: 'ReviseDueDate', code: 'A1', to: '9999-12-31', reason: 'no end date' }],
    ['CorrectDueDate.to', { type: 'CorrectDueDate', code: 'A1', to: '0001-01-01', reason: 'typo' }],
    [
      'CloseAction.effectiveOn (the closing date)',
      { type: 'CloseAction', code: 'A1', effectiveOn: '9999-12-31', outcome: 'completed' },
    ],
    [
      'ReopenAction.effectiveOn',
      { type: 'ReopenAction', code: 'A1', effectiveOn: '9999-12-31', reason: 'r' },
    ],
    [
      'AmendActionDetails.effectiveOn',
      { type: 'AmendActionDetails', code: 'A1', effectiveOn: '9999-12-31', title: 't' },
    ],
    ['AddComment.effectiveOn', { type: 'AddComment', code: 'A1', effectiveOn: '9999-12-31', comment: 'c' }],
  ];

  it.each(commands)('%s', (_name, command) => {
    const parsed = commandSchema.safeParse(command);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join()).toMatch(/outside the business-date range/);
  });

  it('and every event schema refuses the dates it writes', async () => {
    const base = { reason: 'r' };
    expect(
      eventCatalogue.DueDateRevised.schema.safeParse({ ...base, from: '2024-03-31', to: '9999-12-31' })
        .success,
    ).toBe(false);
    expect(
      eventCatalogue.DueDateRevised.schema.safeParse({ ...base, from: '0001-01-01', to: '2024-03-31' })
        .success,
    ).toBe(false);
    expect(
      eventCatalogue.DueDateCorrected.schema.safeParse({
        ...base,
        recorded: '9999-12-31',
        corrected: '2024-03-31',
        correctsOriginal: true,
      }).success,
    ).toBe(true);
    expect(
      eventCatalogue.DueDateCorrected.schema.safeParse({
        ...base,
        recorded: '2024-03-31',
        corrected: '9999-12-31',
        correctsOriginal: true,
      }).success,
    ).toBe(false);
    const report = {
      quarter: 1,
      basedOnPosition: 0,
      basedOnHeadHash: '0'.repeat(64),
      contentHash: '0'.repeat(64),
      format: 'md',
      generator: 'test',
    };
    expect(eventCatalogue.ReportPublished.schema.safeParse({ ...report, fy: '2023/24' }).success).toBe(true);
    expect(eventCatalogue.ReportPublished.schema.safeParse({ ...report, fy: '9999/00' }).success).toBe(false);
    expect(eventCatalogue.ReportPublished.schema.safeParse({ ...report, fy: '0000/01' }).success).toBe(false);
  });
});

describe('the ledger writes nothing for an out-of-range date', () => {
  let temp: TempLedger;
  beforeEach(async () => {
    temp = await createTempLedger({ clock: steppingClock('2024-01-15T09:00:00Z', 1000) });
    await temp.ledger.execute(register());
  });
  afterEach(async () => await temp.cleanup());

  const bytes = () =>
    Buffer.concat([
      readFileSync(temp.file),
      existsSync(`${temp.file}-wal`) ? readFileSync(`${temp.file}-wal`) : Buffer.alloc(0),
    ]);

  it('through execute, append and a clock beyond the range, with a typed error and identical bytes', async () => {
    const before = bytes();
    const head = await temp.ledger.head();
    await expect(temp.ledger.execute(register({ code: 'A2', dueDate: '9999-12-31' }))).rejects.toThrow(
      ValidationError,
    );
    await expect(
      temp.ledger.execute({
        type: 'ReviseDueDate',
        code: 'A1',
        effectiveOn: '2023-05-01',
        to: '0001-01-01',
        reason: 'r',
      }),
    ).rejects.toThrow(/outside the business-date range/);
    await expect(
      temp.ledger.append('action:A1', [
        { type: 'CommentAdded', effectiveOn: '9999-12-31' as BusinessDate, data: { comment: 'c' } },
      ]),
    ).rejects.toThrow(/effectiveOn: 9999-12-31 is outside the business-date range/);
    await expect(
      temp.ledger.append('action:A9', [
        {
          type: 'ActionRegistered',
          effectiveOn: '2023-04-01' as BusinessDate,
          data: { ...registeredData(), dueDate: '9999-12-31' as BusinessDate },
        },
      ]),
    ).rejects.toThrow(ValidationError);
    expect(await temp.ledger.head()).toEqual(head);
    expect(bytes().equals(before)).toBe(true);
  });

  it('refuses a command without effectiveOn when the clock says a day outside the range', async () => {
    const far = await createTempLedger({ clock: () => new Date('2999-01-01T00:00:00Z') });
    try {
      await expect(far.ledger.execute(register({ effectiveOn: undefined }))).rejects.toThrow(
        /effectiveOn: 2999-01-01 is outside the business-date range/,
      );
      expect((await far.ledger.head()).position).toBe(0);
    } finally {
      await far.cleanup();
    }
  });

  it('accepts the edges of the range', async () => {
    await temp.ledger.execute(register({ code: 'MIN', effectiveOn: '1900-01-01', dueDate: '1900-01-01' }));
    await temp.ledger.execute(register({ code: 'MAX', effectiveOn: '2199-12-31', dueDate: '2199-12-31' }));
    expect(isInBusinessDateRange((await temp.ledger.getAction('MAX'))!.dueDate)).toBe(true);
  });
});

function registeredData() {
  return {
    code: 'A9',
    title: 'An action',
    plan: 'Plan',
    directorate: 'Place',
    section: 'Planning',
    dueDate: '2024-03-31' as BusinessDate,
    statusKey: 'rag',
  };
}
