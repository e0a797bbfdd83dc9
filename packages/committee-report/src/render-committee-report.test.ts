import { createHash } from 'node:crypto';
import { LedgerError } from '@perfledger/core';
import { describe, expect, it } from 'vitest';
import type { CommitteeReportInput } from './committee-report-input.js';
import { CommitteeReportInputError } from './committee-report-input-error.js';
import { renderCommitteeReport } from './render-committee-report.js';
import { sampleCommitteeReportInput as sample } from './test-support/sample-committee-report-input.js';

const emptyInput: CommitteeReportInput = {
  title: 'Business Plan 2024-25',
  fy: '2024/25',
  quarter: 1,
  quarterStart: '2024-04-01',
  quarterEnd: '2024-06-30',
  basis: { kind: 'now' },
  generatedAt: '2024-07-10T08:00:00Z',
  counts: [],
  derivedCounts: [],
  total: 0,
  exceptions: { red: [], overdue: [], disagreements: [] },
  dueDateMoves: [],
};

const entities: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&amp;': '&',
};

/** The text of the page with tags removed, entities decoded and whitespace collapsed. */
const visibleText = (page: string) =>
  page
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(?:lt|gt|quot|#39|amp);/g, (entity) => entities[entity] ?? entity)
    .replace(/\s+/g, ' ');

describe('renderCommitteeReport', () => {
  it('shows a blank % complete as unknown, never 0 % (issue 17, item 3)', () => {
    const [first, ...rest] = sample.exceptions.red;
    const page = renderCommitteeReport({
      ...sample,
      exceptions: { ...sample.exceptions, red: [{ ...first!, percentComplete: null }, ...rest] },
    });
    const row = page.slice(page.indexOf(`<tbody class="exception" data-code="${first!.code}"`));
    expect(row.slice(0, row.indexOf('</tbody>'))).toMatch(/<td class="num">unknown<\/td>/);
    expect(row.slice(0, row.indexOf('</tbody>'))).not.toMatch(/<td class="num">0%<\/td>/);
  });

  const page = renderCommitteeReport(sample);

  it('is one HTML document with its styles inlined and no script', () => {
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(page.endsWith('</html>\n')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<style>');
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import/i);
  });

  it('refers to nothing outside the file', () => {
    const references = [...page.matchAll(/\b(?:src|href)\s*=|url\(([^)]*)\)|https?:\/\/[^\s"')]+/gi)].map(
      (match) => match[0],
    );
    expect(
      references.filter((reference) => !/^url\(#|^http:\/\/www\.w3\.org\/2000\/svg$/.test(reference)),
    ).toEqual([]);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('heads the page with the plan, the quarter, the basis, when it was generated, and provenance', () => {
    expect(page).toContain(
      '<title>Corporate Plan 2018-23: Priority Delivery Plans — 2023/24 Quarter 3</title>',
    );
    expect(page).toContain('<h1>Corporate Plan 2018-23: Priority Delivery Plans</h1>');
    expect(page).toContain('Cannock Chase District Council · Quarter-end performance report');
    expect(page).toContain('<p class="period">2023/24 Quarter 3 (1 October – 31 December 2023)</p>');
    expect(page).toContain('<strong class="basis">As known at 2024-01-15 09:00 UTC</strong>');
    expect(page).toContain('<dd class="generated-at">2024-02-01 10:30 UTC</dd>');
    expect(visibleText(page)).toContain('position 1,234, head 9f2c0a41d7e3 , perfledger 0.1.0');
    expect(page).toContain('<meta name="perfledger:ledger-head" content="9f2c0a41d7e3b5a8');
  });

  it('says "as now known" for the now basis', () => {
    const now = renderCommitteeReport({ ...sample, basis: { kind: 'now' } });
    expect(now).toContain('<strong class="basis">As now known</strong>');
    expect(now).toContain('including corrections recorded after it ended');
  });

  it('prints counts and percentages as committees do, with the summary sentence', () => {
    const text = visibleText(page);
    expect(text).toContain(
      'At the end of Quarter 3 (31 December 2023) the plan had 40 actions: 20 (50%) Completed, 11 (27.5%) Slightly behind, 8 (20%) Behind > 1 quarter and 1 (2.5%) To be closed.',
    );
    for (const value of [
      '20 (50%)',
      '11 (27.5%)',
      '8 (20%)',
      '1 (2.5%)',
      '19 (47.5%)',
      '9 (22.5%)',
      '3 (7.5%)',
    ]) {
      expect(page).toContain(`<td class="num">${value}</td>`);
    }
    // The group table, as in a council's "progress in delivering actions" table.
    expect(page).toContain('<td class="num">10 (71.4%)</td>');
    expect(page).toContain('<td class="num">2 (16.7%)</td>');
    expect(page).toContain('<th scope="row">TOTAL</th>');
  });

  it('has every section, with real headings, captions and chart names', () => {
    expect([...page.matchAll(/<h2 id="[^"]+">([^<]+)<\/h2>/g)].map((match) => match[1])).toEqual([
      'Recommendations',
      'Summary',
      'Exceptions',
      'Due dates moved',
      'Restatements',
      'Appendix 1: Promoting Prosperity',
      'Appendix 2: Corporate',
    ]);
    expect(page.match(/<h1>/g)).toHaveLength(1);
    expect(page.match(/<caption/g)?.length).toBeGreaterThanOrEqual(7);
    expect(page.match(/<th scope="col"/g)?.length).toBeGreaterThan(20);
    expect(page.match(/<svg class="bar-chart" role="img" aria-labelledby=/g)).toHaveLength(2);
    expect(page.match(/<svg class="timeline-chart" role="img" aria-labelledby=/g)).toHaveLength(1);
    expect(page).toContain('<caption>Due-date revisions (text version of the timeline)</caption>');
  });

  it('lists each exception with both statuses, flagging disagreement', () => {
    const red = page.slice(page.indexOf('id="exceptions-red"'), page.indexOf('id="exceptions-overdue"'));
    expect(red).toContain(
      '<h3 id="exceptions-red-heading">Reported red <span class="exception-count">(1)</span></h3>',
    );
    expect(red.match(/<tbody class="exception"/g)).toHaveLength(1);
    expect(red).toContain('data-code="FP1922_02"');
    expect(red).toContain('<td class="nowrap">30 Sep 2023</td>');
    expect(red).toContain('<td class="num">40%</td>');
    expect(red).toContain('<td class="mismatch">');
    expect(red).toContain('Last comment, 31 Dec 2023:');
    expect(
      page.slice(page.indexOf('id="exceptions-overdue"')).match(/<tbody class="exception"/g),
    ).toHaveLength(4);
  });

  it('lists the decisions asked of the committee first, and prints none when not given', () => {
    const decisions = page.slice(
      page.indexOf('id="exceptions-decisions"'),
      page.indexOf('id="exceptions-red"'),
    );
    expect(page.indexOf('id="exceptions-decisions"')).toBeLessThan(page.indexOf('id="exceptions-red"'));
    expect(decisions).toContain(
      '<h3 id="exceptions-decisions-heading">Decisions asked of the committee <span class="exception-count">(1)</span></h3>',
    );
    expect(decisions.match(/<tbody class="exception"/g)).toHaveLength(1);
    expect(decisions).toContain('data-code="FP1922_11"');
    expect(visibleText(page)).toContain('1 Decisions asked 1 Reported red');
    const { decisions: _decisions, ...withoutDecisions } = sample.exceptions;
    const older = renderCommitteeReport({ ...sample, exceptions: withoutDecisions });
    expect(older).not.toContain('exceptions-decisions');
    expect(older).not.toContain('Decisions asked');
    const none = renderCommitteeReport({ ...sample, exceptions: { ...sample.exceptions, decisions: [] } });
    expect(visibleText(none)).toContain('No action asks the committee for a decision.');
  });

  it('lists every due-date revision with reason and approver beside the timeline', () => {
    const moves = page.slice(page.indexOf('id="due-date-moves"'), page.indexOf('id="restatements"'));
    expect(moves.match(/<g class="timeline-row"/g)).toHaveLength(4);
    expect(moves.match(/<tr data-code=/g)).toHaveLength(4);
    expect(visibleText(moves)).toContain(
      '31 Dec 2023 → 31 Mar 2024 (+91 days) The final completion date has been extended to March 2024 from December 2023 Effective 10 Dec 2023; approved by Cabinet',
    );
    expect(visibleText(moves)).toContain('+915 days 10 quarters');
  });

  it('shows restatements only when given, and says so when there are none', () => {
    expect(page).toContain('<td class="restated-old">Slightly behind</td><td>Completed</td>');
    const without = { ...sample };
    delete (without as { restatements?: unknown }).restatements;
    expect(renderCommitteeReport(without)).not.toContain('id="restatements"');
    const none = renderCommitteeReport({
      ...sample,
      restatements: { asReportedAt: '2024-01-15T09:00:00Z', items: [] },
    });
    expect(none).toContain('Nothing has been restated');
  });

  it('escapes every piece of user text: a script in a title is text', () => {
    const hostile = '<script>alert("x")</script>';
    const html = renderCommitteeReport({
      ...sample,
      title: hostile,
      organisation: hostile,
      counts: [{ status: hostile, count: 40 }],
      groups: [{ name: hostile, total: 40, counts: [{ status: hostile, count: 40 }] }],
      exceptions: {
        red: [
          {
            code: hostile,
            title: hostile,
            owner: hostile,
            section: hostile,
            lastComment: hostile,
            reportedStatus: hostile,
          },
        ],
        overdue: [],
        disagreements: [],
      },
      dueDateMoves: [
        {
          ...sample.dueDateMoves[0]!,
          code: hostile,
          title: hostile,
          revisions: [{ ...sample.dueDateMoves[0]!.revisions[0]!, reason: hostile, approver: hostile }],
        },
      ],
      restatements: {
        asReportedAt: '2024-01-15T09:00:00Z',
        items: [
          {
            code: hostile,
            title: hostile,
            changes: [{ field: hostile, asReported: hostile, asNowKnown: hostile }],
          },
        ],
      },
      provenance: { position: 1, headHash: '"><script>', generator: hostile },
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h1>');
    expect(html.match(/&lt;script&gt;/g)?.length).toBeGreaterThan(20);
  });

  it('is deterministic: the same input gives the same bytes, whatever the clock or time zone', () => {
    const hash = (text: string) => createHash('sha256').update(text).digest('hex');
    const first = renderCommitteeReport(sample);
    const again = renderCommitteeReport(structuredClone(sample));
    expect(hash(again)).toBe(hash(first));
    expect(first).not.toContain(new Date().toISOString().slice(0, 10));
  });

  it('changes when the input changes, so a hash identifies the report', () => {
    expect(renderCommitteeReport({ ...sample, generatedAt: '2024-02-01T10:31:00Z' })).not.toBe(page);
  });

  it('matches the reviewed golden file byte for byte', async () => {
    await expect(page).toMatchFileSnapshot('./__snapshots__/sample-committee-report.html');
  });

  it('renders an empty report sensibly: no actions, no exceptions, no moved dates', () => {
    const empty = renderCommitteeReport(emptyInput);
    const text = visibleText(empty);
    expect(text).toContain('2024/25 Quarter 1 (1 April – 30 June 2024)');
    expect(text).toContain('No actions were in the plan at the end of Quarter 1 (30 June 2024).');
    expect(text).toContain('No statuses to chart.');
    expect(text).toContain('No actions were reported red.');
    expect(text).toContain('No actions were overdue at the quarter end.');
    expect(text).toContain('Every reported status agrees with the derived status.');
    expect(text).toContain("No action's due date has been revised.");
    expect(empty).not.toContain('<svg class="timeline-chart"');
    expect(empty).not.toContain('<svg class="bar-chart"');
    expect(empty).not.toContain('id="restatements"');
    expect(empty).not.toContain('<dt>Ledger</dt>');
    expect(empty).toContain('<td class="num">0</td>');
  });

  it('renders zero counts in a non-empty plan as "0 (0%)"', () => {
    const html = renderCommitteeReport({
      ...emptyInput,
      counts: [
        { status: 'Green', count: 3 },
        { status: 'Red', count: 0 },
      ],
      derivedCounts: [{ status: 'In Progress', count: 3 }],
      total: 3,
    });
    expect(html).toContain('<td class="num">0 (0%)</td>');
    expect(html).toContain('<td class="num">3 (100%)</td>');
    expect(visibleText(html)).toContain('the plan had 3 actions: 3 (100%) Green.');
  });

  it('refuses input whose counts do not add up, naming every problem', () => {
    const bad = () =>
      renderCommitteeReport({
        ...sample,
        counts: [{ status: 'Green', count: 39 }],
        quarterEnd: '2023-12-32',
        generatedAt: '2024-02-01 10:30',
      });
    expect(bad).toThrow(CommitteeReportInputError);
    try {
      bad();
    } catch (error) {
      expect(error).toBeInstanceOf(LedgerError);
      expect((error as CommitteeReportInputError).code).toBe('COMMITTEE_REPORT_INPUT_INVALID');
      expect((error as CommitteeReportInputError).issues).toEqual([
        "quarterEnd: '2023-12-32' is not a YYYY-MM-DD date that exists",
        "generatedAt: '2024-02-01 10:30' is not an ISO date-time with Z or an offset",
        'counts: counts sum to 39, not the total 40',
      ]);
    }
  });
});
