import { describe, expect, it } from 'vitest';
import { RuleViolationError, UnknownIndicatorError, ValidationError } from '../errors/index.js';
import { LedgerError } from '../errors/ledger-error.js';
import { DeciderSpecification, type GivenEvent } from '../testing/index.js';

const spec = DeciderSpecification.for();
const CODE = 'BV12';

const registration = {
  code: CODE,
  title: 'Working Days Lost Due to Sickness Absence',
  unit: 'days',
  polarity: 'lower',
  frequency: 'quarterly',
  plan: 'Corporate Plan 2018-23',
  statusKey: 'pentana-indicator',
} as const;

const registered: GivenEvent = { type: 'IndicatorRegistered', effectiveOn: '2019-04-01', data: registration };

function registeredAs(extra: Record<string, unknown>): GivenEvent {
  return {
    type: 'IndicatorRegistered',
    effectiveOn: '2019-04-01',
    data: { ...registration, ...extra },
  } as GivenEvent;
}

const valueQ1: GivenEvent = {
  type: 'IndicatorValueRecorded',
  effectiveOn: '2019-06-30',
  data: { period: '2019/20 Q1', value: 9.3, quality: 'provisional' },
};

const rule = (name: string) => (error: RuleViolationError) => error.rule === name;

describe('RegisterIndicator', () => {
  it('given nothing, registers the indicator with the canonical status key', () => {
    spec
      .when({
        type: 'RegisterIndicator',
        effectiveOn: '2019-04-01',
        ...registration,
        statusKey: 'Pentana-Indicator',
      })
      .then([registered]);
  });

  it('given it is registered, refuses a second registration', () => {
    spec
      .given(registered)
      .when({ type: 'RegisterIndicator', effectiveOn: '2019-05-01', ...registration })
      .thenThrows(RuleViolationError, rule('INDICATOR_ALREADY_REGISTERED'));
  });

  it('refuses an unknown status key, a unit outside the list and a misplaced key', () => {
    spec
      .when({ type: 'RegisterIndicator', effectiveOn: '2019-04-01', ...registration, statusKey: 'traffic' })
      .thenThrows(LedgerError);
    spec
      .when({
        type: 'RegisterIndicator',
        effectiveOn: '2019-04-01',
        ...registration,
        unit: 'pounds',
      } as never)
      .thenThrows(ValidationError);
    spec
      .when({ type: 'RegisterIndicator', effectiveOn: '2019-04-01', ...registration, target: 7.5 } as never)
      .thenThrows(ValidationError);
  });
});

describe('commands for an indicator that is not registered', () => {
  it('are refused with UnknownIndicatorError', () => {
    spec
      .when({
        type: 'RecordIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value: 9,
      })
      .thenThrows(
        UnknownIndicatorError,
        (error) => error.code === 'UNKNOWN_INDICATOR' && error.indicatorCode === CODE,
      );
  });
});

describe('RecordIndicatorValue', () => {
  it('records a value with quality final by default, for any spelling of the period', () => {
    spec
      .given(registered)
      .when({
        type: 'RecordIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: 'Q1 2019/20',
        value: 9.3,
      })
      .then([
        {
          type: 'IndicatorValueRecorded',
          effectiveOn: '2019-06-30',
          data: { period: '2019/20 Q1', value: 9.3, quality: 'final' },
        },
      ]);
  });

  it('records a missing value as null with quality missing and its reason, never zero', () => {
    spec
      .given(registered)
      .when({
        type: 'RecordIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value: null,
        missingReason: 'Not collected (n/a)',
      })
      .then([
        {
          type: 'IndicatorValueRecorded',
          effectiveOn: '2019-06-30',
          data: {
            period: '2019/20 Q1',
            value: null,
            quality: 'missing',
            missingReason: 'Not collected (n/a)',
          },
        },
      ]);
    spec
      .given(registered)
      .when({
        type: 'RecordIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value: 3,
        quality: 'missing',
      })
      .thenThrows(RuleViolationError, rule('INDICATOR_VALUE_MISMATCH'));
    spec
      .given(registered)
      .when({
        type: 'RecordIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value: 3,
        missingReason: 'x',
      })
      .thenThrows(RuleViolationError, rule('INDICATOR_VALUE_MISMATCH'));
  });

  it('given the same value for the period, changes nothing (re-import appends nothing)', () => {
    spec
      .given(registered, valueQ1)
      .when({
        type: 'RecordIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value: 9.3,
        quality: 'provisional',
      })
      .thenNothing();
  });

  it('given another value for the period, refuses and points to a correction', () => {
    spec
      .given(registered, valueQ1)
      .when({
        type: 'RecordIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value: 9.1,
      })
      .thenThrows(
        RuleViolationError,
        (e) => e.rule === 'INDICATOR_VALUE_ALREADY_RECORDED' && /CorrectIndicatorValue/.test(e.message),
      );
  });

  it('refuses a month for a quarterly indicator, and accepts its annual outturn', () => {
    spec
      .given(registered)
      .when({
        type: 'RecordIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019-06',
        value: 3,
      })
      .thenThrows(
        RuleViolationError,
        (e) => e.rule === 'INDICATOR_PERIOD_MISMATCH' && /quarterly/.test(e.message),
      );
    spec
      .given(registered)
      .when({
        type: 'RecordIndicatorValue',
        code: CODE,
        effectiveOn: '2019-03-31',
        period: '2018/19',
        value: 8.42,
      })
      .then([
        {
          type: 'IndicatorValueRecorded',
          effectiveOn: '2019-03-31',
          data: { period: '2018/19', value: 8.42, quality: 'final' },
        },
      ]);
    spec
      .given(registeredAs({ frequency: 'annual' }))
      .when({
        type: 'RecordIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value: 3,
      })
      .thenThrows(RuleViolationError, rule('INDICATOR_PERIOD_MISMATCH'));
  });

  it('refuses values of the wrong kind for the unit', () => {
    const when = (given: GivenEvent, value: unknown) =>
      spec.given(given).when({
        type: 'RecordIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value,
      } as never);
    when(registered, true).thenThrows(RuleViolationError, rule('INDICATOR_VALUE_MISMATCH'));
    when(registered, -1).thenThrows(RuleViolationError, rule('INDICATOR_VALUE_MISMATCH'));
    when(registeredAs({ unit: 'count' }), 2.5).thenThrows(
      RuleViolationError,
      rule('INDICATOR_VALUE_MISMATCH'),
    );
    when(registeredAs({ unit: 'yesno' }), 1).thenThrows(RuleViolationError, rule('INDICATOR_VALUE_MISMATCH'));
    when(registeredAs({ unit: 'percentage' }), 1001).thenThrows(
      RuleViolationError,
      rule('INDICATOR_VALUE_MISMATCH'),
    );
    when(registeredAs({ unit: 'yesno' }), true).then([
      {
        type: 'IndicatorValueRecorded',
        effectiveOn: '2019-06-30',
        data: { period: '2019/20 Q1', value: true, quality: 'final' },
      },
    ]);
    when(registeredAs({ unit: 'money' }), -20_000_000).then([
      {
        type: 'IndicatorValueRecorded',
        effectiveOn: '2019-06-30',
        data: { period: '2019/20 Q1', value: -20_000_000, quality: 'final' },
      },
    ]);
  });

  it('refuses numbers no reader could hold: NaN, Infinity, beyond 10^12', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, 1e13, '9.3']) {
      spec
        .given(registered)
        .when({
          type: 'RecordIndicatorValue',
          code: CODE,
          effectiveOn: '2019-06-30',
          period: '2019/20 Q1',
          value,
        } as never)
        .thenThrows(ValidationError);
    }
  });

  it('stores -0 as 0', () => {
    spec
      .given(registeredAs({ unit: 'money' }))
      .when({
        type: 'RecordIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value: -0,
      })
      .then([
        {
          type: 'IndicatorValueRecorded',
          effectiveOn: '2019-06-30',
          data: { period: '2019/20 Q1', value: 0, quality: 'final' },
        },
      ]);
  });
});

describe('CorrectIndicatorValue', () => {
  it('given a value, records the correction with what it corrects', () => {
    spec
      .given(registered, valueQ1)
      .when({
        type: 'CorrectIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value: 9.1,
        reason: 'Payroll revised',
      })
      .then([
        {
          type: 'IndicatorValueCorrected',
          effectiveOn: '2019-06-30',
          data: {
            period: '2019/20 Q1',
            from: 9.3,
            fromQuality: 'provisional',
            value: 9.1,
            quality: 'final',
            reason: 'Payroll revised',
          },
        },
      ]);
  });

  it('accepts a change of quality alone, refuses a correction to the same value and quality', () => {
    spec
      .given(registered, valueQ1)
      .when({
        type: 'CorrectIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value: 9.3,
        reason: 'Signed off',
      })
      .then([
        {
          type: 'IndicatorValueCorrected',
          effectiveOn: '2019-06-30',
          data: {
            period: '2019/20 Q1',
            from: 9.3,
            fromQuality: 'provisional',
            value: 9.3,
            quality: 'final',
            reason: 'Signed off',
          },
        },
      ]);
    spec
      .given(registered, valueQ1)
      .when({
        type: 'CorrectIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value: 9.3,
        quality: 'provisional',
        reason: 'x',
      })
      .thenThrows(RuleViolationError, rule('INDICATOR_VALUE_UNCHANGED'));
  });

  it('refuses a correction without a reason, or with no value to correct', () => {
    spec
      .given(registered, valueQ1)
      .when({
        type: 'CorrectIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value: 9.1,
      } as never)
      .thenThrows(ValidationError);
    spec
      .given(registered)
      .when({
        type: 'CorrectIndicatorValue',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        value: 9.1,
        reason: 'x',
      })
      .thenThrows(RuleViolationError, rule('INDICATOR_VALUE_NOT_RECORDED'));
  });
});

describe('SetIndicatorTarget', () => {
  const target = (t: unknown, extra: Record<string, unknown> = {}) =>
    ({
      type: 'SetIndicatorTarget',
      code: CODE,
      effectiveOn: '2019-04-01',
      period: '2019/20',
      target: t,
      ...extra,
    }) as never;
  const set75: GivenEvent = {
    type: 'IndicatorTargetSet',
    effectiveOn: '2019-04-01',
    data: { period: '2019/20', target: 7.5 },
  };

  it('sets a number, a direction, or none', () => {
    spec
      .given(registered)
      .when(target(7.5, { approver: 'CMT' }))
      .then([
        {
          type: 'IndicatorTargetSet',
          effectiveOn: '2019-04-01',
          data: { period: '2019/20', target: 7.5, approver: 'CMT' },
        },
      ]);
    spec
      .given(registered)
      .when(target({ direction: 'decrease' }))
      .then([
        {
          type: 'IndicatorTargetSet',
          effectiveOn: '2019-04-01',
          data: { period: '2019/20', target: { direction: 'decrease' } },
        },
      ]);
    spec
      .given(registered)
      .when(target(null))
      .then([
        { type: 'IndicatorTargetSet', effectiveOn: '2019-04-01', data: { period: '2019/20', target: null } },
      ]);
  });

  it('given a target, the same again changes nothing; another is a revision that records from and needs a reason', () => {
    spec.given(registered, set75).when(target(7.5)).thenNothing();
    spec
      .given(registered, set75)
      .when(target(8))
      .thenThrows(RuleViolationError, rule('INDICATOR_REVISION_NEEDS_REASON'));
    spec
      .given(registered, set75)
      .when(target(8, { reason: 'Budget cut', approver: 'Cabinet' }))
      .then([
        {
          type: 'IndicatorTargetSet',
          effectiveOn: '2019-04-01',
          data: { period: '2019/20', target: 8, from: 7.5, reason: 'Budget cut', approver: 'Cabinet' },
        },
      ]);
  });

  it('refuses targets that do not fit the unit or polarity', () => {
    spec
      .given(registered)
      .when(target({ low: 1, high: 2 }))
      .thenThrows(RuleViolationError, rule('INDICATOR_TARGET_MISMATCH'));
    spec
      .given(registered)
      .when(target(true))
      .thenThrows(RuleViolationError, rule('INDICATOR_TARGET_MISMATCH'));
    spec.given(registered).when(target(-1)).thenThrows(RuleViolationError, rule('INDICATOR_TARGET_MISMATCH'));
    spec
      .given(registeredAs({ polarity: 'band' }))
      .when(target(5))
      .thenThrows(RuleViolationError, rule('INDICATOR_TARGET_MISMATCH'));
    spec
      .given(registeredAs({ polarity: 'band' }))
      .when(target({ low: 3, high: 2 }))
      .thenThrows(ValidationError);
    spec
      .given(registeredAs({ polarity: 'band' }))
      .when(target({ low: 2, high: 3 }))
      .then([
        {
          type: 'IndicatorTargetSet',
          effectiveOn: '2019-04-01',
          data: { period: '2019/20', target: { low: 2, high: 3 } },
        },
      ]);
    spec
      .given(registeredAs({ unit: 'yesno' }))
      .when(target(1))
      .thenThrows(RuleViolationError, rule('INDICATOR_TARGET_MISMATCH'));
  });
});

describe('SetIndicatorTolerance', () => {
  const tolerance = (effectiveOn: string, amber: number) =>
    ({
      type: 'SetIndicatorTolerance',
      code: CODE,
      effectiveOn,
      tolerance: { kind: 'percent', amber },
    }) as never;
  const five: GivenEvent = {
    type: 'IndicatorToleranceSet',
    effectiveOn: '2019-04-01',
    data: { tolerance: { kind: 'percent', amber: 5 } },
  };

  it('sets the rule in force from its date, recording the rule it replaces', () => {
    spec.given(registered).when(tolerance('2019-04-01', 5)).then([five]);
    spec
      .given(registered, five)
      .when(tolerance('2019-10-01', 10))
      .then([
        {
          type: 'IndicatorToleranceSet',
          effectiveOn: '2019-10-01',
          data: { tolerance: { kind: 'percent', amber: 10 }, from: { kind: 'percent', amber: 5 } },
        },
      ]);
  });

  it('given the same rule already in force on that date, changes nothing', () => {
    spec.given(registered, five).when(tolerance('2019-07-01', 5)).thenNothing();
    // Not yet in force before its date: a rule from an earlier date is a new fact.
    spec
      .given(registered, five)
      .when(tolerance('2019-01-01', 5))
      .then([
        {
          type: 'IndicatorToleranceSet',
          effectiveOn: '2019-01-01',
          data: { tolerance: { kind: 'percent', amber: 5 } },
        },
      ]);
  });

  it('refuses a negative tolerance', () => {
    spec.given(registered).when(tolerance('2019-04-01', -1)).thenThrows(ValidationError);
  });
});

describe('ReportIndicatorStatus', () => {
  it('records the canonical value of the indicator’s key, whatever the spelling', () => {
    spec
      .given(registered)
      .when({
        type: 'ReportIndicatorStatus',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        status: 'data only',
      })
      .then([
        {
          type: 'IndicatorStatusReported',
          effectiveOn: '2019-06-30',
          data: { period: '2019/20 Q1', status: 'Data Only' },
        },
      ]);
  });

  it('refuses a value of another key, and the same status again changes nothing', () => {
    spec
      .given(registered)
      .when({
        type: 'ReportIndicatorStatus',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        status: 'Green',
      })
      .thenThrows(RuleViolationError, rule('UNKNOWN_STATUS_VALUE'));
    spec
      .given(registered, {
        type: 'IndicatorStatusReported',
        effectiveOn: '2019-06-30',
        data: { period: '2019/20 Q1', status: 'Alert' },
      })
      .when({
        type: 'ReportIndicatorStatus',
        code: CODE,
        effectiveOn: '2019-06-30',
        period: '2019/20 Q1',
        status: 'alert',
      })
      .thenNothing();
  });
});

describe('RecordIndicatorComparator and CommentOnIndicator', () => {
  it('records a comparator with its source; the same again changes nothing', () => {
    const comparator = {
      type: 'IndicatorComparatorRecorded',
      effectiveOn: '2019-03-31',
      data: { period: '2018/19', kind: 'national', value: 8.4, source: 'LG Inform' },
    } as const;
    const command = {
      type: 'RecordIndicatorComparator',
      code: CODE,
      effectiveOn: '2019-03-31',
      period: '2018/19',
      kind: 'national',
      value: 8.4,
      source: 'LG Inform',
    } as const;
    spec.given(registered).when(command).then([comparator]);
    spec.given(registered, comparator).when(command).thenNothing();
    spec
      .given(registered, comparator)
      .when({ ...command, value: 8.6 })
      .then([{ ...comparator, data: { ...comparator.data, value: 8.6 } }]);
  });

  it('comments for a period or in general; the same comment again changes nothing', () => {
    const command = {
      type: 'CommentOnIndicator',
      code: CODE,
      effectiveOn: '2019-06-30',
      period: '2019/20 Q1',
      text: 'Long-term sickness',
    } as const;
    const commented = {
      type: 'IndicatorCommented',
      effectiveOn: '2019-06-30',
      data: { period: '2019/20 Q1', text: 'Long-term sickness' },
    } as const;
    spec.given(registered).when(command).then([commented]);
    spec.given(registered, commented).when(command).thenNothing();
    spec
      .given(registered)
      .when({ type: 'CommentOnIndicator', code: CODE, effectiveOn: '2019-06-30', text: 'Definition changed' })
      .then([
        { type: 'IndicatorCommented', effectiveOn: '2019-06-30', data: { text: 'Definition changed' } },
      ]);
  });
});

describe('AmendIndicator', () => {
  it('records only the fields that change, and nothing when none does', () => {
    spec
      .given(registered)
      .when({
        type: 'AmendIndicator',
        code: CODE,
        effectiveOn: '2019-05-01',
        title: registration.title,
        owner: 'Head of HR',
      })
      .then([{ type: 'IndicatorDetailsAmended', effectiveOn: '2019-05-01', data: { owner: 'Head of HR' } }]);
    spec
      .given(registered)
      .when({ type: 'AmendIndicator', code: CODE, effectiveOn: '2019-05-01', plan: registration.plan })
      .thenNothing();
  });

  it('cannot change the unit: it is not an amendable field', () => {
    spec
      .given(registered)
      .when({ type: 'AmendIndicator', code: CODE, effectiveOn: '2019-05-01', unit: 'count' } as never)
      .thenThrows(ValidationError);
  });
});

describe('the events are part of the one catalogue', () => {
  it('an IndicatorTargetSet revision without a reason is refused by the schema too', async () => {
    const { eventCatalogue } = await import('../events/event-catalogue.js');
    expect(eventCatalogue.IndicatorTargetSet.schemaVersion).toBe(1);
    expect(
      eventCatalogue.IndicatorTargetSet.schema.safeParse({ period: '2019/20', target: 8, from: 7.5 }).success,
    ).toBe(false);
    expect(
      eventCatalogue.IndicatorValueRecorded.schema.safeParse({
        period: '2019/20 Q1',
        value: null,
        quality: 'final',
      }).success,
    ).toBe(false);
  });
});
