import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatIndicatorValue,
  type IndicatorValueReading,
  type MoneyScale,
  parseIndicatorValue,
} from './parse-indicator-value.js';

const number = (value: number, more: Partial<IndicatorValueReading & { kind: 'number' }> = {}) => ({
  kind: 'number',
  value,
  mark: null,
  scale: '',
  decimals: 0,
  footnote: null,
  ...more,
});

describe('parseIndicatorValue: values as the seeds print them', () => {
  it.each([
    ['31.0%', number(31, { mark: 'percentage', decimals: 1 })],
    ['75.26%', number(75.26, { mark: 'percentage', decimals: 2 })],
    ['84,617', number(84617)],
    ['90,192', number(90192)],
    ['£20m', number(20_000_000, { mark: 'money', scale: 'm' })],
    ['£26.2m', number(26_200_000, { mark: 'money', scale: 'm', decimals: 1 })],
    ['£500k', number(500_000, { mark: 'money', scale: 'k' })],
    ['£1.25bn', number(1_250_000_000, { mark: 'money', scale: 'bn', decimals: 2 })],
    ['£1,234.50', number(1234.5, { mark: 'money', decimals: 2 })],
    ['8.42', number(8.42, { decimals: 2 })],
    ['14.0', number(14, { decimals: 1 })],
    ['9.3*', number(9.3, { decimals: 1, footnote: '*' })],
    ['<b>95%</b>', number(95, { mark: 'percentage' })],
    ['-3.5%', number(-3.5, { mark: 'percentage', decimals: 1 })],
    ['None', number(0)],
    ['Yes', { kind: 'yes-no', value: true, footnote: null }],
    ['no', { kind: 'yes-no', value: false, footnote: null }],
    ['-', { kind: 'missing', marker: '-' }],
    ['–', { kind: 'missing', marker: '-' }],
    ['n/a', { kind: 'missing', marker: 'n/a' }],
    ['N/A', { kind: 'missing', marker: 'n/a' }],
  ])('reads %j', (text, reading) => {
    expect(parseIndicatorValue(text)).toEqual({ ok: true, value: reading });
  });

  it('reads a missing value as missing, never as zero', () => {
    const dash = parseIndicatorValue('-');
    expect(dash.ok && dash.value.kind).toBe('missing');
  });

  it.each([
    ['81% Priority 1 90% Priority 2', /holds 2 figures \('81%', '90%'\), not one/],
    ['27.5% (2017/18)', /names a period of its own \('2017\/18'\)/],
    ['29 (Welbeck House, Lawn View)', /is not a figure/],
    ['£5%', /both a pound sign and a percent sign/],
    ['20m', /scale \('m'\) but no pound sign/],
    ['8,4617', /misplaced thousands separator/],
    ['1234567890123456', /more than 15 significant digits/],
    ['1e5', /exponent form/],
    ['12 and 14', /holds 2 figures/],
    ['twelve', /is not a figure/],
    ['', /is empty/],
  ])('refuses %j, saying why', (text, message) => {
    const result = parseIndicatorValue(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

const SCALE_EXPONENT: Record<MoneyScale, number> = { '': 0, k: 3, m: 6, bn: 9 };

/** Readings as a report could print them: a mantissa with some decimals, in one of the forms. */
const readings: fc.Arbitrary<IndicatorValueReading> = fc.oneof(
  fc
    .record({
      mantissa: fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }),
      decimals: fc.integer({ min: 0, max: 3 }),
      form: fc.constantFrom('plain', 'percentage', '', 'k', 'm', 'bn'),
      footnote: fc.constantFrom(null, '*', '**', '†'),
    })
    .map(({ mantissa, decimals, form, footnote }): IndicatorValueReading => {
      const money = form !== 'plain' && form !== 'percentage';
      const scale = (money ? form : '') as MoneyScale;
      const value = Number(`${mantissa}e${SCALE_EXPONENT[scale] - decimals}`);
      return {
        kind: 'number',
        value: Object.is(value, -0) ? 0 : value,
        mark: money ? 'money' : form === 'percentage' ? 'percentage' : null,
        scale,
        decimals,
        footnote,
      };
    }),
  fc.record({
    kind: fc.constant('yes-no' as const),
    value: fc.boolean(),
    footnote: fc.constantFrom(null, '*'),
  }),
  fc.record({ kind: fc.constant('missing' as const), marker: fc.constantFrom('-' as const, 'n/a' as const) }),
);

describe('parseIndicatorValue properties', () => {
  it('reads back what formatIndicatorValue prints: parse(format(x)) is x', () => {
    fc.assert(
      fc.property(readings, (reading) => {
        expect(parseIndicatorValue(formatIndicatorValue(reading))).toEqual({ ok: true, value: reading });
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on any text: it reads a value or refuses with a message', () => {
    const cells = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(...'0123456789,.£%*-kmbn yesNA/()Q'.split('')) }),
      fc.string({ unit: 'grapheme' }),
    );
    fc.assert(
      fc.property(cells, (cell) => {
        const result = parseIndicatorValue(cell);
        if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
        else if (result.value.kind === 'number') expect(Number.isFinite(result.value.value)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
