import { describe, expect, it } from 'vitest';
import { formatInstant } from './format-instant.js';

describe('formatInstant', () => {
  it('prints instants in UTC to the minute, or the second when it matters', () => {
    expect(formatInstant('2024-01-15T09:00:00Z')).toBe('2024-01-15 09:00 UTC');
    expect(formatInstant('2024-01-15T09:00:00.000Z')).toBe('2024-01-15 09:00 UTC');
    expect(formatInstant('2024-01-15T09:00Z')).toBe('2024-01-15 09:00 UTC');
    expect(formatInstant('2024-07-01T10:15:30+01:00')).toBe('2024-07-01 09:15:30 UTC');
    expect(formatInstant('2024-04-01T00:30:00+01:00')).toBe('2024-03-31 23:30 UTC');
  });

  it('refuses text whose meaning would depend on the reader’s time zone, or impossible days', () => {
    expect(formatInstant('2024-01-15T09:00:00')).toBeUndefined();
    expect(formatInstant('2024-01-15 09:00')).toBeUndefined();
    expect(formatInstant('2024-01-15')).toBeUndefined();
    expect(formatInstant('2023-02-29T09:00:00Z')).toBeUndefined();
    expect(formatInstant('2024-01-15T24:00:00Z')).toBeUndefined();
  });
});
