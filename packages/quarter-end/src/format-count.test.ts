import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, formatCounts, percentOf } from './format-count.js';

describe('formatting counts as committees print them', () => {
  it('prints the seed 002 delivery-plan table', () => {
    expect(formatCount(20, 40)).toBe('20 (50%)');
    expect(formatCount(11, 40)).toBe('11 (27.5%)');
    expect(formatCount(8, 40)).toBe('8 (20%)');
    expect(formatCount(1, 40)).toBe('1 (2.5%)');
    expect(
      formatCounts({ Completed: 20, 'Slightly behind': 11, 'Behind > 1 quarter': 8, 'To be closed': 1 }),
    ).toBe(
      'Completed 20 (50%), Slightly behind 11 (27.5%), Behind > 1 quarter 8 (20%), To be closed 1 (2.5%)',
    );
  });

  it('rounds half up to one decimal and never prints a trailing .0', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 16)).toBe(6.3);
    expect(percentOf(1, 1)).toBe(100);
    expect(formatCount(0, 0)).toBe('0 (0%)');
    expect(formatCounts({ Green: 1, Amber: 1 }, 4)).toBe('Green 1 (25%), Amber 1 (25%)');
  });

  it('keeps every percentage within 0–100 with at most one decimal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (total, f) => {
          const count = Math.floor(f * total);
          const percent = percentOf(count, total);
          expect(percent).toBeGreaterThanOrEqual(0);
          expect(percent).toBeLessThanOrEqual(100);
          expect(formatCount(count, total)).toMatch(/^\d+ \((\d{1,3}|\d{1,2}\.\d)%\)$/);
          expect(Math.abs(percent - (count * 100) / total)).toBeLessThanOrEqual(0.05 + 1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });
});
