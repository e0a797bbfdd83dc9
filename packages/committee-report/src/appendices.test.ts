import {
  createStatusKeyRegistry,
  deliveryPlanStatusKey,
  ragStatusKey,
  ValidationError,
} from '@perfledger/core';
import {
  countByDerivedStatus,
  countByStatus,
  groupCounts,
  type QuarterEndItem,
  type QuarterEndView,
} from '@perfledger/quarter-end';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headlineStatusesOf, statusSymbolsOf } from './appendices-of.js';
import { CommitteeReportInputError } from './committee-report-input-error.js';
import { type CommitteeReportInputOptions, committeeReportInputOf } from './committee-report-input-of.js';
import { renderCommitteeReport } from './render-committee-report.js';

const columns = deliveryPlanStatusKey.values;

function item(code: string, fields: Partial<Record<keyof QuarterEndItem, unknown>> = {}): QuarterEndItem {
  return {
    code,
    title: `Action ${code}`,
    description: null,
    plan: 'Promoting Prosperity',
    directorate: 'Place',
    section: 'Economic Development',
    owner: 'Head of Prosperity',
    statusKey: 'delivery-plan',
    registeredOn: '2019-04-01',
    originalDueDate: '2020-03-31',
    dueDate: '2020-03-31',
    percentComplete: null,
    status: 'Slightly behind',
    derivedStatus: 'In Progress',
    open: true,
    closed: null,
    lastComment: null,
    notUpdated: false,
    ...fields,
  } as unknown as QuarterEndItem;
}

/** A view counted by quarter-end's own functions, so its groups are the real ones. */
function viewOf(items: readonly QuarterEndItem[]): QuarterEndView {
  return {
    fy: '2019/20',
    quarter: 1,
    quarterStart: '2019-04-01',
    quarterEnd: '2019-06-30',
    basis: { kind: 'now', knownAt: null, position: 99 },
    warningWindowDays: 30,
    items,
    total: items.length,
    counts: countByStatus(items, columns),
    derivedCounts: countByDerivedStatus(items),
    groups: groupCounts(items, columns),
    disagreements: [],
    notUpdated: 0,
    signOff: [],
  } as unknown as QuarterEndView;
}

const items = [
  item('A1', {
    status: 'Completed',
    open: false,
    closed: { outcome: 'completed', effectiveOn: '2019-05-01' },
  }),
  item('B1', { plan: 'Corporate', section: 'Finance', status: 'Behind > 1 quarter', dueDate: '2020-06-30' }),
  item('A2', {
    status: 'To be closed',
    section: 'Town Centres',
    lastComment: { text: 'Bid unsuccessful.', effectiveOn: '2019-06-30' },
  }),
  item('B2', { plan: 'Corporate', section: 'Finance', status: 'Completed', percentComplete: 100 }),
  item('A3', { status: 'Slightly behind', percentComplete: 60 }),
];
// Registered in this order (their ActionRegistered positions): Corporate's B1 first.
const order = ['B1', 'A3', 'A2', 'B2', 'A1'];
const options: CommitteeReportInputOptions = {
  generatedAt: '2019-07-15T09:00:00Z',
  statusKeys: createStatusKeyRegistry(),
  order,
  appendices: {},
  headline: {},
  recommendations: true,
  titleBlock: { committee: 'Cabinet', meetingDate: '2019-09-19' },
};

function issuesOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CommitteeReportInputError);
    return (error as CommitteeReportInputError).issues;
  }
  throw new Error('expected a CommitteeReportInputError');
}

describe('appendices, recommendations and headline', () => {
  it('prints one appendix per plan in the order plans and actions were first registered', () => {
    const input = committeeReportInputOf(viewOf(items), options);
    expect(input.appendices?.map((appendix) => appendix.plan)).toEqual(['Corporate', 'Promoting Prosperity']);
    const prosperity = input.appendices?.[1];
    expect(prosperity?.groupedBy).toBe('section');
    expect(prosperity?.groups.map((group) => [group.name, group.items.map((entry) => entry.code)])).toEqual([
      ['Economic Development', ['A3', 'A1']],
      ['Town Centres', ['A2']],
    ]);
    expect(prosperity?.total).toBe(3);
    expect(prosperity?.counts).toEqual([
      { status: 'Completed', count: 1 },
      { status: 'Slightly behind', count: 1 },
      { status: 'Behind > 1 quarter', count: 0 },
      { status: 'To be closed', count: 1 },
    ]);
    expect(input.titleBlock).toEqual({
      committee: 'Cabinet',
      meetingDate: '2019-09-19',
      plans: ['Corporate', 'Promoting Prosperity'],
    });
  });

  it('groups by directorate or not at all when asked, and prints only the plans named', () => {
    const byDirectorate = committeeReportInputOf(viewOf(items), {
      ...options,
      appendices: { groupBy: 'directorate', plans: ['Promoting Prosperity'] },
    });
    expect(byDirectorate.appendices?.map((appendix) => appendix.plan)).toEqual(['Promoting Prosperity']);
    expect(byDirectorate.appendices?.[0]?.groups.map((group) => group.name)).toEqual(['Place']);
    expect(byDirectorate.titleBlock?.plans).toEqual(['Promoting Prosperity']);
    // The recommendations follow the plans printed: B1 (Corporate) is not among them.
    expect(byDirectorate.recommendations?.flatMap((r) => r.items.map((entry) => entry.code))).toEqual(['A2']);
    const flat = committeeReportInputOf(viewOf(items), { ...options, appendices: { groupBy: 'none' } });
    expect(flat.appendices?.[0]?.groups).toHaveLength(1);
    expect(flat.appendices?.[0]?.groups[0]?.name).toBeNull();
  });

  it('refuses a plan the view does not have, naming the plans it has', () => {
    expect(
      issuesOf(() =>
        committeeReportInputOf(viewOf(items), { ...options, appendices: { plans: ['Housing'] } }),
      ),
    ).toEqual([
      "appendices.plans: 'Housing' is not a plan of the view; its plans are 'Corporate', 'Promoting Prosperity'",
    ]);
  });

  it('refuses misplaced keys in the nested options', () => {
    expect(() =>
      committeeReportInputOf(viewOf(items), {
        ...options,
        titleBlock: { committee: 'Cabinet', plans: ['x'] } as never,
      }),
    ).toThrow(ValidationError);
    expect(() =>
      committeeReportInputOf(viewOf(items), { ...options, headline: { sentence: 'x' } as never }),
    ).toThrow(/'sentence'/);
  });

  it('words the recommendations from the status meanings, flagging open actions only', () => {
    const closedToBeClosed = item('A4', {
      status: 'To be closed',
      open: false,
      closed: { outcome: 'cancelled', effectiveOn: '2019-06-01' },
    });
    const input = committeeReportInputOf(viewOf([...items, closedToBeClosed]), {
      ...options,
      order: [...order, 'A4'],
    });
    expect(
      input.recommendations?.map((r) => [r.meaning, r.status, r.wording, r.items.map((entry) => entry.code)]),
    ).toEqual([
      [
        'attention',
        'Behind > 1 quarter',
        'Δ “Behind > 1 quarter”, which require amendment to the timescale or scope',
        ['B1'],
      ],
      ['decision', 'To be closed', '× “To be closed”, which require the action to be closed', ['A2']],
    ]);
  });

  it('counts the headline from the meanings, or the statuses and template given', () => {
    const view = viewOf(items);
    // Completed (A1, B2) and Slightly behind (A3): 3 of 5.
    expect(committeeReportInputOf(view, options).headline).toBe(
      '60% of actions have been achieved or are in progress.',
    );
    expect(
      committeeReportInputOf(view, {
        ...options,
        headline: {
          template: '{count} of {total} actions ({percent}) are complete.',
          statuses: ['completed'],
        },
      }).headline,
    ).toBe('2 of 5 actions (40%) are complete.');
    expect(
      issuesOf(() => committeeReportInputOf(view, { ...options, headline: { template: '{pct} done' } })),
    ).toEqual(['headline.template: unknown placeholder {pct}; use {percent}, {count} or {total}']);
  });

  it('takes symbols from the keys’ one-character aliases, and the headline statuses from their meanings', () => {
    expect(statusSymbolsOf([deliveryPlanStatusKey])).toEqual({
      Completed: '✓',
      'Behind > 1 quarter': 'Δ',
      'To be closed': '×',
    });
    expect(statusSymbolsOf([ragStatusKey])).toEqual({});
    expect(headlineStatusesOf([deliveryPlanStatusKey])).toEqual(['Completed', 'Slightly behind']);
    expect(headlineStatusesOf([ragStatusKey])).toEqual(['Green', 'Amber', 'Complete']);
  });

  it('renders the title block, the recommendations and every action with symbol, words and moved due date', () => {
    const moved = item('A5', { originalDueDate: '2019-12-31', dueDate: '2020-06-30', percentComplete: 20 });
    const page = renderCommitteeReport(
      committeeReportInputOf(viewOf([...items, moved]), { ...options, order: [...order, 'A5'] }),
    );
    expect(page).toContain('<dt>Committee</dt><dd class="committee">Cabinet</dd>');
    expect(page).toContain('<dd class="meeting-date">19 September 2019</dd>');
    expect(page).toContain('<dd class="author"><span class="not-stated">Not stated</span></dd>');
    expect(page).toContain(
      'To note the performance information relating to the plans as detailed at Appendices 1–2.',
    );
    expect(page).toContain('<h2 id="appendix-1-heading">Appendix 1: Corporate</h2>');
    expect(page).toContain('<h2 id="appendix-2-heading">Appendix 2: Promoting Prosperity</h2>');
    expect(page).toMatch(/data-code="A5"[\s\S]*?30 Jun 2020<span class="sub">originally 31 Dec 2019<\/span>/);
    expect(page).toContain('<span class="status-symbol" aria-hidden="true">Δ</span> Behind &gt; 1 quarter');
    expect(page).toContain(
      '<p class="headline" id="headline">66.7% of actions have been achieved or are in progress.</p>',
    );
    expect(page.indexOf('id="appendix-1"')).toBeLessThan(page.indexOf('id="appendix-2"'));
  });

  it('lists every accepted action exactly once, in registration order, whatever the history', () => {
    const statusArb = fc.option(fc.constantFrom(...columns), { nil: null });
    const itemArb = fc.record({
      plan: fc.constantFrom('P1', 'P2', 'P3'),
      section: fc.constantFrom('S1', 'S2'),
      directorate: fc.constantFrom('D1', 'D2'),
      status: statusArb,
      open: fc.boolean(),
      percentComplete: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('section' as const, 'directorate' as const, 'none' as const),
        fc.nat(),
        (fields, groupBy, seed) => {
          const list = fields.map((f, index) => item(`C${index}`, f));
          const shuffled = [...list.map((entry) => entry.code)].sort(
            (a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 17 + seed) % 5) || (a < b ? -1 : 1),
          );
          const input = committeeReportInputOf(viewOf(list), {
            ...options,
            order: shuffled,
            appendices: { groupBy },
          });
          const printed = (input.appendices ?? []).flatMap((appendix) =>
            appendix.groups.flatMap((group) => group.items.map((entry) => entry.code)),
          );
          expect([...printed].sort()).toEqual(list.map((entry) => entry.code).sort());
          for (const appendix of input.appendices ?? []) {
            const codes = appendix.groups.flatMap((group) => group.items.map((entry) => entry.code));
            const ranks = codes.map((code) => shuffled.indexOf(code));
            if (groupBy === 'none') expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
            expect(appendix.counts.reduce((sum, entry) => sum + entry.count, 0)).toBe(appendix.total);
          }
          const plans = input.appendices?.map((appendix) => appendix.plan) ?? [];
          const firstRank = plans.map((plan) =>
            Math.min(...list.filter((e) => e.plan === plan).map((e) => shuffled.indexOf(e.code))),
          );
          expect(firstRank).toEqual([...firstRank].sort((a, b) => a - b));
          expect(renderCommitteeReport(input)).toContain('id="appendix-1"');
        },
      ),
      { numRuns: 150 },
    );
  });
});
