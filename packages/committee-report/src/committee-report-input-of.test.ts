import { createStatusKeyRegistry, defineStatusKey, LedgerError, ValidationError } from '@perfledger/core';
import type { QuarterEndItem, QuarterEndView, RestatementList } from '@perfledger/quarter-end';
import { describe, expect, it } from 'vitest';
import { CommitteeReportInputError } from './committee-report-input-error.js';
import { type CommitteeReportInputOptions, committeeReportInputOf } from './committee-report-input-of.js';
import { renderCommitteeReport } from './render-committee-report.js';

/** Item fields as plain JSON: business dates as strings. */
type ItemFields = { readonly [K in keyof QuarterEndItem]?: unknown };

function item(code: string, fields: ItemFields = {}): QuarterEndItem {
  return {
    code,
    title: `Action ${code}`,
    description: null,
    plan: 'Priority Delivery Plan',
    directorate: 'Place',
    section: 'Prosperity',
    owner: 'Head of Prosperity',
    statusKey: 'delivery-plan',
    registeredOn: '2023-04-01',
    originalDueDate: '2024-03-31',
    dueDate: '2024-03-31',
    percentComplete: 50,
    status: 'Slightly behind',
    derivedStatus: 'In Progress',
    open: true,
    closed: null,
    lastComment: null,
    ...fields,
  } as unknown as QuarterEndItem;
}

const items: readonly QuarterEndItem[] = [
  item('A1', {
    status: 'Completed',
    derivedStatus: 'Completed',
    open: false,
    percentComplete: 100,
    closed: { outcome: 'completed', effectiveOn: '2023-11-30' },
  }),
  item('A2', {
    status: 'Behind > 1 quarter',
    derivedStatus: 'Overdue',
    dueDate: '2023-09-30',
    lastComment: { text: 'Consultant appointed.', effectiveOn: '2023-12-31' },
  }),
  item('A3', {
    status: 'To be closed',
    lastComment: { text: 'Cabinet is asked to agree closure.', effectiveOn: '2023-12-20' },
  }),
  item('A4', {
    status: 'To be closed',
    derivedStatus: 'Cancelled',
    open: false,
    closed: { outcome: 'cancelled', effectiveOn: '2023-12-01' },
  }),
  item('A5', {
    status: 'Slightly behind',
    derivedStatus: 'Overdue',
    dueDate: '2023-12-15',
    section: 'Licensing',
  }),
];

function viewOf(
  list: readonly QuarterEndItem[],
  basis: { kind: string; knownAt?: string | null; position: number } = { kind: 'now', position: 42 },
): QuarterEndView {
  const counts: Record<string, number> = {
    Completed: 0,
    'Slightly behind': 0,
    'Behind > 1 quarter': 0,
    'To be closed': 0,
  };
  const derived = {
    'Not Started': 0,
    'In Progress': 0,
    Warning: 0,
    Overdue: 0,
    Completed: 0,
    Cancelled: 0,
  } as Record<string, number>;
  for (const entry of list) {
    counts[entry.status ?? 'Not reported'] = (counts[entry.status ?? 'Not reported'] ?? 0) + 1;
    derived[entry.derivedStatus] = (derived[entry.derivedStatus] ?? 0) + 1;
  }
  const sections = [...new Set(list.map((entry) => entry.section))].sort().map((name) => {
    const members = list.filter((entry) => entry.section === name);
    const groupCounts: Record<string, number> = {};
    for (const entry of members) groupCounts[entry.status!] = (groupCounts[entry.status!] ?? 0) + 1;
    return { name, directorate: 'Place', total: members.length, counts: groupCounts, derivedCounts: derived };
  });
  return {
    fy: '2023/24',
    quarter: 3,
    quarterStart: '2023-10-01',
    quarterEnd: '2023-12-31',
    basis,
    warningWindowDays: 30,
    items: list,
    total: list.length,
    counts,
    derivedCounts: derived,
    groups: { plan: [], directorate: [], section: sections },
    disagreements: list
      .filter((entry) => entry.code === 'A5')
      .map((entry) => ({
        code: entry.code,
        statusKey: entry.statusKey,
        status: entry.status!,
        derivedStatus: entry.derivedStatus,
        rule: 'on-track-but-overdue',
        message: 'Reported Slightly behind, but overdue.',
      })),
  } as unknown as QuarterEndView;
}

const view = viewOf(items);
const options: CommitteeReportInputOptions = { generatedAt: '2024-01-15T09:00:00Z' };

function issuesOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CommitteeReportInputError);
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as CommitteeReportInputError).code).toBe('COMMITTEE_REPORT_INPUT_INVALID');
    return (error as CommitteeReportInputError).issues;
  }
  throw new Error('expected committeeReportInputOf to throw');
}

describe('committeeReportInputOf', () => {
  it('takes the quarter, the counts and the title from the view', () => {
    const input = committeeReportInputOf(view, options);
    expect(input).toMatchObject({
      title: 'Priority Delivery Plan',
      fy: '2023/24',
      quarter: 3,
      quarterStart: '2023-10-01',
      quarterEnd: '2023-12-31',
      basis: { kind: 'now' },
      generatedAt: '2024-01-15T09:00:00Z',
      statusKeyLabel: 'Delivery-plan progress',
      total: 5,
      dueDateMoves: [],
    });
    expect(input.counts).toEqual([
      { status: 'Completed', count: 1 },
      { status: 'Slightly behind', count: 1 },
      { status: 'Behind > 1 quarter', count: 1 },
      { status: 'To be closed', count: 2 },
    ]);
    expect(input).not.toHaveProperty('groups');
    expect(input).not.toHaveProperty('restatements');
    expect(input).not.toHaveProperty('provenance');
  });

  it('lists "To be closed" actions still open as decisions, and attention values as red', () => {
    const { exceptions } = committeeReportInputOf(view, options);
    const codes = (list: readonly { code: string }[] | undefined) => list?.map((entry) => entry.code);
    expect(codes(exceptions.decisions)).toEqual(['A3']);
    expect(codes(exceptions.red)).toEqual(['A2']);
    expect(codes(exceptions.overdue)).toEqual(['A2', 'A5']);
    expect(codes(exceptions.disagreements)).toEqual(['A5']);
    expect(exceptions.decisions?.[0]).toEqual({
      code: 'A3',
      title: 'Action A3',
      owner: 'Head of Prosperity',
      section: 'Prosperity',
      dueDate: '2024-03-31',
      originalDueDate: '2024-03-31',
      percentComplete: 50,
      reportedStatus: 'To be closed',
      derivedStatus: 'In Progress',
      lastComment: 'Cabinet is asked to agree closure.',
      lastCommentOn: '2023-12-20',
    });
  });

  it('reads the meanings from the status keys given, custom keys included', () => {
    const brag = defineStatusKey({
      id: 'brag',
      label: 'BRAG status',
      values: ['Blue', 'Red', 'Amber', 'Green', 'Decide'],
      completedValue: 'Blue',
      meanings: { Red: 'attention', Amber: 'attention', Green: 'onTrack', Decide: 'decision' },
    });
    const bragView = viewOf([
      item('B1', { statusKey: 'brag', status: 'Amber' }),
      item('B2', { statusKey: 'brag', status: 'Decide' }),
      item('B3', { statusKey: 'brag', status: 'Green' }),
    ]);
    const withKey = committeeReportInputOf(bragView, {
      ...options,
      statusKeys: createStatusKeyRegistry([brag]),
    });
    expect(withKey.exceptions.red.map((entry) => entry.code)).toEqual(['B1']);
    expect(withKey.exceptions.decisions?.map((entry) => entry.code)).toEqual(['B2']);
    expect(withKey.statusKeyLabel).toBe('BRAG');
    // A key the registry does not know: counted, labelled by its id, never singled out.
    const without = committeeReportInputOf(bragView, options);
    expect(without.exceptions.red).toEqual([]);
    expect(without.exceptions).not.toHaveProperty('decisions');
    expect(without.statusKeyLabel).toBe('brag');
  });

  it('gives no decision list when no key of the view can ask for a decision', () => {
    const rag = viewOf([
      item('R1', { statusKey: 'rag', status: 'Red' }),
      item('R2', { statusKey: 'rag', status: 'Green' }),
    ]);
    const input = committeeReportInputOf(rag, options);
    expect(input.exceptions).not.toHaveProperty('decisions');
    expect(input.exceptions.red.map((entry) => entry.code)).toEqual(['R1']);
    expect(renderCommitteeReport(input)).not.toContain('exceptions-decisions');
    // A delivery-plan view with nothing to decide still says so.
    const calm = viewOf([item('A9')]);
    expect(committeeReportInputOf(calm, options).exceptions.decisions).toEqual([]);
  });

  it('breaks the counts down when asked', () => {
    const input = committeeReportInputOf(view, { ...options, by: 'section' });
    expect(input.groups).toEqual([
      { name: 'Licensing', total: 1, counts: [{ status: 'Slightly behind', count: 1 }] },
      {
        name: 'Prosperity',
        total: 4,
        counts: [
          { status: 'Completed', count: 1 },
          { status: 'Behind > 1 quarter', count: 1 },
          { status: 'To be closed', count: 2 },
        ],
      },
    ]);
  });

  it('states the basis of the view, or the one given', () => {
    const known = viewOf(items, { kind: 'known-at', knownAt: '2024-01-15T09:00:00Z', position: 40 });
    expect(committeeReportInputOf(known, options).basis).toEqual({
      kind: 'known-at',
      knownAt: '2024-01-15T09:00:00Z',
    });
    const plainDate = viewOf(items, { kind: 'known-at', knownAt: '2024-01-15', position: 40 });
    expect(committeeReportInputOf(plainDate, options).basis).toEqual({
      kind: 'known-at',
      knownAt: '2024-01-15T23:59:59.999Z',
    });
    const atPosition = viewOf(items, { kind: 'known-at', knownAt: null, position: 40 });
    expect(issuesOf(() => committeeReportInputOf(atPosition, options))).toEqual([
      "basis: the view was read at position 40, which names no instant; give basis ({ kind: 'now' } or { kind: 'known-at', knownAt })",
    ]);
    expect(committeeReportInputOf(atPosition, { ...options, basis: { kind: 'now' } }).basis).toEqual({
      kind: 'now',
    });
  });

  it('turns the slippage report into the due-date moves of the actions in the view', () => {
    const revision = {
      from: '2023-09-30',
      to: '2024-03-31',
      effectiveOn: '2023-09-15',
      reason: 'Consultant late',
      approver: null,
    };
    const input = committeeReportInputOf(view, {
      ...options,
      slippage: {
        actions: [
          {
            code: 'A2',
            title: 'Action A2',
            originalDueDate: '2023-09-30',
            currentDueDate: '2024-03-31',
            revisionCount: 1,
            revisions: [{ ...revision, approver: 'Cabinet' }],
          },
          {
            code: 'A3',
            title: 'Action A3',
            originalDueDate: '2024-03-31',
            currentDueDate: '2024-03-31',
            revisionCount: 0,
            revisions: [],
          },
          {
            code: 'Z9',
            title: 'Not in the view',
            originalDueDate: '2023-09-30',
            currentDueDate: '2024-03-31',
            revisionCount: 1,
            revisions: [revision],
          },
          {
            code: 'A5',
            title: 'Action A5',
            originalDueDate: '2023-09-30',
            currentDueDate: '2024-03-31',
            revisionCount: 1,
            revisions: [revision],
          },
        ],
      },
    });
    expect(input.dueDateMoves).toEqual([
      {
        code: 'A2',
        title: 'Action A2',
        originalDueDate: '2023-09-30',
        currentDueDate: '2024-03-31',
        revisions: [{ ...revision, approver: 'Cabinet' }],
      },
      {
        code: 'A5',
        title: 'Action A5',
        originalDueDate: '2023-09-30',
        currentDueDate: '2024-03-31',
        revisions: [
          { from: '2023-09-30', to: '2024-03-31', effectiveOn: '2023-09-15', reason: 'Consultant late' },
        ],
      },
    ]);
  });

  it('prints the restatements field by field, and added actions as such', () => {
    const before = item('A2', { status: 'Slightly behind', percentComplete: 60, dueDate: '2023-12-31' });
    const after = items[1]!;
    const list: RestatementList = {
      fy: '2023/24',
      quarter: 3,
      quarterStart: '2023-10-01',
      quarterEnd: '2023-12-31',
      knownAt: '2024-01-15T09:00:00Z',
      knownAtPosition: 40,
      nowPosition: 42,
      items: [
        {
          code: 'A2',
          kind: 'changed',
          fields: ['dueDate', 'percentComplete', 'status', 'open', 'lastComment'],
          asKnownThen: before,
          asNowKnown: after,
          events: [],
        },
        {
          code: 'A5',
          kind: 'added',
          fields: ['title', 'plan'],
          asKnownThen: null,
          asNowKnown: items[4]!,
          events: [],
        },
      ],
    } as unknown as RestatementList;
    const input = committeeReportInputOf(view, { ...options, restatements: list });
    expect(input.restatements).toEqual({
      asReportedAt: '2024-01-15T09:00:00Z',
      items: [
        {
          code: 'A2',
          title: 'Action A2',
          changes: [
            { field: 'Due date', asReported: '31 Dec 2023', asNowKnown: '30 Sep 2023' },
            { field: '% complete', asReported: '60%', asNowKnown: '50%' },
            { field: 'Reported status', asReported: 'Slightly behind', asNowKnown: 'Behind > 1 quarter' },
            { field: 'Last comment', asReported: null, asNowKnown: 'Consultant appointed.' },
          ],
        },
        {
          code: 'A5',
          title: 'Action A5',
          changes: [{ field: 'In the report', asReported: 'No', asNowKnown: 'Yes' }],
        },
      ],
    });
    expect(renderCommitteeReport(input)).toContain('id="restatements-table"');
  });

  it('refuses restatements of another quarter or without an instant, naming every problem', () => {
    const list = {
      fy: '2023/24',
      quarter: 2,
      knownAt: null,
      knownAtPosition: 7,
      nowPosition: 42,
      items: [],
    } as unknown as RestatementList;
    expect(issuesOf(() => committeeReportInputOf(view, { ...options, restatements: list }))).toEqual([
      'restatements: they compare 2023/24 Q2, but the view is of 2023/24 Q3',
    ]);
    const atPosition = { ...list, quarter: 3 } as RestatementList;
    expect(issuesOf(() => committeeReportInputOf(view, { ...options, restatements: atPosition }))).toEqual([
      "restatements: the cut-off was given as position 7, which names no instant; compare at an instant, or give basis { kind: 'known-at', knownAt }",
    ]);
    const basis = { kind: 'known-at', knownAt: '2024-01-15T09:00:00Z' } as const;
    expect(
      committeeReportInputOf(view, { ...options, basis, restatements: atPosition }).restatements,
    ).toEqual({
      asReportedAt: '2024-01-15T09:00:00Z',
      items: [],
    });
  });

  it('refuses what the renderer would refuse, and a grouping it does not know', () => {
    expect(
      issuesOf(() =>
        committeeReportInputOf(view, { ...options, by: 'team' as 'plan', generatedAt: '2024-01-15 09:00' }),
      ),
    ).toEqual(["by: 'team' is not one of plan, directorate, section"]);
    expect(issuesOf(() => committeeReportInputOf(view, { generatedAt: '2024-01-15 09:00' }))).toEqual([
      "generatedAt: '2024-01-15 09:00' is not an ISO date-time with Z or an offset",
    ]);
  });

  it('refuses unknown option keys, naming them', () => {
    expect(() =>
      committeeReportInputOf(view, {
        ...options,
        knownAt: '2024-01-15T09:00:00Z',
      } as CommitteeReportInputOptions),
    ).toThrow(ValidationError);
    expect(() =>
      committeeReportInputOf(view, {
        ...options,
        knownAt: '2024-01-15T09:00:00Z',
      } as CommitteeReportInputOptions),
    ).toThrow(/'knownAt'/);
  });

  it('gives an input the renderer accepts, with provenance passed through', () => {
    const provenance = { position: 42, headHash: 'ab'.repeat(32), generator: 'test 1.0' };
    const input = committeeReportInputOf(view, {
      ...options,
      provenance,
      organisation: 'Cannock Chase District Council',
    });
    expect(input.provenance).toEqual(provenance);
    const page = renderCommitteeReport(input);
    expect(page).toContain('id="exceptions-decisions"');
    expect(page).toContain('data-code="A3"');
  });
});
