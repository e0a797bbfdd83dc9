import { type CommandInput, UnknownIndicatorError, ValidationError } from '@perfledger/core';
import { indicatorProjection } from '@perfledger/indicators';
import { createTempLedger, steppingClock, type TempLedger } from '@perfledger/sqlite/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indicatorTrail } from '../indicator-trail.js';
import { explainIndicator } from './indicator-explain.js';

let temp: TempLedger;
beforeEach(async () => {
  temp = await createTempLedger({
    clock: steppingClock('2019-07-20T09:00:00Z', 1_000),
    projections: [indicatorProjection],
  });
});
afterEach(async () => {
  await temp.cleanup();
});

const bv12: CommandInput[] = [
  {
    type: 'RegisterIndicator',
    code: 'BV12',
    title: 'Working Days Lost Due to Sickness Absence',
    unit: 'days',
    polarity: 'lower',
    frequency: 'quarterly',
    plan: 'Corporate Plan 2018-23',
    statusKey: 'rag',
    effectiveOn: '2019-04-01',
  },
  {
    type: 'SetIndicatorTarget',
    code: 'BV12',
    period: '2019/20',
    target: 7.5,
    approver: 'Corporate Management Team',
  },
  {
    type: 'SetIndicatorTolerance',
    code: 'BV12',
    effectiveOn: '2019-04-01',
    tolerance: { kind: 'percent', amber: 5 },
  },
  {
    type: 'RecordIndicatorValue',
    code: 'BV12',
    period: '2019/20 Q1',
    value: 9.3,
    quality: 'provisional',
    footnote: '*July 2019 figure',
  },
  { type: 'ReportIndicatorStatus', code: 'BV12', period: '2019/20 Q1', status: 'Amber' },
];

describe('explainIndicator: why is BV12 Red this quarter?', () => {
  it('answers with the value, the target, the tolerance in force, who recorded each and when, and the correction', async () => {
    const { ledger } = temp;
    await ledger.executeAll(bv12, { actor: 'performance.officer' });
    await ledger.execute(
      {
        type: 'CorrectIndicatorValue',
        code: 'BV12',
        period: '2019/20 Q1',
        value: 9.1,
        reason: 'Payroll data revised',
      },
      { actor: 'hr.analyst' },
    );
    const why = await explainIndicator(ledger, 'bv12', { period: 'Q1 2019/20' });
    expect(why.item).toMatchObject({
      value: 9.1,
      target: 7.5,
      derivedStatus: 'Red',
      status: 'Amber',
      tolerance: { kind: 'percent', amber: 5 },
    });
    expect(why.facts.map((f) => [f.kind, f.actor])).toEqual([
      ['target', 'performance.officer'],
      ['tolerance', 'performance.officer'],
      ['value', 'performance.officer'],
      ['status', 'performance.officer'],
      ['correction', 'hr.analyst'],
    ]);
    expect(why.sentences[0]).toBe(
      'BV12 (Working Days Lost Due to Sickness Absence) is Red for 2019/20 Q1 by the figures: 9.1 against a target of 7.5 (set for 2019/20) (lower is better).',
    );
    expect(why.text).toContain('It was corrected from 9.3 to 9.1 (final), recorded 20 Jul 2019');
    expect(why.text).toContain('by hr.analyst. Reason: Payroll data revised.');
    expect(why.text).toContain('footnote "*July 2019 figure"');
    expect(why.text).toContain(
      'the tolerance in force from 1 Apr 2019 is amber within 5 %, and the miss is beyond it: Red.',
    );
    expect(why.text).toContain('The reported status Amber differs from the Red the figures give.');
  });

  it('as known before the correction, the first value stands; with no period, the latest one is explained', async () => {
    const { ledger } = temp;
    await ledger.executeAll(bv12);
    const before = (await ledger.head()).position;
    await ledger.execute({
      type: 'CorrectIndicatorValue',
      code: 'BV12',
      period: '2019/20 Q1',
      value: 7.8,
      reason: 'Recount',
    });
    const then = await explainIndicator(ledger, 'BV12', { knownAt: { position: before } });
    expect([then.period, then.item.value, then.item.derivedStatus]).toEqual(['2019/20 Q1', 9.3, 'Red']);
    const now = await explainIndicator(ledger, 'BV12');
    // 7.8 misses 7.5 by 0.3, within 5 % of 7.5 (0.375): amber.
    expect([now.item.value, now.item.derivedStatus]).toEqual([7.8, 'Amber']);
  });

  it('refuses an unknown indicator and misplaced options', async () => {
    await temp.ledger.executeAll(bv12);
    await expect(explainIndicator(temp.ledger, 'BV99')).rejects.toBeInstanceOf(UnknownIndicatorError);
    await expect(explainIndicator(temp.ledger, 'BV12', { field: 'value' } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(explainIndicator(temp.ledger, 'BV12', { period: '2019' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('indicatorTrail', () => {
  it('lists every field each event set, before and after, with who and why', async () => {
    const { ledger } = temp;
    await ledger.executeAll(bv12, { actor: 'performance.officer' });
    await ledger.execute(
      {
        type: 'CorrectIndicatorValue',
        code: 'BV12',
        period: '2019/20 Q1',
        value: 9.1,
        reason: 'Payroll data revised',
      },
      { actor: 'hr.analyst' },
    );
    const rows = await indicatorTrail(ledger, 'BV12');
    const values = rows.filter((row) => row.field === 'value');
    expect(values.map((r) => [r.period, r.before, r.after, r.actor, r.reason])).toEqual([
      ['2019/20 Q1', null, '9.3', 'performance.officer', null],
      ['2019/20 Q1', '9.3', '9.1', 'hr.analyst', 'Payroll data revised'],
    ]);
    expect(rows.find((r) => r.field === 'tolerance')?.after).toBe('amber within 5 %');
    expect(await indicatorTrail(ledger, 'NOPE')).toEqual([]);
  });
});
