import { describe, expect, it } from 'vitest';
import { parsePercent } from './parse-percent.js';

describe('parsePercent', () => {
  it.each([
    ['58%', 58],
    ['58', 58],
    ['<b>100%</b>', 100],
    [' 58 % ', 58],
    ['0%', 0],
    ['0', 0],
    ['100', 100],
    ['058', 58],
    ['58.0%', 58],
    ['&nbsp;33%', 33],
  ])('reads %j as %d', (text, value) => {
    expect(parsePercent(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['140%', /between 0 and 100/],
    ['-5', /between 0 and 100/],
    ['101', /between 0 and 100/],
    ['58.5', /whole number/],
    ['0.58', /whole number/],
    ['fifty', /not a percentage/],
    ['5 8', /not a percentage/],
    ['1e2', /not a percentage/],
    ['', /is empty/],
    ['99999999999999999999999', /between 0 and 100/],
  ])('refuses %j', (text, message) => {
    const result = parsePercent(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
