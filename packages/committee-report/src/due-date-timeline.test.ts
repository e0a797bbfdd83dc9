import { describe, expect, it } from 'vitest';
import type { DueDateMove } from './committee-report-input.js';
import { dueDateTimeline } from './due-date-timeline.js';

const dem: DueDateMove = {
  code: 'DEM1518_02',
  title: 'Demolition',
  originalDueDate: '2019-06-30',
  currentDueDate: '2020-12-31',
  revisions: [
    {
      from: '2019-06-30',
      to: '2020-12-31',
      effectiveOn: '2019-06-30',
      reason: 'Due date revised from June 2019',
    },
  ],
};
const forward: DueDateMove = {
  code: 'FP1922_09',
  title: 'Wayfinding',
  originalDueDate: '2020-06-30',
  currentDueDate: '2020-03-31',
  revisions: [{ from: '2020-06-30', to: '2020-03-31', effectiveOn: '2019-11-01', reason: 'Brought forward' }],
};

const draw = (moves: readonly DueDateMove[], startMonth = 4) =>
  dueDateTimeline({ id: 't', moves, quarterStart: '2019-10-01', quarterEnd: '2019-12-31', startMonth })
    ?.value ?? '';

const all = (svg: string, pattern: RegExp) => [...svg.matchAll(pattern)].map((match) => match[1]);

describe('dueDateTimeline', () => {
  it('draws nothing when no due date moved', () => {
    expect(
      dueDateTimeline({
        id: 't',
        moves: [],
        quarterStart: '2019-10-01',
        quarterEnd: '2019-12-31',
        startMonth: 4,
      }),
    ).toBeUndefined();
  });

  it('draws one row per action, with days slipped and revision count', () => {
    const svg = draw([dem, forward]);
    expect(all(svg, /<g class="timeline-row" data-code="([^"]+)"/g)).toEqual(['DEM1518_02', 'FP1922_09']);
    expect(all(svg, /<text class="slip-days"[^>]*>([^<]+)</g)).toEqual(['+550 days', '−91 days']);
    expect(all(svg, /<text class="slip-detail"[^>]*>([^<]+)</g)).toEqual([
      '6 quarters, 1 revision',
      '−1 quarter, 1 revision',
    ]);
  });

  it('marks later revisions above the line and earlier ones below, each with an arrow', () => {
    const svg = draw([dem, forward]);
    expect(svg.match(/class="revision revision-later"/g)).toHaveLength(1);
    expect(svg.match(/class="revision revision-earlier"/g)).toHaveLength(1);
    expect(svg).toContain('marker-end="url(#t-arrow-later)"');
    expect(svg).toContain('marker-end="url(#t-arrow-earlier)"');
  });

  it('puts the original due date left of the current one when the date slipped', () => {
    const svg = draw([dem]);
    const original = Number(/class="original-due" cx="([\d.]+)"/.exec(svg)?.[1]);
    const current = Number(/class="current-due" d="M ([\d.]+) /.exec(svg)?.[1]);
    expect(current).toBeGreaterThan(original);
  });

  it('labels whole fiscal quarters across the range, with the years they belong to', () => {
    const svg = draw([dem]);
    // 30 Jun 2019 is 2019/20 Q1; 31 Dec 2020 is 2020/21 Q3.
    expect(all(svg, /<text class="fy-label"[^>]*>([^<]+)</g)).toEqual(['2019/20', '2020/21']);
    expect(all(svg, /<text class="quarter-label"[^>]*>([^<]+)</g)).toEqual([
      'Q1',
      'Q2',
      'Q3',
      'Q4',
      'Q1',
      'Q2',
      'Q3',
    ]);
    expect(svg).toContain('Quarter end 31 Dec 2019');
  });

  it('follows another fiscal year start', () => {
    const svg = draw([dem], 1);
    expect(all(svg, /<text class="fy-label"[^>]*>([^<]+)</g)).toEqual(['2019', '2020']);
    expect(all(svg, /<text class="quarter-label"[^>]*>([^<]+)</g)).toEqual([
      'Q2',
      'Q3',
      'Q4',
      'Q1',
      'Q2',
      'Q3',
      'Q4',
    ]);
  });

  it('marks the due dates passed through on the way', () => {
    const twice: DueDateMove = {
      ...dem,
      revisions: [
        { from: '2019-06-30', to: '2019-12-31', effectiveOn: '2019-06-01', reason: 'first' },
        { from: '2019-12-31', to: '2020-12-31', effectiveOn: '2019-12-01', reason: 'second' },
      ],
    };
    const svg = draw([twice]);
    expect(svg.match(/class="interim-due"/g)).toHaveLength(1);
    expect(svg).toContain('Interim due date 31 Dec 2019');
  });

  it('escapes codes, titles and reasons', () => {
    const svg = draw([
      {
        ...dem,
        code: '<b>',
        title: '<script>alert(1)</script>',
        revisions: [{ ...dem.revisions[0]!, reason: '"<i>' }],
      },
    ]);
    expect(svg).not.toMatch(/<(script|b|i)>/);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('&quot;&lt;i&gt;');
  });
});
