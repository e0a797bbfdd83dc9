import {
  assertOptions,
  createStatusKeyRegistry,
  type StatusKey,
  type StatusKeyRegistry,
  statusMeaning,
  valuesMeaning,
} from '@perfledger/core';
import type { QuarterEndItem, QuarterEndView, RestatementList } from '@perfledger/quarter-end';
import {
  type AppendixGrouping,
  appendicesOf,
  firstSeen,
  headlineOf,
  headlineStatusesOf,
  inCouncilOrder,
  recommendationsOf,
  registrationRank,
  statusSymbolsOf,
} from './appendices-of.js';
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
  /** The page title; by default the plan's name when every action is of one plan, else "Quarter 3 performance report 2023/24". */
  readonly title?: string;
  readonly organisation?: string;
  /** The month (1–12) the financial year starts in; 4 (April) by default. */
  readonly fiscalYearStartMonth?: number;
  readonly statusColours?: Readonly<Record<string, string>>;
  /**
   * Symbols for status words, overriding those taken from the status keys (a key's one-character
   * alias that is not a letter: the delivery plan's ✓ Δ ×).
   */
  readonly statusSymbols?: Readonly<Record<string, string>>;
  /**
   * The action codes in the order they were first registered (their `ActionRegistered`
   * positions): the council's order for appendices, plans and groups. Without it, by code.
   */
  readonly order?: readonly string[];
  /** Who the report is for; prints the title block. The plans covered are the appendices'. */
  readonly titleBlock?: TitleBlockOptions;
  /**
   * Print every action in per-plan appendices: `plans` (default every plan in the view) and
   * `groupBy` (default `section`; `none` for one list). An unknown plan is refused.
   */
  readonly appendices?: AppendixOptions;
  /**
   * Print the headline sentence: `template` with `{percent}`, `{count}`, `{total}` (default
   * "{percent} of actions have been achieved or are in progress."), counting the actions whose
   * reported status is in `statuses` (default: every value not needing attention, not asking for
   * a decision and not cancelled, from the keys' meanings).
   */
  readonly headline?: HeadlineOptions;
  /**
   * Print the recommendations: to note the appendices and the actions flagged with each status
   * meaning `attention` (amend the timescale or scope) or `decision` (close the action).
   */
  readonly recommendations?: boolean;
}

/**
 * The title block's fields besides the organisation (see {@link CommitteeReportInputOptions}).
 *
 * @example
 * ```ts
 * const block: TitleBlockOptions = { committee: 'Cabinet', meetingDate: '2019-09-19', author: 'Head of Governance', contact: 'A. Marklew, 01543 464 598' };
 * ```
 */
export interface TitleBlockOptions {
  readonly committee?: string;
  /** `YYYY-MM-DD`. */
  readonly meetingDate?: string;
  readonly author?: string;
  readonly contact?: string;
}

/**
 * Which appendices to print and how to group their actions.
 *
 * @example
 * ```ts
 * const appendices: AppendixOptions = { plans: ['Corporate PDP 2019-20'], groupBy: 'directorate' };
 * ```
 */
export interface AppendixOptions {
  readonly plans?: readonly string[];
  readonly groupBy?: AppendixGrouping;
}

/**
 * The headline sentence's wording and the statuses it counts.
 *
 * @example
 * ```ts
 * const headline: HeadlineOptions = { template: '{percent} of actions are complete or on track.', statuses: ['Completed', 'Slightly behind'] };
 * ```
 */
export interface HeadlineOptions {
  readonly template?: string;
  readonly statuses?: readonly string[];
}

/** The headline's wording when none is given, as in a council's Cabinet report. */
export const DEFAULT_HEADLINE_TEMPLATE = '{percent} of actions have been achieved or are in progress.';

const APPENDIX_GROUPINGS: readonly AppendixGrouping[] = ['directorate', 'section', 'none'];

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
  'statusSymbols',
  'order',
  'titleBlock',
  'appendices',
  'headline',
  'recommendations',
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
  if (options.titleBlock !== undefined)
    assertOptions(
      options.titleBlock,
      ['committee', 'meetingDate', 'author', 'contact'],
      'committeeReportInputOf options.titleBlock',
    );
  if (options.appendices !== undefined)
    assertOptions(options.appendices, ['plans', 'groupBy'], 'committeeReportInputOf options.appendices');
  if (options.headline !== undefined)
    assertOptions(options.headline, ['template', 'statuses'], 'committeeReportInputOf options.headline');
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
  const rank = registrationRank(options.order);
  const ordered = inCouncilOrder(view.items, rank);
  const keysInUse = [...new Set(view.items.map((item) => item.statusKey))]
    .map((id) => statusKeys.get(id))
    .filter((key): key is StatusKey => key !== undefined);
  const symbols = { ...statusSymbolsOf(keysInUse), ...options.statusSymbols };
  const symbolOf = (status: string): string | undefined =>
    Object.entries(symbols).find(([name]) => name.toLowerCase() === status.toLowerCase())?.[1];
  const councilPlans = firstSeen(ordered, (item) => item.plan);
  const covered = coveredPlans(options.appendices, councilPlans, issues);
  const grouping = options.appendices?.groupBy ?? 'section';
  if (!APPENDIX_GROUPINGS.includes(grouping)) {
    issues.push(`appendices.groupBy: '${String(grouping)}' is not one of ${APPENDIX_GROUPINGS.join(', ')}`);
  }
  const headline =
    options.headline === undefined ? undefined : headlineText(options.headline, view, keysInUse, issues);
  const inCovered = ordered.filter((item) => covered.includes(item.plan));
  const groupOrder = (name: (item: QuarterEndItem) => string) => {
    const seen = firstSeen(ordered, name);
    return (a: { name: string }, b: { name: string }) => seen.indexOf(a.name) - seen.indexOf(b.name);
  };
  const input: CommitteeReportInput = {
    title:
      options.title ??
      (plans.length === 1 ? plans[0]! : `Quarter ${view.quarter} performance report ${view.fy}`),
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
          // The council's order when the registration order is known; else the view's (by name).
          groups: (options.order === undefined
            ? [...view.groups[by]]
            : [...view.groups[by]].sort(groupOrder((item) => item[by]))
          ).map((group) => ({
            name: group.name,
            total: group.total,
            counts: statusCounts(group.counts),
          })),
          groupsHeading: `Progress in delivering actions by ${by}`,
          groupsColumn: by === 'plan' ? 'Plan' : by === 'directorate' ? 'Directorate' : 'Section',
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
    ...(Object.keys(symbols).length === 0 ? {} : { statusSymbols: symbols }),
    ...(options.titleBlock === undefined
      ? {}
      : { titleBlock: { ...definedOnly(options.titleBlock), plans: covered } }),
    ...(headline === undefined ? {} : { headline }),
    ...(options.recommendations === true
      ? { recommendations: recommendationsOf(inCovered, keysInUse, symbolOf, exceptionItemOf) }
      : {}),
    ...(options.appendices === undefined || !APPENDIX_GROUPINGS.includes(grouping)
      ? {}
      : { appendices: appendicesOf(view, ordered, covered, grouping, exceptionItemOf) }),
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

/** The plans the appendices cover, in the council's order; names not in the view are issues. */
function coveredPlans(
  appendices: AppendixOptions | undefined,
  councilPlans: readonly string[],
  issues: string[],
): string[] {
  const wanted = appendices?.plans;
  if (wanted === undefined || wanted.length === 0) return [...councilPlans];
  for (const plan of wanted) {
    if (!councilPlans.includes(plan)) {
      issues.push(
        `appendices.plans: '${plan}' is not a plan of the view; its plans are ${councilPlans.map((p) => `'${p}'`).join(', ') || 'none'}`,
      );
    }
  }
  return councilPlans.filter((plan) => wanted.includes(plan));
}

/** The headline sentence, or undefined with an issue for a template it cannot fill. */
function headlineText(
  options: HeadlineOptions,
  view: QuarterEndView,
  keys: readonly StatusKey[],
  issues: string[],
): string | undefined {
  const statuses = (options.statuses ?? headlineStatusesOf(keys)).map((status) => status.toLowerCase());
  const count = view.items.filter(
    (item) => item.status !== null && statuses.includes(item.status.toLowerCase()),
  ).length;
  const result = headlineOf(options.template ?? DEFAULT_HEADLINE_TEMPLATE, count, view.total);
  if ('text' in result) return result.text;
  issues.push(
    `headline.template: unknown placeholder${result.unknown.length === 1 ? '' : 's'} ${result.unknown.map((name) => `{${name}}`).join(', ')}; use {percent}, {count} or {total}`,
  );
  return undefined;
}

/** The title block fields that were given, so an absent one prints as "Not stated". */
function definedOnly(block: TitleBlockOptions): TitleBlockOptions {
  return Object.fromEntries(
    Object.entries(block).filter(([, value]) => typeof value === 'string' && value.trim() !== ''),
  ) as TitleBlockOptions;
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
    originalDueDate: item.originalDueDate,
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
