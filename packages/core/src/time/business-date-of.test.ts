import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { businessDateOf } from './business-date-of.js';

describe('businessDateOf', () => {
  it('takes the UTC calendar date by default', () => {
    expect(businessDateOf(new Date('2024-03-31T23:30:00Z'))).toBe('2024-03-31');
    expect(businessDateOf(new Date('2024-04-01T00:00:00Z'))).toBe('2024-04-01');
    expect(businessDateOf(new Date('2024-02-29T12:00:00+14:00'))).toBe('2024-02-28');
  });

  it('takes the wall-clock date of a named zone', () => {
    const lateOnQuarterEnd = new Date('2024-03-31T23:30:00Z');
    expect(businessDateOf(lateOnQuarterEnd, { timeZone: 'Europe/London' })).toBe('2024-04-01');
    expect(businessDateOf(lateOnQuarterEnd, { timeZone: 'UTC' })).toBe('2024-03-31');
    expect(businessDateOf(new Date('2023-12-31T23:30:00Z'), { timeZone: 'Europe/London' })).toBe(
      '2023-12-31',
    );
  });

  it('matches the ISO string of the instant', () => {
    const instant = fc.date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(fc.property(instant, (at) => businessDateOf(at) === at.toISOString().slice(0, 10)));
  });

  it('agrees with UTC when the zone is UTC', () => {
    const instant = fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2200-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(fc.property(instant, (at) => businessDateOf(at, { timeZone: 'UTC' }) === businessDateOf(at)));
  });

  it('rejects invalid dates and unknown zones', () => {
    expect(() => businessDateOf(new Date(Number.NaN))).toThrow(ValidationError);
    expect(() => businessDateOf(new Date(), { timeZone: 'Mars/Olympus_Mons' })).toThrow(/Mars\/Olympus_Mons/);
  });
});
