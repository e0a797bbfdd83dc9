import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvolvableEvent } from '../action/evolve.js';
import { eventCatalogue, eventTypes } from '../events/event-catalogue.js';
import type { BusinessDate } from '../time/index.js';
import { describeIndicatorEvent } from './describe-indicator-event.js';
import { evolveIndicator, foldIndicator } from './evolve-indicator.js';
import { indicatorFieldChangesOf, isIndicatorEvent } from './indicator-field-changes.js';
import { toleranceInForce } from './indicator-state.js';

const d = (date: string) => date as BusinessDate;
let version = 0;
function event(type: string, effectiveOn: string, data: Record<string, unknown>): EvolvableEvent {
  version += 1;
  const parsed = eventCatalogue[type as keyof typeof eventCatalogue].schema.parse(data);
  return { type, data: parsed, effectiveOn: d(effectiveOn), streamVersion: version } as EvolvableEvent;
}

const registered = () => {
  version = 0;
  return event('IndicatorRegistered', '2019-04-01', {
    code: 'BV12',
    title: 'Working Days Lost Due to Sickness Absence',
    unit: 'days',
    polarity: 'lower',
    frequency: 'quarterly',
    plan: 'Corporate Plan 2018-23',
    statusKey: 'pentana-indicator',
  });
};

describe('evolveIndicator', () => {
  it('starts from the registration', () => {
    const state = foldIndicator([registered()]);
    expect(state).toMatchObject({
      code: 'BV12',
      stream: 'indicator:BV12',
      unit: 'days',
      polarity: 'lower',
      frequency: 'quarterly',
      directorate: null,
      registeredOn: '2019-04-01',
      values: {},
      eventCount: 1,
      version: 1,
    });
  });

  it('ignores events before a registration, and events that are not about an indicator', () => {
    const comment = {
      type: 'CommentAdded',
      data: { comment: 'x' },
      effectiveOn: d('2019-05-01'),
    } as EvolvableEvent;
    expect(evolveIndicator(undefined, comment)).toBeUndefined();
    const state = foldIndicator([registered()]);
    expect(evolveIndicator(state, comment)).toBe(state);
  });

  it('a correction never loses the first value, and lists every correction', () => {
    const state = foldIndicator([
      registered(),
      event('IndicatorValueRecorded', '2019-06-30', {
        period: '2019/20 Q1',
        value: 9.3,
        quality: 'provisional',
      }),
      event('IndicatorValueCorrected', '2019-06-30', {
        period: '2019/20 Q1',
        from: 9.3,
        fromQuality: 'provisional',
        value: 9.1,
        quality: 'final',
        reason: 'Payroll revised',
      }),
      event('IndicatorValueCorrected', '2019-06-30', {
        period: '2019/20 Q1',
        from: 9.1,
        fromQuality: 'final',
        value: null,
        quality: 'missing',
        missingReason: 'Data withdrawn',
        reason: 'Audit found the figure unreliable',
      }),
    ]);
    const q1 = state?.values['2019/20 Q1'];
    expect(q1).toMatchObject({ value: null, quality: 'missing', missingReason: 'Data withdrawn' });
    expect(q1?.first).toEqual({ value: 9.3, quality: 'provisional', missingReason: null, footnote: null });
    expect(q1?.corrections.map((c) => [c.from, c.to, c.reason])).toEqual([
      [9.3, 9.1, 'Payroll revised'],
      [9.1, null, 'Audit found the figure unreliable'],
    ]);
  });

  it('keeps the first target and counts revisions', () => {
    const state = foldIndicator([
      registered(),
      event('IndicatorTargetSet', '2019-04-01', { period: '2019/20', target: 7.5 }),
      event('IndicatorTargetSet', '2019-09-01', {
        period: '2019/20',
        target: 8,
        from: 7.5,
        reason: 'Budget',
      }),
    ]);
    expect(state?.targets['2019/20']).toMatchObject({
      target: 8,
      first: 7.5,
      revisions: 1,
      reason: 'Budget',
    });
  });

  it('finds the tolerance in force on a date, even when recorded out of order', () => {
    const state = foldIndicator([
      registered(),
      event('IndicatorToleranceSet', '2019-10-01', { tolerance: { kind: 'percent', amber: 10 } }),
      event('IndicatorToleranceSet', '2019-04-01', { tolerance: { kind: 'percent', amber: 5 } }),
    ]);
    expect(state?.tolerances.map((t) => t.effectiveOn)).toEqual(['2019-04-01', '2019-10-01']);
    expect(toleranceInForce(state?.tolerances ?? [], d('2019-06-30'))?.tolerance.amber).toBe(5);
    expect(toleranceInForce(state?.tolerances ?? [], d('2019-12-31'))?.tolerance.amber).toBe(10);
    expect(toleranceInForce(state?.tolerances ?? [], d('2019-03-31'))).toBeUndefined();
  });

  it('as at a date keeps only the facts effective by then', () => {
    const events = [
      registered(),
      event('IndicatorValueRecorded', '2019-06-30', { period: '2019/20 Q1', value: 9.3, quality: 'final' }),
      event('IndicatorValueRecorded', '2019-09-30', { period: '2019/20 Q2', value: 8.1, quality: 'final' }),
    ];
    expect(Object.keys(foldIndicator(events, d('2019-07-01'))?.values ?? {})).toEqual(['2019/20 Q1']);
  });

  it('keeps the latest status, comparator of each kind and comment per period', () => {
    const state = foldIndicator([
      registered(),
      event('IndicatorStatusReported', '2019-06-30', {
        period: '2019/20 Q1',
        status: 'Alert',
        comment: 'Flu',
      }),
      event('IndicatorComparatorRecorded', '2019-06-30', {
        period: '2019/20 Q1',
        kind: 'national',
        value: 8.4,
        source: 'LGA',
      }),
      event('IndicatorComparatorRecorded', '2019-06-30', {
        period: '2019/20 Q1',
        kind: 'family-group',
        value: 8,
        source: 'CIPFA',
      }),
      event('IndicatorCommented', '2019-06-30', { period: '2019/20 Q1', text: 'First' }),
      event('IndicatorCommented', '2019-06-30', { period: '2019/20 Q1', text: 'Second' }),
      event('IndicatorDetailsAmended', '2019-07-01', { owner: 'Head of HR' }),
    ]);
    expect(state?.statuses['2019/20 Q1']).toEqual({ status: 'Alert', comment: 'Flu' });
    expect(Object.keys(state?.comparators['2019/20 Q1'] ?? {})).toEqual(['national', 'family-group']);
    expect(state?.comments['2019/20 Q1']?.text).toBe('Second');
    expect(state?.owner).toBe('Head of HR');
    expect(state?.eventCount).toBe(7);
  });
});

describe('the indicator field-change table', () => {
  it('covers exactly the indicator events of the catalogue, and each describes itself', () => {
    const indicatorTypes = eventTypes.filter((type) => type.startsWith('Indicator'));
    expect(indicatorTypes).toHaveLength(9);
    for (const type of eventTypes) {
      expect(isIndicatorEvent({ type, data: {} } as never), type).toBe(type.startsWith('Indicator'));
    }
  });

  it('never loses a value: every field set by a recorded value can be read back', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.boolean(), fc.constant(null)),
        (value) => {
          const recorded = event('IndicatorValueRecorded', '2019-06-30', {
            period: '2019/20 Q1',
            value,
            quality: value === null ? 'missing' : 'final',
          });
          const changes = indicatorFieldChangesOf(recorded);
          expect(changes.find((c) => c.field === 'value')?.value).toBe(Object.is(value, -0) ? 0 : value);
          expect(typeof describeIndicatorEvent(recorded as never)).toBe('string');
        },
      ),
    );
  });
});
