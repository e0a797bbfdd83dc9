import { describe, expect, it } from 'vitest';
import { formatDaysMoved, formatQuartersMoved, slipMeasures } from './slip-measures.js';

describe('slip measures', () => {
  it('counts days and fiscal quarters between the original and current due dates', () => {
    expect(slipMeasures('2019-06-30', '2020-12-31', 4)).toEqual({ days: 550, quarters: 6 });
    expect(slipMeasures('2024-03-31', '2024-04-01', 4)).toEqual({ days: 1, quarters: 1 });
    expect(slipMeasures('2024-06-30', '2024-03-31', 4)).toEqual({ days: -91, quarters: -1 });
    expect(slipMeasures('2024-01-01', '2024-03-31', 4)).toEqual({ days: 90, quarters: 0 });
    expect(slipMeasures('2024-03-31', '2024-04-01', 1)).toEqual({ days: 1, quarters: 1 });
    expect(slipMeasures('2024-03-31', '2024-04-01', 2)).toEqual({ days: 1, quarters: 0 });
  });

  it('prints signed days and quarters with a true minus sign', () => {
    expect(formatDaysMoved(550)).toBe('+550 days');
    expect(formatDaysMoved(1)).toBe('+1 day');
    expect(formatDaysMoved(0)).toBe('0 days');
    expect(formatDaysMoved(-30)).toBe('−30 days');
    expect(formatQuartersMoved(1)).toBe('1 quarter');
    expect(formatQuartersMoved(-2)).toBe('−2 quarters');
  });
});
