import { describe, expect, it } from 'vitest';
import { formatDueDateText, isPlottableDate, plottableDateRange } from './calendar-date.js';
import { dueDateTimeline } from './due-date-timeline.js';
import { renderCommitteeReport } from './render-committee-report.js';
import { sampleCommitteeReportInput } from './test-support/sample-committee-report-input.js';

// A ledger an older build wrote may hold a "no end date" marker such as 9999-12-31. The report
// prints it as recorded and flags it, but does not draw it: one such date would stretch the
// timeline over thousands of years (tens of thousands of quarter gridlines).
const legacyMove = {
  code: 'A1',
  title: 'Open-ended action',
  originalDueDate: '9999-12-31',
  currentDueDate: '2021-03-31',
  revisions: [{ from: '0001-01-01', to: '2021-03-31', effectiveOn: '2019-06-30', reason: 'legacy' }],
};

describe('dates outside the business-date range', () => {
  it('are flagged in text and not plotted', () => {
    expect(plottableDateRange).toEqual({ min: '1900-01-01', max: '2199-12-31' });
    expect(isPlottableDate('2199-12-31')).toBe(true);
    expect(isPlottableDate('9999-12-31')).toBe(false);
    expect(formatDueDateText('9999-12-31')).toBe('31 Dec 9999 (outside the business-date range)');
    expect(formatDueDateText('2024-03-31')).toBe('31 Mar 2024');
  });

  it('keep the timeline to the dates in range', () => {
    const chart = dueDateTimeline({
      id: 't',
      moves: [legacyMove],
      quarterStart: '2019-04-01',
      quarterEnd: '2019-06-30',
      startMonth: 4,
    });
    const gridlines = chart?.value.match(/class="grid-line/g) ?? [];
    expect(gridlines.length).toBeLessThan(20);
    expect(chart?.value).toMatch(/originally due 31 Dec 9999 \(outside the business-date range\)/);
  });

  it('render the whole report with the dates shown as recorded', () => {
    const html = renderCommitteeReport({ ...sampleCommitteeReportInput, dueDateMoves: [legacyMove] });
    expect(html).toMatch(/31 Dec 9999 \(outside the business-date range\)/);
    expect(html).toMatch(
      /1 Jan 1 \(outside the business-date range\)|1 Jan 0001 \(outside the business-date range\)/,
    );
    expect(html.length).toBeLessThan(200_000);
  });
});
