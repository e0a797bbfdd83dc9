import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import {
  type BusinessDate,
  businessDateFromParts,
  businessDateParts,
  businessDateSchema,
  daysInMonth,
  isBusinessDate,
  parseBusinessDate,
} from './business-date.js';

// Generated independently of the code under test: the ISO string of a UTC instant.
const anyBusinessDate = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((instant) => instant.toISOString().slice(0, 10));

describe('parseBusinessDate', () => {
  it.each(['2024-02-29', '2024-03-31', '2024-04-01', '2000-02-29', '0001-01-01', '9999-12-31'])(
    'accepts the real date %s',
    (text) => {
      expect(parseBusinessDate(text)).toBe(text);
    },
  );

  it.each(['2020-04-31', '2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-01-00', '0000-01-01'])(
    'rejects the impossible date %s',
    (text) => {
      expect(() => parseBusinessDate(text)).toThrow(ValidationError);
      expect(() => parseBusinessDate(text)).toThrow(`"${text}"`);
      expect(() => parseBusinessDate(text)).toThrow('no such calendar date');
    },
  );

  it.each([
    '31-Apr-2020',
    '2024-3-31',
    '2024/03/31',
    ' 2024-03-31',
    '2024-03-31T00:00:00Z',
    '',
    '+02024-01-01',
  ])('rejects the malformed text %j', (text) => {
    expect(() => parseBusinessDate(text)).toThrow(/expected YYYY-MM-DD/);
  });

  it('throws a ValidationError with the stable code', () => {
    try {
      parseBusinessDate('2020-04-31');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).code).toBe('VALIDATION_FAILED');
      expect((error as ValidationError).issues).toHaveLength(1);
    }
  });

  it('accepts every real date and returns it unchanged', () => {
    fc.assert(fc.property(anyBusinessDate, (text) => parseBusinessDate(text) === text));
  });
});

describe('isBusinessDate', () => {
  it('distinguishes real dates from impossible ones and non-strings', () => {
    expect(isBusinessDate('2024-02-29')).toBe(true);
    expect(isBusinessDate('2023-02-29')).toBe(false);
    expect(isBusinessDate(20240229)).toBe(false);
    expect(isBusinessDate(undefined)).toBe(false);
  });
});

describe('businessDateSchema', () => {
  it('parses real dates and brands them', () => {
    const date: BusinessDate = businessDateSchema.parse('2024-02-29');
    expect(date).toBe('2024-02-29');
  });

  it('reports impossible and malformed dates as zod issues', () => {
    const impossible = businessDateSchema.safeParse('2020-04-31');
    expect(impossible.success).toBe(false);
    expect(impossible.error?.issues.map((issue) => issue.message)).toEqual(['No such calendar date']);
    expect(businessDateSchema.safeParse('31/03/2024').success).toBe(false);
    expect(businessDateSchema.safeParse(20240331).success).toBe(false);
  });

  it('agrees with isBusinessDate on arbitrary strings', () => {
    const candidate = fc.oneof(
      anyBusinessDate,
      fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(candidate, (text) => businessDateSchema.safeParse(text).success === isBusinessDate(text)),
    );
  });
});

describe('businessDateFromParts and businessDateParts', () => {
  it('round-trip every date', () => {
    fc.assert(
      fc.property(anyBusinessDate, (text) => {
        const { year, month, day } = businessDateParts(text as BusinessDate);
        return businessDateFromParts(year, month, day) === text;
      }),
    );
  });

  it('pads years, months and days', () => {
    expect(businessDateFromParts(99, 1, 2)).toBe('0099-01-02');
  });

  it('rejects non-existent days', () => {
    expect(() => businessDateFromParts(2023, 2, 29)).toThrow(ValidationError);
    expect(() => businessDateFromParts(2024, 1.5, 1)).toThrow(ValidationError);
    expect(() => businessDateFromParts(10_000, 1, 1)).toThrow(ValidationError);
  });
});

describe('daysInMonth', () => {
  it('follows the Gregorian leap-year rule', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 3)).toBe(31);
  });
});
