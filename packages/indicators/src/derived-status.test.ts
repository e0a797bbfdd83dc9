import { pentanaIndicatorStatusKey, pentanaStatusKey, ragStatusKey } from '@perfledger/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AssessmentInput, assessIndicator, derivedStatusWord } from './derived-status.js';

const base: AssessmentInput = { value: 9.3, target: 7.5, polarity: 'lower', tolerance: null, previous: null };
const assess = (change: Partial<AssessmentInput>) => assessIndicator({ ...base, ...change });

describe('assessIndicator', () => {
  it('compares a number by polarity', () => {
    expect(assess({})).toEqual({ targetMet: false, rating: 'missed', shortfall: 9.3 - 7.5 });
    expect(assess({ value: 7.5 })).toMatchObject({ targetMet: true, rating: 'met' });
    expect(assess({ polarity: 'higher' })).toMatchObject({ targetMet: true, rating: 'met' });
    expect(assess({ polarity: 'higher', value: 7 })).toMatchObject({ targetMet: false });
  });

  it('rates a miss within the tolerance as near, percent of the target or absolute', () => {
    // 5 % of 7.5 is 0.375.
    expect(assess({ value: 7.8, tolerance: { kind: 'percent', amber: 5 } }).rating).toBe('near');
    expect(assess({ value: 7.9, tolerance: { kind: 'percent', amber: 5 } }).rating).toBe('missed');
    expect(assess({ value: 9.3, tolerance: { kind: 'absolute', amber: 2 } }).rating).toBe('near');
    expect(assess({ value: 9.3, tolerance: { kind: 'absolute', amber: 1 } }).rating).toBe('missed');
  });

  it('a direction target is met when strictly better than the previous value; unchanged is a miss by nothing', () => {
    const increase = { target: { direction: 'increase' as const }, polarity: 'higher' as const };
    expect(assess({ ...increase, value: 31, previous: 30 })).toMatchObject({
      targetMet: true,
      rating: 'met',
    });
    expect(assess({ ...increase, value: 29, previous: 30 })).toMatchObject({
      targetMet: false,
      rating: 'missed',
    });
    expect(assess({ ...increase, value: 30, previous: 30 })).toMatchObject({
      targetMet: false,
      rating: 'missed',
      shortfall: 0,
    });
    expect(
      assess({ ...increase, value: 30, previous: 30, tolerance: { kind: 'absolute', amber: 0 } }).rating,
    ).toBe('near');
    expect(assess({ ...increase, value: 31, previous: null })).toEqual({
      targetMet: null,
      rating: null,
      shortfall: null,
    });
    expect(assess({ target: { direction: 'decrease' }, value: 8.1, previous: 8.7 })).toMatchObject({
      targetMet: true,
    });
  });

  it('a band is met inside it, missed outside by the distance to the nearer bound', () => {
    const band = { polarity: 'band' as const, target: { low: 95, high: 105 } };
    expect(assess({ ...band, value: 100 })).toMatchObject({ targetMet: true });
    expect(assess({ ...band, value: 106 })).toMatchObject({ targetMet: false, shortfall: 1 });
    expect(assess({ ...band, value: 94, tolerance: { kind: 'percent', amber: 2 } }).rating).toBe('near');
  });

  it('yes/no is met when equal and has no near miss; no value or no target is not assessed', () => {
    expect(assess({ value: true, target: true, polarity: 'higher' })).toMatchObject({ targetMet: true });
    expect(
      assess({ value: false, target: true, polarity: 'higher', tolerance: { kind: 'absolute', amber: 5 } }),
    ).toMatchObject({
      targetMet: false,
      rating: 'missed',
    });
    expect(assess({ value: null }).targetMet).toBeNull();
    expect(assess({ target: null }).targetMet).toBeNull();
  });

  it('a larger tolerance never makes a rating worse, and met never depends on the tolerance', () => {
    const order = { met: 0, near: 1, missed: 2 } as const;
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.constantFrom('higher' as const, 'lower' as const),
        fc.constantFrom('percent' as const, 'absolute' as const),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (value, target, polarity, kind, a, b) => {
          const [small, large] = a <= b ? [a, b] : [b, a];
          const tight = assessIndicator({
            value,
            target,
            polarity,
            previous: null,
            tolerance: { kind, amber: small },
          });
          const loose = assessIndicator({
            value,
            target,
            polarity,
            previous: null,
            tolerance: { kind, amber: large },
          });
          const none = assessIndicator({ value, target, polarity, previous: null, tolerance: null });
          expect(order[loose.rating!]).toBeLessThanOrEqual(order[tight.rating!]);
          expect(tight.targetMet).toBe(none.targetMet);
          expect(none.rating === 'near').toBe(false);
        },
      ),
    );
  });
});

describe('derivedStatusWord', () => {
  const met = assess({ value: 7 });
  const near = assess({ value: 7.8, tolerance: { kind: 'percent', amber: 5 } });
  const missed = assess({});
  const none = assess({ target: null });
  it('speaks the words of the indicator’s key', () => {
    const facts = { hasTarget: true, hasValue: true };
    expect([met, near, missed].map((a) => derivedStatusWord(ragStatusKey, a, facts))).toEqual([
      'Green',
      'Amber',
      'Red',
    ]);
    expect([met, near, missed].map((a) => derivedStatusWord(pentanaIndicatorStatusKey, a, facts))).toEqual([
      'Satisfactory',
      'Warning',
      'Alert',
    ]);
    expect(derivedStatusWord(pentanaIndicatorStatusKey, none, { hasTarget: false, hasValue: true })).toBe(
      'Data Only',
    );
    expect(
      derivedStatusWord(pentanaIndicatorStatusKey, assess({ value: null }), {
        hasTarget: true,
        hasValue: false,
      }),
    ).toBe('Unknown');
    expect(derivedStatusWord(ragStatusKey, none, { hasTarget: false, hasValue: true })).toBeNull();
  });

  it('for another key, uses its meanings: on track for met, attention for missed, nothing for near', () => {
    const facts = { hasTarget: true, hasValue: true };
    expect([met, near, missed].map((a) => derivedStatusWord(pentanaStatusKey, a, facts))).toEqual([
      'Not Started',
      null,
      'Overdue',
    ]);
    expect(derivedStatusWord(undefined, met, facts)).toBeNull();
  });
});
