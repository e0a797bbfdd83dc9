import {
  type CommandInput,
  RuleViolationError,
  UnknownIndicatorError,
  ValidationError,
} from '@perfledger/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerAction } from '../test-support/ledger-fixtures.js';
import { createTempLedger, steppingClock, type TempLedger } from '../testing/index.js';

const register: CommandInput = {
  type: 'RegisterIndicator',
  code: 'BV12',
  title: 'Working Days Lost Due to Sickness Absence',
  unit: 'days',
  polarity: 'lower',
  frequency: 'quarterly',
  plan: 'Corporate Plan 2018-23',
  statusKey: 'pentana-indicator',
  effectiveOn: '2019-04-01',
};

let temp: TempLedger;
beforeEach(async () => {
  temp = await createTempLedger({ clock: steppingClock('2019-08-01T09:00:00Z', 1_000) });
});
afterEach(async () => {
  await temp.cleanup();
});

describe('indicator commands through ledger.execute', () => {
  it('appends to the indicator stream, period facts effective on the period end unless given', async () => {
    const { ledger } = temp;
    await ledger.executeAll([
      register,
      { type: 'SetIndicatorTarget', code: 'BV12', period: '2019/20', target: 7.5 },
      { type: 'RecordIndicatorValue', code: 'BV12', period: 'Q1 2019/20', value: 9.3 },
      { type: 'SetIndicatorTolerance', code: 'BV12', tolerance: { kind: 'percent', amber: 5 } },
    ]);
    const events = await ledger.readStream('indicator:BV12');
    expect(events.map((e) => [e.type, e.effectiveOn])).toEqual([
      ['IndicatorRegistered', '2019-04-01'],
      ['IndicatorTargetSet', '2020-03-31'],
      ['IndicatorValueRecorded', '2019-06-30'],
      // Not a period fact: in force from the ledger's today.
      ['IndicatorToleranceSet', '2019-08-01'],
    ]);
    const state = await ledger.getIndicator('bv12');
    expect(state?.values['2019/20 Q1']?.value).toBe(9.3);
    expect(state?.targets['2019/20']?.target).toBe(7.5);
  });

  it('matches codes ignoring case, and refuses a second registration differing only in case', async () => {
    const { ledger } = temp;
    await ledger.execute(register);
    await ledger.execute({ type: 'RecordIndicatorValue', code: 'bv12', period: '2019/20 Q1', value: 9.3 });
    expect((await ledger.readStream('indicator:BV12')).length).toBe(2);
    await expect(ledger.execute({ ...register, code: 'bv12' } as CommandInput)).rejects.toSatisfy(
      (e) => e instanceof RuleViolationError && e.rule === 'INDICATOR_CODE_TAKEN' && /'BV12'/.test(e.message),
    );
  });

  it('refuses an indicator under an action’s code', async () => {
    const { ledger } = temp;
    await ledger.execute(registerAction('BV12'));
    await expect(ledger.execute(register)).rejects.toSatisfy(
      (e) => e instanceof RuleViolationError && e.rule === 'INDICATOR_CODE_TAKEN',
    );
    expect(await ledger.readStream('indicator:BV12')).toEqual([]);
  });

  it('re-executing the same commands appends nothing', async () => {
    const { ledger } = temp;
    const commands: CommandInput[] = [
      register,
      { type: 'SetIndicatorTarget', code: 'BV12', period: '2019/20', target: 7.5 },
      {
        type: 'RecordIndicatorValue',
        code: 'BV12',
        period: '2019/20 Q1',
        value: 9.3,
        footnote: '*July figure',
      },
      { type: 'ReportIndicatorStatus', code: 'BV12', period: '2019/20 Q1', status: 'alert' },
      { type: 'CommentOnIndicator', code: 'BV12', period: '2019/20 Q1', text: 'Long-term sickness' },
    ];
    await ledger.executeAll(commands);
    const head = await ledger.head();
    await ledger.executeAll(commands.slice(1));
    expect((await ledger.head()).position).toBe(head.position);
  });

  it('writes nothing from a batch with one refused command', async () => {
    const { ledger } = temp;
    await ledger.execute(register);
    const head = await ledger.head();
    await expect(
      ledger.executeAll([
        { type: 'RecordIndicatorValue', code: 'BV12', period: '2019/20 Q1', value: 9.3 },
        { type: 'RecordIndicatorValue', code: 'BV12', period: '2019-07', value: 9.3 },
      ]),
    ).rejects.toSatisfy((e) => e instanceof RuleViolationError && e.rule === 'INDICATOR_PERIOD_MISMATCH');
    await expect(
      ledger.execute({ type: 'RecordIndicatorValue', code: 'BV99', period: '2019/20 Q1', value: 1 }),
    ).rejects.toBeInstanceOf(UnknownIndicatorError);
    await expect(
      ledger.execute({ type: 'RecordIndicatorValue', code: 'BV12', period: '2019/20 Q1', value: Number.NaN }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await ledger.head()).position).toBe(head.position);
  });

  it('refuses a raw append of a second IndicatorRegistered', async () => {
    const { ledger } = temp;
    await ledger.execute(register);
    const [first] = await ledger.readStream('indicator:BV12');
    await expect(
      ledger.append('indicator:BV12', [
        { type: 'IndicatorRegistered', effectiveOn: first!.effectiveOn, data: first!.data } as never,
      ]),
    ).rejects.toSatisfy((e) => e instanceof RuleViolationError && e.rule === 'INDICATOR_ALREADY_REGISTERED');
  });

  it('a corrected value keeps its first value, also as known before the correction', async () => {
    const { ledger } = temp;
    await ledger.executeAll([
      register,
      { type: 'RecordIndicatorValue', code: 'BV12', period: '2019/20 Q1', value: 9.3 },
    ]);
    const before = await ledger.head();
    await ledger.execute({
      type: 'CorrectIndicatorValue',
      code: 'BV12',
      period: '2019/20 Q1',
      value: 9.1,
      reason: 'Payroll revised',
    });
    const now = await ledger.getIndicator('BV12');
    expect(now?.values['2019/20 Q1']).toMatchObject({ value: 9.1, first: { value: 9.3 } });
    const then = await ledger.getIndicator('BV12', { knownAt: before.recordedAt! });
    expect(then?.values['2019/20 Q1']?.value).toBe(9.3);
  });
});
