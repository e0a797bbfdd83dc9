import { type EventEnvelope, type Ledger, ValidationError } from '@perfledger/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotImportError } from '../snapshot-import-error.js';
import { eventsOf, fixture, type TempLedger, tempLedger, toCsv } from '../test-support/temp-ledger.js';
import { importIndicatorSnapshot } from './import-indicator-snapshot.js';

const HEADER = [
  'code',
  'title',
  'period',
  'value',
  'target',
  'good_is',
  'previous',
  'national',
  'status',
  'comments',
];
const EXTRA = ['unit', 'plan'];
const PLAN = 'Resources Business Plan 2019-22';

function csv(
  name: string,
  rows: readonly (readonly string[])[],
  header: readonly string[] = [...HEADER, ...EXTRA],
) {
  return { name, format: 'csv' as const, content: toCsv([header, ...rows]) };
}
const row = (cells: Partial<Record<(typeof HEADER)[number] | 'unit' | 'plan' | 'quality', string>>) =>
  [...HEADER, ...EXTRA].map((column) => cells[column as keyof typeof cells] ?? '');

const facts = (events: readonly EventEnvelope[]) =>
  events.map((event) => [event.stream.replace(/^indicator:/, ''), event.type, event.data]);

let temp: TempLedger;
let ledger: Ledger;

beforeEach(async () => {
  temp = await tempLedger();
  ledger = temp.ledger;
});
afterEach(async () => {
  await temp.dispose();
});

describe('importIndicatorSnapshot: seed 001', () => {
  it('registers the 26 indicators and records outturns, Q1 values, targets, statuses and notes', async () => {
    const report = await importIndicatorSnapshot(
      ledger,
      { file: fixture('indicators/seed-001-2019-20-q1.csv') },
      { asOf: '2019-06-30', actor: 'performance.team' },
    );
    expect(report).toMatchObject({
      rows: 104,
      indicators: 26,
      indicatorsRegistered: 26,
      corrections: 0,
      replayed: false,
    });
    expect(report.byType.IndicatorRegistered).toBe(26);
    expect(report.byType.IndicatorValueRecorded).toBe(78);
    const bv12 = await ledger.getIndicator('BV12');
    expect(bv12).toMatchObject({
      unit: 'days',
      polarity: 'lower',
      frequency: 'quarterly',
      statusKey: 'pentana-indicator',
    });
    expect(bv12?.values['2019/20 Q1']).toMatchObject({
      value: 9.3,
      quality: 'final',
      footnote: '*July 2019 figure',
    });
    expect(bv12?.values['2018/19']?.value).toBe(8.7);
    expect(bv12?.targets['2019/20']?.target).toBe(7.5);
    expect(bv12?.statuses['2019/20 Q1']?.status).toBe('Alert');
    const electors = await ledger.getIndicator('LALocal_08');
    expect(electors?.values['2019/20 Q1']).toMatchObject({ value: null, quality: 'missing' });
    expect(electors?.values['2017/18']?.value).toBe(84_617);
  });

  it('appends nothing when the same snapshot is imported again', async () => {
    const source = { file: fixture('indicators/seed-001-2019-20-q1.csv') };
    await importIndicatorSnapshot(ledger, source, { asOf: '2019-06-30' });
    const head = await ledger.head();
    const again = await importIndicatorSnapshot(ledger, source, { asOf: '2019-06-30' });
    expect(again).toMatchObject({
      eventsAppended: 0,
      replayed: true,
      indicatorsRegistered: 0,
      corrections: 0,
    });
    expect((await ledger.head()).position).toBe(head.position);
  });
});

describe('importIndicatorSnapshot: seed 003', () => {
  it('records previous for the previous period, the national figure as a comparator, money and yes/no', async () => {
    const report = await importIndicatorSnapshot(
      ledger,
      { file: fixture('indicators/seed-003-key-measures.csv') },
      { asOf: '2019-03-31' },
    );
    expect(report.indicatorsRegistered).toBe(20);
    const debt = await ledger.getIndicator('KM08');
    expect(debt).toMatchObject({ unit: 'money', polarity: 'lower', frequency: 'annual' });
    expect(debt?.values['2018/19']?.value).toBe(20_000_000);
    expect(debt?.values['2017/18']?.value).toBe(26_200_000);
    expect(debt?.targets['2018/19']?.target).toBeNull();
    const influence = await ledger.getIndicator('KM02');
    expect(influence?.targets['2018/19']?.target).toEqual({ direction: 'increase' });
    const benchmark = await ledger.getIndicator('KM04');
    expect(benchmark?.unit).toBe('yesno');
    expect(benchmark?.values['2017/18']?.value).toBe(true);
    // A '-' previous records nothing for the year before.
    expect((await ledger.getIndicator('KM01'))?.values['2017/18']).toBeUndefined();
    // 'n/a' national is no comparator.
    expect((await ledger.getIndicator('KM03'))?.comparators['2018/19']).toBeUndefined();
  });

  it('refuses the key measures as printed, naming every row and column, and writes nothing', async () => {
    await importIndicatorSnapshot(
      ledger,
      { file: fixture('indicators/seed-001-2019-20-q1.csv') },
      { asOf: '2019-06-30' },
    );
    const before = temp.bytes();
    const error = await importIndicatorSnapshot(
      ledger,
      { file: fixture('indicators/seed-003-key-measures-as-printed.csv') },
      { asOf: '2019-03-31' },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SnapshotImportError);
    const problems = (error as SnapshotImportError).problems;
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [8, 'value'],
      [23, 'code'],
      [24, 'value'],
      [24, 'previous'],
      [25, 'value'],
    ]);
    expect((error as SnapshotImportError).message).toMatch(/nothing from it was written/);
    expect(temp.bytes().equals(before)).toBe(true);
  });
});

describe('importIndicatorSnapshot: rules', () => {
  const bv12 = { code: 'BV12', title: 'Sickness days', good_is: 'Low', unit: 'days', plan: PLAN };

  it('a changed value is a correction with the row comment as its reason; the first value is kept', async () => {
    await importIndicatorSnapshot(
      ledger,
      csv('q1.csv', [row({ ...bv12, period: '2019/20 Q1', value: '9.3', target: '7.5' })]),
      { asOf: '2019-06-30' },
    );
    const report = await importIndicatorSnapshot(
      ledger,
      csv('q1-restated.csv', [
        row({ ...bv12, period: '2019/20 Q1', value: '9.1', target: '7.5', comments: 'Payroll data revised' }),
      ]),
      { asOf: '2019-09-30' },
    );
    expect(report).toMatchObject({ corrections: 1 });
    const state = await ledger.getIndicator('BV12');
    expect(state?.values['2019/20 Q1']).toMatchObject({ value: 9.1, first: { value: 9.3 } });
    expect(state?.values['2019/20 Q1']?.corrections).toMatchObject([
      { from: 9.3, to: 9.1, reason: 'Payroll data revised' },
    ]);
  });

  it('a revised target needs and gets a reason: the comment, or a generated one', async () => {
    await importIndicatorSnapshot(
      ledger,
      csv('a.csv', [row({ ...bv12, period: '2019/20', target: '7.5' })]),
      {
        asOf: '2019-06-30',
      },
    );
    await importIndicatorSnapshot(ledger, csv('b.csv', [row({ ...bv12, period: '2019/20', target: '8' })]), {
      asOf: '2019-09-30',
    });
    const target = (await ledger.getIndicator('BV12'))?.targets['2019/20'];
    expect(target).toMatchObject({ target: 8, first: 7.5, revisions: 1 });
    expect(target?.reason).toMatch(/b\.csv/);
  });

  it('keeps a value the ledger holds when previous says otherwise, and says so', async () => {
    await importIndicatorSnapshot(
      ledger,
      csv('q4.csv', [row({ ...bv12, period: '2018/19 Q4', value: '8.7' })]),
      {
        asOf: '2019-03-31',
      },
    );
    const report = await importIndicatorSnapshot(
      ledger,
      csv('q1.csv', [row({ ...bv12, period: '2019/20 Q1', value: '9.3', previous: '8.9' })]),
      { asOf: '2019-06-30' },
    );
    expect(report.notes).toEqual([
      {
        row: 2,
        code: 'BV12',
        column: 'previous',
        message: 'previous is 8.9, but 2018/19 Q4 is 8.7 in the ledger; that value is kept',
      },
    ]);
    expect((await ledger.getIndicator('BV12'))?.values['2018/19 Q4']?.value).toBe(8.7);
  });

  it('refuses a new indicator without a plan, a good-is or a unit, naming the columns', async () => {
    const error = await importIndicatorSnapshot(
      ledger,
      csv('new.csv', [row({ code: 'X1', title: 'X', period: '2019/20', value: '4' })]),
      { asOf: '2019-06-30' },
    ).catch((caught: unknown) => caught);
    expect((error as SnapshotImportError).problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'good_is'],
      [2, 'unit'],
      [2, 'plan'],
    ]);
    expect(await eventsOf(ledger)).toEqual([]);
  });

  it('refuses what the ledger refuses (a fraction of a count), on its row and column, and writes nothing', async () => {
    await importIndicatorSnapshot(
      ledger,
      csv('a.csv', [
        row({
          code: 'C1',
          title: 'Complaints',
          period: '2019/20 Q1',
          value: '1',
          good_is: 'Low',
          unit: 'count',
          plan: PLAN,
        }),
      ]),
      { asOf: '2019-06-30' },
    );
    const before = temp.bytes();
    const error = await importIndicatorSnapshot(
      ledger,
      csv('b.csv', [
        row({ code: 'C1', period: '2019/20 Q2', value: '2' }),
        row({ code: 'C1', period: '2019/20 Q3', value: '2.5' }),
      ]),
      { asOf: '2019-12-31' },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SnapshotImportError);
    expect((error as SnapshotImportError).problems).toMatchObject([
      { row: 3, column: 'value', value: '2.5', message: expect.stringMatching(/a count is a whole number/) },
    ]);
    expect(temp.bytes().equals(before)).toBe(true);
  });

  it('refuses a status the indicator key does not know, and a unit change of a known indicator', async () => {
    await importIndicatorSnapshot(
      ledger,
      csv('a.csv', [row({ ...bv12, period: '2019/20 Q1', value: '9.3' })]),
      {
        asOf: '2019-06-30',
      },
    );
    const before = temp.bytes();
    const error = await importIndicatorSnapshot(
      ledger,
      csv('b.csv', [row({ ...bv12, period: '2019/20 Q2', value: '9', status: 'Green' })]),
      { asOf: '2019-09-30' },
    ).catch((caught: unknown) => caught);
    expect((error as SnapshotImportError).problems).toMatchObject([
      {
        row: 2,
        column: 'status',
        message: expect.stringMatching(/'Green' is not a value of status key 'pentana-indicator'/),
      },
    ]);
    const unit = await importIndicatorSnapshot(
      ledger,
      csv('c.csv', [row({ ...bv12, unit: 'ratio', period: '2019/20 Q2', value: '9' })]),
      { asOf: '2019-09-30' },
    ).catch((caught: unknown) => caught);
    expect((unit as SnapshotImportError).problems).toMatchObject([
      { row: 2, column: 'unit', message: "is ratio, but the ledger has 'BV12' in days" },
    ]);
    expect(temp.bytes().equals(before)).toBe(true);
  });

  it('refuses a misplaced option by name', async () => {
    await expect(
      importIndicatorSnapshot(ledger, csv('a.csv', []), { asOf: '2019-06-30', statuskey: 'rag' } as never),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('reads JSON snapshots the same way', async () => {
    const report = await importIndicatorSnapshot(
      ledger,
      {
        name: 'k.json',
        format: 'json',
        content: JSON.stringify([
          {
            ...bv12,
            period: '2019/20 Q1',
            value: 9.3,
            target: 7.5,
            previous: 8.7,
            national: null,
            status: 'Alert',
            comments: null,
          },
        ]),
      },
      { asOf: '2019-06-30' },
    );
    expect(report.previousRecorded).toBe(1);
    expect(facts(await eventsOf(ledger)).map(([, type]) => type)).toEqual([
      'IndicatorRegistered',
      'IndicatorTargetSet',
      'IndicatorValueRecorded',
      'IndicatorValueRecorded',
      'IndicatorStatusReported',
    ]);
  });
});
