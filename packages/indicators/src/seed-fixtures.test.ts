import type { CommandInput } from '@perfledger/core';
import type { TempLedger } from '@perfledger/sqlite/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indicatorHistory } from './indicator-history.js';
import { indicatorView } from './indicator-view.js';
import { openIndicatorLedger, registerIndicator, run } from './test-support/indicator-ledger.js';

let temp: TempLedger;
beforeEach(async () => {
  temp = await openIndicatorLedger();
});
afterEach(async () => {
  await temp.cleanup();
});

// Seed 001, "Critical Success Indicators for Resources 2019/20": code, outturn 2017/18, outturn
// 2018/19, Q1 2019/20, target 2019/20, the status printed, and the latest note.
const SEED_001 = [
  [
    'BV8',
    'Percentage of invoices paid within 30 days of receipt',
    'percentage',
    'higher',
    99.5,
    99.3,
    99.5,
    99,
    'Green',
    'Target continues to be achieved.',
  ],
  [
    'LALocal_07',
    'Number of complaints determined by the Ombudsman against the Council',
    'count',
    'lower',
    2,
    5,
    1,
    0,
    'Green',
    'One complaints was determined against the Council in Q1.',
  ],
  [
    'LALocal_12',
    'Percentage of FOI requests dealt with within 20 working days',
    'percentage',
    'higher',
    95,
    97,
    95,
    100,
    'Green',
    null,
  ],
  [
    'BV12',
    'Working Days Lost Due to Sickness Absence (Rolling Annual Figure)',
    'days',
    'lower',
    13.6,
    8.7,
    9.3,
    7.5,
    'Red',
    null,
  ],
  [
    'FPLocal_03',
    'Internal Audit: Percentage of planned audits completed in the year',
    'percentage',
    'higher',
    89,
    97,
    33,
    100,
    'Green',
    'Updated position at 31 August 2019.',
  ],
] as const;

function seed001(): CommandInput[] {
  const commands: CommandInput[] = [];
  for (const [code, title, unit, polarity, y1718, y1819, q1, target, status, note] of SEED_001) {
    commands.push(
      registerIndicator(code, { title, unit, polarity, directorate: 'Resources' }),
      { type: 'RecordIndicatorValue', code, period: '2017/18', value: y1718 },
      { type: 'RecordIndicatorValue', code, period: '2018/19', value: y1819 },
      {
        type: 'RecordIndicatorValue',
        code,
        period: '2019/20 Q1',
        value: q1,
        ...(code === 'BV12' ? { footnote: '*July 2019 figure' } : {}),
      },
      { type: 'SetIndicatorTarget', code, period: '2019/20', target },
      { type: 'ReportIndicatorStatus', code, period: '2019/20 Q1', status },
    );
    if (note !== null) commands.push({ type: 'CommentOnIndicator', code, period: '2019/20 Q1', text: note });
  }
  return commands;
}

describe('seed 001: Critical Success Indicators for Resources, Q1 2019/20', () => {
  it('derives each status from the figures and lists the reported Greens the figures contradict', async () => {
    await run(temp.ledger, seed001(), { actor: 'performance.officer' });
    const view = await indicatorView(temp.ledger, { period: 'Q1 2019/20' });
    const line = (code: string) => view.items.find((item) => item.code === code)!;

    expect(line('BV8')).toMatchObject({
      value: 99.5,
      target: 99,
      targetPeriod: '2019/20',
      targetMet: true,
      derivedStatus: 'Green',
      status: 'Green',
    });
    expect(line('BV12')).toMatchObject({
      value: 9.3,
      footnote: '*July 2019 figure',
      target: 7.5,
      targetMet: false,
      derivedStatus: 'Red',
      status: 'Red',
    });
    // No Q4 2018/19 and no Q1 2018/19 (the seed prints annual outturns only): the previous figure
    // is the 2018/19 outturn, the latest that ends before the quarter starts; year on year, none.
    expect(line('BV12')).toMatchObject({
      previous: 8.7,
      previousPeriod: '2018/19',
      direction: 'worsening',
      sameTimeLastYear: null,
      directionYearOnYear: null,
    });
    expect(line('LALocal_07')).toMatchObject({
      value: 1,
      target: 0,
      targetMet: false,
      derivedStatus: 'Red',
      status: 'Green',
      note: 'One complaints was determined against the Council in Q1.',
    });

    // LALocal_07 and LALocal_12 are reported Green against figures that miss the target (as
    // DOMAIN.md notes), and so is the Internal Audit figure against its unprofiled annual target.
    expect(view.disagreements.map((d) => d.code)).toEqual(['FPLocal_03', 'LALocal_07', 'LALocal_12']);
    expect(view.disagreements.find((d) => d.code === 'LALocal_07')?.reason).toBe(
      'reported Green (on track) but the target is not met: 1 against 0 (lower is better)',
    );
    expect(view.reportedCounts).toEqual({ Green: 4, Amber: 0, Red: 1, Complete: 0, 'No status': 0 });
    expect(view.derivedCounts).toEqual({ Green: 1, Amber: 0, Red: 4, Complete: 0, 'No status': 0 });
  });

  it('a profiled Q1 target (a quarter of the annual 100 %) makes the Internal Audit Green agree', async () => {
    await run(temp.ledger, [
      ...seed001(),
      {
        type: 'SetIndicatorTarget',
        code: 'FPLocal_03',
        period: '2019/20 Q1',
        target: 25,
        reason: 'Profiled through the year',
      },
    ]);
    const view = await indicatorView(temp.ledger, { period: '2019/20 Q1' });
    expect(view.items.find((i) => i.code === 'FPLocal_03')).toMatchObject({
      target: 25,
      targetPeriod: '2019/20 Q1',
      targetMet: true,
    });
    expect(view.disagreements.map((d) => d.code)).toEqual(['LALocal_07', 'LALocal_12']);
  });

  it('a 5 % tolerance in force makes the FOI figure Amber, and the annual view compares outturns', async () => {
    await run(temp.ledger, [
      ...seed001(),
      {
        type: 'SetIndicatorTolerance',
        code: 'LALocal_12',
        effectiveOn: '2019-04-01',
        tolerance: { kind: 'percent', amber: 5 },
      },
    ]);
    const q1 = await indicatorView(temp.ledger, { period: '2019/20 Q1' });
    expect(q1.items.find((i) => i.code === 'LALocal_12')).toMatchObject({
      derivedStatus: 'Amber',
      rating: 'near',
      toleranceFrom: '2019-04-01',
    });
    const year = await indicatorView(temp.ledger, { period: '2018/19' });
    expect(year.items.find((i) => i.code === 'BV12')).toMatchObject({
      value: 8.7,
      previous: 13.6,
      direction: 'improving',
    });
    expect(year.items.find((i) => i.code === 'LALocal_07')).toMatchObject({
      value: 5,
      previous: 2,
      direction: 'worsening',
    });
  });

  it('a figure corrected after the report keeps its first value, in the view and the trend', async () => {
    await run(temp.ledger, seed001());
    await temp.ledger.execute(
      {
        type: 'CorrectIndicatorValue',
        code: 'BV12',
        period: '2019/20 Q1',
        value: 9.1,
        reason: 'Payroll data revised',
      },
      { actor: 'hr.analyst' },
    );
    const item = (await indicatorView(temp.ledger, { period: '2019/20 Q1' })).items.find(
      (i) => i.code === 'BV12',
    );
    expect(item).toMatchObject({ value: 9.1, firstValue: 9.3, corrections: 1 });
    const trend = await indicatorHistory(temp.ledger, 'bv12');
    expect(trend?.periods.map((p) => [p.period, p.value])).toEqual([
      ['2017/18', 13.6],
      ['2018/19', 8.7],
      ['2019/20 Q1', 9.1],
      ['2019/20', null],
    ]);
    expect(trend?.periods[2]?.corrections).toMatchObject([
      { from: 9.3, to: 9.1, reason: 'Payroll data revised', actor: 'hr.analyst' },
    ]);
    expect(trend?.periods[2]?.firstValue).toBe(9.3);
  });
});

describe('seed 003: Council Plan key measures (Latest, Target, Good is, Previous, National)', () => {
  it('reads direction targets, absent targets, yes/no and money', async () => {
    const ledger = temp.ledger;
    const annual = { frequency: 'annual' };
    await run(ledger, [
      registerIndicator('INFLUENCE', {
        ...annual,
        title: '% of people who agree that they can influence decisions',
      }),
      { type: 'RecordIndicatorValue', code: 'INFLUENCE', period: '2018/19', value: 30.0 },
      { type: 'RecordIndicatorValue', code: 'INFLUENCE', period: '2019/20', value: 31.0 },
      { type: 'SetIndicatorTarget', code: 'INFLUENCE', period: '2019/20', target: { direction: 'increase' } },
      registerIndicator('AUDITS', { ...annual, title: '% of planned audits completed' }),
      { type: 'RecordIndicatorValue', code: 'AUDITS', period: '2018/19', value: 92 },
      { type: 'RecordIndicatorValue', code: 'AUDITS', period: '2019/20', value: 75 },
      { type: 'SetIndicatorTarget', code: 'AUDITS', period: '2019/20', target: 90 },
      registerIndicator('DEBT', { ...annual, title: 'Total debt level', unit: 'money', polarity: 'lower' }),
      { type: 'RecordIndicatorValue', code: 'DEBT', period: '2018/19', value: 26_200_000 },
      { type: 'RecordIndicatorValue', code: 'DEBT', period: '2019/20', value: 20_000_000 },
      registerIndicator('BENCHMARK', { ...annual, title: 'Regular benchmark of services', unit: 'yesno' }),
      { type: 'RecordIndicatorValue', code: 'BENCHMARK', period: '2018/19', value: true },
      { type: 'RecordIndicatorValue', code: 'BENCHMARK', period: '2019/20', value: true },
      {
        type: 'RecordIndicatorComparator',
        code: 'AUDITS',
        period: '2019/20',
        kind: 'national',
        value: 88,
        source: 'CIPFA benchmarking',
      },
    ]);
    const view = await indicatorView(ledger, { period: '2019/20' });
    const line = (code: string) => view.items.find((item) => item.code === code)!;
    expect(line('INFLUENCE')).toMatchObject({
      target: { direction: 'increase' },
      previous: 30,
      targetMet: true,
      direction: 'improving',
      derivedStatus: 'Green',
    });
    expect(line('AUDITS')).toMatchObject({
      targetMet: false,
      direction: 'worsening',
      comparator: { kind: 'national', value: 88, source: 'CIPFA benchmarking' },
    });
    expect(line('DEBT')).toMatchObject({
      target: null,
      targetMet: null,
      direction: 'improving',
      derivedStatus: null,
    });
    expect(line('BENCHMARK')).toMatchObject({
      value: true,
      previous: true,
      direction: 'unchanged',
      targetMet: null,
    });
    expect(view.counts).toEqual({ Green: 1, Amber: 0, Red: 1, Complete: 0, 'No status': 2 });
  });
});
