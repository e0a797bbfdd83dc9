import { describe, expect, it } from 'vitest';
import { parseUkDate } from './parse-uk-date.js';

describe('parseUkDate', () => {
  it.each([
    ['31 March 2024', '2024-03-31'],
    ['31-May-2019', '2019-05-31'],
    ['30-Sept-2019', '2019-09-30'],
    ['28-February-2020', '2020-02-28'],
    ['30-Sep-2019', '2019-09-30'],
    ['31/03/2024', '2024-03-31'],
    ['1/4/2024', '2024-04-01'],
    ['31.03.2024', '2024-03-31'],
    ['2024-03-31', '2024-03-31'],
    ['  <b>31-Dec-2020</b> ', '2020-12-31'],
    ['31st March 2024', '2024-03-31'],
    ['31 MAR 2024', '2024-03-31'],
    ['March 31, 2024', '2024-03-31'],
    ['29 February 2024', '2024-02-29'],
    ['1 April 2024', '2024-04-01'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseUkDate(text)).toEqual({ ok: true, value: iso });
  });

  it('reads numeric dates day first, as UK spreadsheets write them', () => {
    expect(parseUkDate('04/03/2024')).toEqual({ ok: true, value: '2024-03-04' });
    const us = parseUkDate('03/31/2024');
    expect(us.ok).toBe(false);
    if (!us.ok) expect(us.message).toMatch(/no month 31.*day first/);
  });

  it.each([
    ['31-Apr-2020', /April 2020 has 30 days/],
    ['29 February 2023', /February 2023 has 28 days/],
    ['2020-04-31', /April 2020 has 30 days/],
    ['31-Sept-2019', /September 2019 has 30 days/],
    ['0/3/2024', /March 2024 has 31 days/],
    ['31-May-19', /four-digit year/],
    ['31-Mayo-2019', /no month called 'Mayo'/],
    ['43646', /serial number/],
    ['next quarter', /is not a date/],
    ['', /is empty/],
    ['2024-03-31T00:00:00Z', /is not a date/],
  ])('refuses %j', (text, message) => {
    const result = parseUkDate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('keeps its message short and printable whatever the cell holds', () => {
    const result = parseUkDate(`${'x'.repeat(100_000)}\u0007`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeLessThan(300);
  });
});
