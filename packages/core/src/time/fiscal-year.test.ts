import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { fiscalYearFromStartYear, parseFiscalYearLabel, toFiscalYear } from './fiscal-year.js';

describe('fiscalYearFromStartYear', () => {
  it('labels split years "2023/24" and January years "2023"', () => {
    expect(fiscalYearFromStartYear(2023, 4)).toEqual({ startYear: 2023, label: '2023/24' });
    expect(fiscalYearFromStartYear(1999, 4).label).toBe('1999/00');
    expect(fiscalYearFromStartYear(2023, 1)).toEqual({ startYear: 2023, label: '2023' });
  });

  it('returns frozen values', () => {
    expect(Object.isFrozen(fiscalYearFromStartYear(2023, 4))).toBe(true);
  });

  it('rejects years whose end is not a business date', () => {
    expect(() => fiscalYearFromStartYear(0, 4)).toThrow(ValidationError);
    expect(() => fiscalYearFromStartYear(9999, 4)).toThrow(ValidationError);
    expect(fiscalYearFromStartYear(9999, 1).label).toBe('9999');
    expect(() => fiscalYearFromStartYear(2023.5, 4)).toThrow(ValidationError);
  });
});

describe('parseFiscalYearLabel', () => {
  it.each([
    '2023/24',
    '2023-24',
    '2023/2024',
    '2023-2024',
    '2023–24',
    ' FY2023/24 ',
    'fy 2023/24',
    '2023 / 24',
  ])('reads %j as the year starting in 2023', (label) => {
    expect(parseFiscalYearLabel(label, 4)).toEqual({ startYear: 2023, label: '2023/24' });
  });

  it('reads a century turn', () => {
    expect(parseFiscalYearLabel('1999/00', 4).startYear).toBe(1999);
    expect(parseFiscalYearLabel('1999/2000', 4).startYear).toBe(1999);
  });

  it.each(['2023/25', '2023/23', '2023', 'abc', '', '23/24', '2023/024', '2023/2025'])(
    'rejects %j for an April calendar, naming it',
    (label) => {
      expect(() => parseFiscalYearLabel(label, 4)).toThrow(ValidationError);
      expect(() => parseFiscalYearLabel(label, 4)).toThrow(JSON.stringify(label));
    },
  );

  it('reads bare years only for January calendars', () => {
    expect(parseFiscalYearLabel('2023', 1)).toEqual({ startYear: 2023, label: '2023' });
    expect(parseFiscalYearLabel('FY2023', 1).startYear).toBe(2023);
    expect(() => parseFiscalYearLabel('2023/24', 1)).toThrow(ValidationError);
  });

  it('round-trips every label it produces', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9998 }),
        fc.integer({ min: 1, max: 12 }),
        (startYear, startMonth) => {
          const fy = fiscalYearFromStartYear(startYear, startMonth);
          expect(parseFiscalYearLabel(fy.label, startMonth)).toEqual(fy);
        },
      ),
    );
  });
});

describe('toFiscalYear', () => {
  it('accepts labels, start years and FiscalYear values, relabelling for the calendar', () => {
    expect(toFiscalYear('2023/24', 4).startYear).toBe(2023);
    expect(toFiscalYear(2023, 4).label).toBe('2023/24');
    expect(toFiscalYear({ startYear: 2023, label: '2023' }, 7).label).toBe('2023/24');
  });

  it('rejects anything else', () => {
    expect(() => toFiscalYear(null as never, 4)).toThrow(ValidationError);
    expect(() => toFiscalYear(Number.NaN, 4)).toThrow(ValidationError);
  });
});
