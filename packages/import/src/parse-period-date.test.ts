import { addDays, type BusinessDate, createFiscalCalendar, ukFiscalCalendar } from '@perfledger/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDueDate, parsePeriodDate } from './parse-period-date.js';

const asOf = '2019-06-30' as BusinessDate; // a 2019/20 snapshot

describe('parseDueDate: due dates by period (issue 17, item 4)', () => {
  it.each([
    ['Q4', '2020-03-31', '2019/20 Q4'],
    ['q1', '2019-06-30', '2019/20 Q1'],
    ['Q4 2019/20', '2020-03-31', '2019/20 Q4'],
    ['Q4 2019-20', '2020-03-31', '2019/20 Q4'],
    ['2019/20 Q3', '2019-12-31', '2019/20 Q3'],
    ['Q2 FY 2020/21', '2020-09-30', '2020/21 Q2'],
    ['2020/21', '2021-03-31', '2020/21'],
    ['2020-21', '2021-03-31', '2020/21'],
    ['2020/2021', '2021-03-31', '2020/21'],
    ['FY2020/21', '2021-03-31', '2020/21'],
    ['March 2020', '2020-03-31', 'March 2020'],
    ['Sept 2019', '2019-09-30', 'September 2019'],
    ['Feb-2024', '2024-02-29', 'February 2024'],
    ['end of March 2020', '2020-03-31', 'March 2020'],
    ['  <b>Q4</b> ', '2020-03-31', '2019/20 Q4'],
  ])('reads %j as %s (%s), keeping the words', (text, date, period) => {
    const result = parseDueDate(text, { asOf });
    expect(result).toEqual({
      ok: true,
      value: { date, period, text: text.replace(/<\/?b>/g, '').trim() },
    });
  });

  it('reads a day as a day, with no period words', () => {
    expect(parseDueDate('31-Mar-2020', { asOf })).toEqual({
      ok: true,
      value: { date: '2020-03-31', text: null, period: null },
    });
  });

  it('reads "Q4" of the snapshot\'s own financial year, across the 31 March / 1 April boundary', () => {
    expect(parseDueDate('Q4', { asOf: '2020-03-31' as BusinessDate })).toMatchObject({
      value: { date: '2020-03-31' },
    });
    expect(parseDueDate('Q4', { asOf: '2020-04-01' as BusinessDate })).toMatchObject({
      value: { date: '2021-03-31' },
    });
  });

  it('follows the calendar when the year starts in another month', () => {
    const july = createFiscalCalendar({ startMonth: 7 });
    expect(parsePeriodDate('Q4', { asOf, calendar: july })).toEqual({
      ok: true,
      value: { date: '2019-06-30', period: '2018/19 Q4' },
    });
  });

  it.each([
    ['mid April 2020', /no clear end date, so a person must decide/],
    ['early 2021', /no clear end date/],
    ['2020/22', /second year must follow the first, as in 2020\/21/],
    ['Q5 2019/20', /is not a date/],
    ['Smarch 2020', /is not a date/],
    ['soon', /a quarter \(Q4 or Q4 2019\/20\) or a financial year \(2020\/21\)/],
  ])('refuses %j with the reason', (text, reason) => {
    const result = parseDueDate(text, { asOf });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(reason);
  });

  it('refuses a quarter without a year when there is no snapshot date to take it from', () => {
    const result = parseDueDate('Q4', {});
    expect(result).toEqual({
      ok: false,
      message: "'Q4' names a quarter without a year; give the year, as in Q4 2019/20",
    });
  });

  it('property: every accepted period text maps to the last day of that fiscal period', () => {
    const { quarterOf, fiscalYearOf } = ukFiscalCalendar;
    const monthNames = [
      'January',
      'Feb',
      'March',
      'Apr',
      'May',
      'June',
      'Jul',
      'August',
      'Sept',
      'Oct',
      'November',
      'Dec',
    ];
    const period = fc.oneof(
      fc
        .record({
          q: fc.integer({ min: 1, max: 4 }),
          year: fc.integer({ min: 1900, max: 2198 }),
          dash: fc.boolean(),
        })
        .map(({ q, year, dash }) => ({
          text: `Q${q} ${year}${dash ? '-' : '/'}${String((year + 1) % 100).padStart(2, '0')}`,
          kind: 'quarter' as const,
        })),
      fc.record({ year: fc.integer({ min: 1900, max: 2198 }), dash: fc.boolean() }).map(({ year, dash }) => ({
        text: `${year}${dash ? '-' : '/'}${String((year + 1) % 100).padStart(2, '0')}`,
        kind: 'year' as const,
      })),
      fc
        .record({ month: fc.integer({ min: 0, max: 11 }), year: fc.integer({ min: 1900, max: 2199 }) })
        .map(({ month, year }) => ({ text: `${monthNames[month]} ${year}`, kind: 'month' as const })),
      fc.integer({ min: 1, max: 4 }).map((q) => ({ text: `Q${q}`, kind: 'quarter' as const })),
    );
    const snapshotDate = fc
      .date({
        min: new Date('1900-04-01T00:00:00Z'),
        max: new Date('2198-03-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10) as BusinessDate);
    fc.assert(
      fc.property(period, snapshotDate, ({ text, kind }, on) => {
        const result = parseDueDate(text, { asOf: on });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const { date, text: words } = result.value;
        expect(words).toBe(text);
        // Every period ends on a month's last day…
        expect(addDays(date, 1).endsWith('-01')).toBe(true);
        // …and a quarter or a financial year on that quarter's or year's last day.
        if (kind === 'quarter') expect(quarterOf(date).end).toBe(date);
        if (kind === 'year') {
          expect(quarterOf(date).end).toBe(date);
          expect(ukFiscalCalendar.yearBounds(fiscalYearOf(date)).end).toBe(date);
        }
      }),
    );
  });

  it('property: whatever the cell, a due date is either refused or a real date, and period words always end a month', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.stringMatching(/^(Q[0-9]|mid|end of)? ?[A-Za-z]{0,9} ?[0-9]{0,4}[/-]?[0-9]{0,4}$/),
        ),
        (cell) => {
          const result = parseDueDate(cell, { asOf });
          if (!result.ok) return;
          expect(result.value.date).toMatch(/^\d{4}-\d\d-\d\d$/);
          if (result.value.text !== null) expect(addDays(result.value.date, 1).endsWith('-01')).toBe(true);
        },
      ),
    );
  });
});
