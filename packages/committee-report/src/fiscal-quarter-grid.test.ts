import { describe, expect, it } from 'vitest';
import { parseCalendarDate } from './calendar-date.js';
import { fiscalQuartersCovering, fiscalYearLabel } from './fiscal-quarter-grid.js';

const d = (text: string) => parseCalendarDate(text)!;
const labels = (from: string, to: string, startMonth: number) =>
  fiscalQuartersCovering(d(from), d(to), startMonth).map((cell) => `${cell.fyLabel} Q${cell.quarter}`);

describe('fiscal quarter grid', () => {
  it('labels years the way the organisation does', () => {
    expect(fiscalYearLabel(2023, 4)).toBe('2023/24');
    expect(fiscalYearLabel(1999, 4)).toBe('1999/00');
    expect(fiscalYearLabel(2024, 1)).toBe('2024');
  });

  it('covers whole UK quarters across 31 March / 1 April', () => {
    expect(labels('2024-03-31', '2024-04-01', 4)).toEqual(['2023/24 Q4', '2024/25 Q1']);
    expect(labels('2023-12-31', '2024-04-01', 4)).toEqual(['2023/24 Q3', '2023/24 Q4', '2024/25 Q1']);
    const [q4] = fiscalQuartersCovering(d('2024-02-29'), d('2024-02-29'), 4);
    expect(q4).toEqual({
      start: { year: 2024, month: 1, day: 1 },
      next: { year: 2024, month: 4, day: 1 },
      quarter: 4,
      fyLabel: '2023/24',
    });
  });

  it('uses another start month when asked', () => {
    expect(labels('2024-01-01', '2024-12-31', 1)).toEqual(['2024 Q1', '2024 Q2', '2024 Q3', '2024 Q4']);
    expect(labels('2023-12-15', '2024-02-01', 7)).toEqual(['2023/24 Q2', '2023/24 Q3']);
    expect(labels('2024-01-15', '2024-01-15', 11)).toEqual(['2023/24 Q1']);
  });
});
