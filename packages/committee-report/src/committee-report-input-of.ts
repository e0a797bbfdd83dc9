import {
  assertOptions,
  createStatusKeyRegistry,
  type StatusKey,
  type StatusKeyRegistry,
  statusMeaning,
  valuesMeaning,
} from '@perfledger/core';
import type { QuarterEndItem, QuarterEndView, RestatementList } from '@perfledger/quarter-end';
import type {
  CommitteeReportBasis,
  CommitteeReportInput,
  DueDateMove,
  ExceptionItem,
  ReportProvenance,
  StatusCount,
} from './committee-report-input.js';
import { CommitteeReportInputError } from './committee-report-input-error.js';
import { instantOfKnownAt } from './instant-of-known-at.js';
import { restatementsOf } from './restatements-of.js';
import { validateCommitteeReportInput } from './validate-committee-report-input.js';

/**
 * The part of a slippage report (`@perfledger/slippage`'s `SlippageReport`) the committee report
 * prints: each action's original and current due dates and its revisions.
 *
 * @example
 * ```ts
 * const slippage: SlippageForReport = await slippageReport(ledger, { asAt: view.quarterEnd, knownAt: { position } });
 * ```
 */
export interface SlippageForReport {
  readonly actions: readonly {
    readonly code: string;
    readonly title: string;
    readonly originalDueDate: string;
    readonly currentDueDate: string;
    readonly revisionCount: number;
    readonly revisions: readonly {
      readonly from: string;
      readonly to: string;
      readonly effectiveOn: string;
      readonly reason: string;
      readonly approver: string | null;
    }[];
  }[];
}

/**
 * What {@link committeeReportInputOf} needs besides the quarter-end view. Only `generatedAt` is
 * required; unknown keys are refused.
 *
 * @example
 * ```ts
 * const options: CommitteeReportInputOptions = {
 *   statusKeys: ledger.statusKeys,
 *   generatedAt: '2024-02-01T10:30:00Z',
 *   slippage,
 *   restatements: await restatements(ledger, { fy: '2023/24', quarter: 3, knownAt: '2024-01-15T09:00:00Z' }),
 *   provenance: { position: view.basis.position, headHash, generator: 'my-app 1.0' },
 *   by: 'directorate',
 * };
 * ```
 */
export interface CommitteeReportInputOptions {
  /**
   * When the report was produced (an ISO instant with a zone). An input, never read from a
   * clock, so the same view gives the same bytes: the recorded time of the view's position is a
   * good choice.
   */
  readonly generatedAt: string;
  /**
   * The status keys the view's actions use, for labels and meanings (which values are red, which
   * ask for a decision): `ledger.statusKeys`. The built-in keys by default. An action whose key
   * is not among them is counted but never listed as red or as a decision.
   */
  readonly statusKeys?: Pick<StatusKeyRegistry, 'get'>;
  /**
   * How the report describes its basis. By default the view's own: as now known, or as known at
   * its `knownAt` instant (a plain date is the end of that day, UTC). Required when the view was
   * read at a `{ position }`, which names no instant.
   */
  readonly basis?: CommitteeReportBasis;
  /** Where the figures came from: the view's position, the hash there, the generator. */
  readonly provenance?: ReportProvenance;
  /**
   * The slippage report as at the quarter end on the same basis; its actions in the view with at
   * least one revision become the due-date moves. Without it the report shows no moved dates.
   */
  readonly slippage?: SlippageForReport;
  /** The quarter's restatement list (`restatements(ledger, …)`); prints the restatement section. */
  readonly restatements?: RestatementList;
  /** Break the counts down by plan, directorate or section. */
  readonly by?: 'plan' | 'directorate' | 'section';
  /** The page title; by default the plan's name when every action is of one plan. */
  readonly title?: string;
  readonly organisation?: string;
  /** The month (1–12) the financial year starts in; 4 (April) by default. */
  readonly fiscalYearStartMonth?: number;
  readonly statusColours?: Readonly<Record<string, string>>;
}

const OPTION_KEYS: readonly (keyof CommitteeReportInputOptions)[] = [
  'generatedAt',
  'statusKeys',
  'basis',
  'provenance',
  'slippage',
  'restatements',
  'by',
  'title',
  'organisation',
  'fiscalYearStartMonth',
  'statusColours',
];

const GROUPINGS = ['plan', 'directorate', 'section'] as const;

/**
 * Maps a quarter-end view (`@perfledger/quarter-end`'s `quarterEndView`) onto the committee
 * report's input, so that every app prints the same report from the same view. Counts and groups
 * come from the view; the exception lists from the status keys' meanings: actions whose reported
 * status needs `attention` are "reported red", open actions whose status asks for a `decision`
 * (the delivery plan's "To be closed") are the decisions asked of the committee, actions derived
 * Overdue are overdue, and the view's disagreements are the disagreements. The decision list is
 * there when some action's key has a value meaning `decision` (so a RAG or Pentana report has
 * none). Pure: it reads no ledger and no clock.
 *
 * @throws ValidationError for an unknown option key.
 * @throws CommitteeReportInputError (`COMMITTEE_REPORT_INPUT_INVALID`) listing every problem: a
 *   view read at a position without a `basis`, restatements of another quarter or without an
 *   instant, a grouping the view lacks, or an input the renderer would refuse.
 * @example
 * ```ts
 * import { committeeReportInputOf, renderCommitteeReport } from '@perfledger/committee-report';
 * import { quarterEndView, restatements } from '@perfledger/quarter-end';
 *
 * const view = await quarterEndView(ledger, { fy: '2023/24', quarter: 3, knownAt: '2024-01-15T09:00:00Z' });
 * const input = committeeReportInputOf(view, {
 *   statusKeys: ledger.statusKeys,
 *   generatedAt: '2024-01-15T09:00:00Z',
 *   restatements: await restatements(ledger, { fy: '2023/24', quarter: 3, knownAt: '2024-01-15T09:00:00Z' }),
 * });
 * const html = renderCommitteeReport(input);
 * ```
 */
export function committeeReportInputOf(
  view: QuarterEndView,
  options: CommitteeReportInputOptions,
): CommitteeReportInput {
  assertOptions(options, OPTION_KEYS, 'committeeReportInputOf options');
  const statusKeys = options.statusKeys ?? createStatusKeyRegistry();
  const issues: string[] = [];
  const keyOf = (item: QuarterEndItem): StatusKey | undefined => statusKeys.get(item.statusKey);
  const meaningOf = (item: QuarterEndItem) => {
    const key = keyOf(item);
    return key === undefined ? undefined : statusMeaning(key, item.status);
  };

  // Only a scale that can ask for a decision (the delivery plan's) gets a list of decisions.
  const decisionsPossible = view.items.some((item) => {
    const key = keyOf(item);
    return key !== undefined && valuesMeaning(key, 'decision').length > 0;
  });
  const basis = options.basis ?? basisOf(view, issues);
  const by = options.by;
  if (by !== undefined && !GROUPINGS.includes(by)) {
    issues.push(`by: '${String(by)}' is not one of ${GROUPINGS.join(', ')}`);
  }
  const restated =
    options.restatements === undefined
      ? undefined
      : restatementsOf(options.restatements, view, basis, issues);

  const plans = [...new Set(view.items.map((item) => item.plan))];
  const keyLabels = [...new Set(view.items.map((item) => keyOf(item)?.label ?? item.statusKey))];
  const byCode = new Map(view.items.map((item) => [item.code, item]));
  const input: CommitteeReportInput = {
    title: options.title ?? (plans.length === 1 ? plans[0]! : 'Quarter-end performance report'),
    ...(options.organisation === undefined ? {} : { organisation: options.organisation }),
    fy: view.fy,
    quarter: view.quarter,
    quarterStart: view.quarterStart,
    quarterEnd: view.quarterEnd,
    ...(options.fiscalYearStartMonth === undefined
      ? {}
      : { fiscalYearStartMonth: options.fiscalYearStartMonth }),
    basis: basis ?? { kind: 'now' },
    generatedAt: options.generatedAt,
    ...(options.provenance === undefined ? {} : { provenance: options.provenance }),
    ...(keyLabels.length === 1 ? { statusKeyLabel: keyLabels[0]!.replace(/ status$/i, '') } : {}),
    counts: statusCounts(view.counts),
    derivedCounts: statusCounts(view.derivedCounts),
    total: view.total,
    ...(by === undefined || !GROUPINGS.includes(by)
      ? {}
      : {
          groups: view.groups[by].map((group) => ({
            name: group.name,
            total: group.total,
            counts: statusCounts(group.counts),
          })),
        }),
    exceptions: {
      ...(decisionsPossible
        ? {
            decisions: view.items
              .filter((item) => item.open && meaningOf(item) === 'decision')
              .map(exceptionItemOf),
          }
        : {}),
      red: view.items.filter((item) => meaningOf(item) === 'attention').map(exceptionItemOf),
      overdue: view.items.filter((item) => item.derivedStatus === 'Overdue').map(exceptionItemOf),
      disagreements: view.disagreements.flatMap((d) => {
        const item = byCode.get(d.code);
        return item === undefined ? [] : [exceptionItemOf(item)];
      }),
      notUpdated: view.items.filter((item) => item.notUpdated).map(exceptionItemOf),
    },
    // A view from an older build (or a hand-made one) may have no sign-off: then the report says nothing of it.
    signOff: (view.signOff ?? []).map((s) => ({
      plan: s.plan,
      state: s.state,
      submittedBy: s.submitted?.actor ?? null,
      approvedBy: s.approved?.actor ?? null,
    })),
    dueDateMoves: options.slippage === undefined ? [] : dueDateMovesOf(options.slippage, byCode),
    ...(restated === undefined ? {} : { restatements: restated }),
    ...(options.statusColours === undefined ? {} : { statusColours: options.statusColours }),
  };
  if (issues.length > 0) throw new CommitteeReportInputError(issues);
  validateCommitteeReportInput(input);
  return input;
}

/** The view's basis as the report states it; undefined (with an issue) when it names no instant. */
function basisOf(view: QuarterEndView, issues: string[]): CommitteeReportBasis | undefined {
  if (view.basis.kind === 'now') return { kind: 'now' };
  if (view.basis.knownAt === null) {
    issues.push(
      `basis: the view was read at position ${view.basis.position}, which names no instant; give basis ({ kind: 'now' } or { kind: 'known-at', knownAt })`,
    );
    return undefined;
  }
  return { kind: 'known-at', knownAt: instantOfKnownAt(view.basis.knownAt) };
}

function statusCounts(counts: Readonly<Record<string, number>>): StatusCount[] {
  return Object.entries(counts).map(([status, count]) => ({ status, count }));
}

function exceptionItemOf(item: QuarterEndItem): ExceptionItem {
  return {
    code: item.code,
    title: item.title,
    owner: item.owner,
    section: item.section,
    dueDate: item.dueDate,
    percentComplete: item.percentComplete,
    reportedStatus: item.status,
    derivedStatus: item.derivedStatus,
    lastComment: item.lastComment?.text ?? null,
    lastCommentOn: item.lastComment?.effectiveOn ?? null,
  };
}

function dueDateMovesOf(
  slippage: SlippageForReport,
  inView: ReadonlyMap<string, QuarterEndItem>,
): DueDateMove[] {
  return slippage.actions
    .filter((action) => action.revisionCount > 0 && inView.has(action.code))
    .map((action) => ({
      code: action.code,
      title: action.title,
      originalDueDate: action.originalDueDate,
      currentDueDate: action.currentDueDate,
      revisions: action.revisions.map((r) => ({
        from: r.from,
        to: r.to,
        effectiveOn: r.effectiveOn,
        reason: r.reason,
        ...(r.approver === null ? {} : { approver: r.approver }),
      })),
    }));
}
