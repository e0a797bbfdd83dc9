import type { IndicatorSectionInput } from './indicator-section-input.js';

/**
 * Everything a quarter-end committee report shows, already decided: the renderer counts nothing,
 * reads no clock and looks nothing up, so the same input always gives the same bytes.
 *
 * Business dates are ISO `YYYY-MM-DD` calendar days; instants (`generatedAt`, `knownAt`) are ISO
 * date-times with `Z` or an offset, printed in UTC. Status words are printed exactly as given.
 *
 * @example
 * ```ts
 * const input: CommitteeReportInput = {
 *   title: 'Corporate Plan 2018-23',
 *   organisation: 'Cannock Chase District Council',
 *   fy: '2023/24',
 *   quarter: 3,
 *   quarterStart: '2023-10-01',
 *   quarterEnd: '2023-12-31',
 *   basis: { kind: 'known-at', knownAt: '2024-01-15T09:00:00Z' },
 *   generatedAt: '2024-02-01T10:30:00Z',
 *   provenance: { position: 1234, headHash: '9f2c…', generator: 'perfledger 0.1.0' },
 *   counts: [{ status: 'Completed', count: 20 }, { status: 'Slightly behind', count: 11 }],
 *   derivedCounts: [{ status: 'Completed', count: 20 }, { status: 'Overdue', count: 11 }],
 *   total: 31,
 *   exceptions: { red: [], overdue: [], disagreements: [] },
 *   dueDateMoves: [],
 * };
 * ```
 */
export interface CommitteeReportInput {
  /** The plan or report title, the page's `<h1>`: "Corporate Plan 2018-23". */
  readonly title: string;
  /** The organisation, printed above the title: "Cannock Chase District Council". */
  readonly organisation?: string;
  /** The financial year's label as the organisation writes it: "2023/24" (or "2024"). */
  readonly fy: string;
  readonly quarter: 1 | 2 | 3 | 4;
  /** First day of the quarter, `YYYY-MM-DD`. */
  readonly quarterStart: string;
  /** Last day of the quarter (the "as at" date), `YYYY-MM-DD`. */
  readonly quarterEnd: string;
  /**
   * The month (1–12) the financial year starts in; default 4 (April, the UK year). Used to draw
   * and label the quarter gridlines of the due-date timeline.
   */
  readonly fiscalYearStartMonth?: number;
  /** Which of the two honest quarter-end views this is. */
  readonly basis: CommitteeReportBasis;
  /** When the report was produced; an input, never read from a clock, so output is reproducible. */
  readonly generatedAt: string;
  /** Where the figures came from, so a reader can reproduce or verify them. */
  readonly provenance?: ReportProvenance;
  /** The status key's name for the column headings, "RAG" or "Pentana"; default "Reported". */
  readonly statusKeyLabel?: string;
  /** Actions by officer-reported status, in the order to print them. Must sum to `total`. */
  readonly counts: readonly StatusCount[];
  /** Actions by status derived from the facts (Pentana's meanings). Must sum to `total`. */
  readonly derivedCounts: readonly StatusCount[];
  /** Actions in the report: every action of the plan as it stood at the quarter end. */
  readonly total: number;
  /**
   * Optional breakdown by plan, priority or directorate, printed as rows of one table with a
   * TOTAL row taken from `counts` (as in a council's "progress in delivering actions" table).
   */
  readonly groups?: readonly StatusGroup[];
  /** The heading of the `groups` table: "Progress in delivering actions by plan"; default "By group". */
  readonly groupsHeading?: string;
  /** The heading of the `groups` table's first column: "Plan"; default "Group". */
  readonly groupsColumn?: string;
  readonly exceptions: CommitteeReportExceptions;
  /** Actions whose due date has been revised at least once, in the order to print them. */
  readonly dueDateMoves: readonly DueDateMove[];
  /** Present to print the restatement section; omit it when only one view was computed. */
  readonly restatements?: Restatements;
  /** Each plan's sign-off of its return for the quarter; the header says whether it was approved. */
  readonly signOff?: readonly ReturnSignOffLine[];
  /**
   * Colours for status words, `#rgb` or `#rrggbb`, keyed by status (matched ignoring case).
   * Overrides the defaults; anything that is not a hex colour is ignored.
   */
  readonly statusColours?: Readonly<Record<string, string>>;
  /**
   * Symbols printed before status words, keyed by status (matched ignoring case): the delivery
   * plan's "✓", "Δ", "×". Always beside the word, never instead of it.
   */
  readonly statusSymbols?: Readonly<Record<string, string>>;
  /** Who the report is for and who wrote it; absent fields print as "Not stated". */
  readonly titleBlock?: ReportTitleBlock;
  /**
   * The headline sentence, already worded: "77.5% of actions have been achieved or are in
   * progress." Printed first in the summary.
   */
  readonly headline?: string;
  /** The recommendations the committee is asked to agree, in the order to print them. */
  readonly recommendations?: readonly Recommendation[];
  /** One appendix per plan, every action of the plan, in the order to print them. */
  readonly appendices?: readonly PlanAppendix[];
  /** Present to print the indicators section (after the exceptions); see {@link IndicatorSectionInput}. */
  readonly indicators?: IndicatorSectionInput;
}

/**
 * The title block of a committee report: the committee, the meeting, the author and contact,
 * and the plans it covers. The organisation is {@link CommitteeReportInput.organisation}.
 *
 * @example
 * ```ts
 * const block: ReportTitleBlock = {
 *   committee: 'Cabinet',
 *   meetingDate: '2019-09-19',
 *   author: 'Head of Governance and Corporate Services',
 *   contact: 'Adrian Marklew, 01543 464 598',
 *   plans: ['Promoting Prosperity PDP 2019-20', 'Corporate PDP 2019-20'],
 * };
 * ```
 */
export interface ReportTitleBlock {
  readonly committee?: string;
  /** `YYYY-MM-DD`. */
  readonly meetingDate?: string;
  /** Who the report is from: "Head of Governance and Corporate Services". */
  readonly author?: string;
  /** Whom to ask about it: a name, telephone or e-mail. */
  readonly contact?: string;
  /** The plans the report covers, in the order printed. */
  readonly plans: readonly string[];
}

/**
 * One recommendation: a status that asks the committee for something, the words that say what,
 * and the actions flagged with it.
 *
 * @example
 * ```ts
 * const recommendation: Recommendation = {
 *   status: 'To be closed',
 *   meaning: 'decision',
 *   wording: 'a Red Cross (×), which requires an action to be closed',
 *   items: [],
 * };
 * ```
 */
export interface Recommendation {
  readonly status: string;
  /** `attention`: the timescale or scope to be amended; `decision`: the action to be closed. */
  readonly meaning: 'attention' | 'decision';
  readonly wording: string;
  readonly items: readonly ExceptionItem[];
}

/**
 * One plan's appendix: its counts (the plan's "overall performance" row) and every action,
 * grouped by the plan's own structure.
 *
 * @example
 * ```ts
 * const appendix: PlanAppendix = {
 *   plan: 'Corporate PDP 2019-20',
 *   groupedBy: 'section',
 *   total: 1,
 *   counts: [{ status: 'Completed', count: 1 }],
 *   groups: [{ name: 'Finance', items: [{ code: 'C1', title: 'Balance the budget', reportedStatus: 'Completed' }] }],
 * };
 * ```
 */
export interface PlanAppendix {
  readonly plan: string;
  /** What the groups are: the directorate, the section, or `null` for one ungrouped list. */
  readonly groupedBy: 'directorate' | 'section' | null;
  readonly total: number;
  /** The plan's actions by reported status; must sum to `total`. */
  readonly counts: readonly StatusCount[];
  readonly groups: readonly AppendixGroup[];
}

/**
 * A heading of an appendix and its actions in order; `name` is `null` when ungrouped.
 *
 * @example
 * ```ts
 * const group: AppendixGroup = { name: 'Economic Development', items: [] };
 * ```
 */
export interface AppendixGroup {
  readonly name: string | null;
  readonly items: readonly ExceptionItem[];
}

/**
 * `now`: everything the ledger knows today about the quarter, corrections included. `known-at`:
 * only what had been recorded by `knownAt` (an instant), typically the publication cut-off.
 *
 * @example
 * ```ts
 * const published: CommitteeReportBasis = { kind: 'known-at', knownAt: '2024-01-15T09:00:00Z' };
 * ```
 */
export type CommitteeReportBasis =
  | { readonly kind: 'now' }
  | { readonly kind: 'known-at'; readonly knownAt: string };

/**
 * The ledger position the report was read at and the hash of the event there, plus the name and
 * version of the program that produced it.
 *
 * @example
 * ```ts
 * const provenance: ReportProvenance = { position: 1234, headHash: '9f2c0a…', generator: 'perfledger 0.1.0' };
 * ```
 */
export interface ReportProvenance {
  readonly position: number;
  /** Full hex hash of the head event; the report prints its first 12 characters. */
  readonly headHash: string;
  readonly generator: string;
}

/**
 * How many actions have one status.
 *
 * @example
 * ```ts
 * const amber: StatusCount = { status: 'Amber', count: 11 };
 * ```
 */
export interface StatusCount {
  readonly status: string;
  /** A whole number, zero or more. */
  readonly count: number;
}

/**
 * One row of the breakdown table: a plan, priority or directorate and its counts by reported
 * status. Statuses missing from `counts` print as 0.
 *
 * @example
 * ```ts
 * const row: StatusGroup = { name: 'Corporate', total: 8, counts: [{ status: 'Completed', count: 2 }, { status: 'Slightly behind', count: 6 }] };
 * ```
 */
export interface StatusGroup {
  readonly name: string;
  readonly counts: readonly StatusCount[];
  /** Must equal the sum of `counts`. */
  readonly total: number;
}

/**
 * The exception lists a committee reads after the counts. The caller decides membership; the
 * {@link committeeReportInputOf} mapping takes it from the status keys' meanings: `attention`
 * values are red, `decision` values ask for a decision.
 *
 * @example
 * ```ts
 * const exceptions: CommitteeReportExceptions = { decisions: [], red: [], overdue: [], disagreements: [] };
 * ```
 */
export interface CommitteeReportExceptions {
  /**
   * Open actions whose reported status asks the committee to decide something: the delivery
   * plan's "To be closed" (agree to close an action that cannot be delivered), a change of
   * timescale. Printed first when present; omit it to print no decision list.
   */
  readonly decisions?: readonly ExceptionItem[];
  /** Actions reported Red (or the key's equivalent: "Behind > 1 quarter", "Overdue"). */
  readonly red: readonly ExceptionItem[];
  /** Actions past their due date at the quarter end and not closed. */
  readonly overdue: readonly ExceptionItem[];
  /** Actions whose reported status disagrees with the status derived from the facts. */
  readonly disagreements: readonly ExceptionItem[];
  /** Open actions with no return and no change in the quarter: their figures are last quarter's. */
  readonly notUpdated?: readonly ExceptionItem[];
}

/**
 * One action as an exception table prints it. Unknown facts are `null` or omitted and print as
 * an em dash.
 *
 * @example
 * ```ts
 * const item: ExceptionItem = {
 *   code: 'FP1922_02',
 *   title: 'Improvements to Cannock Railway Station',
 *   owner: 'Head of Economic Prosperity',
 *   dueDate: '2023-09-30',
 *   percentComplete: 40,
 *   reportedStatus: 'Green',
 *   derivedStatus: 'Overdue',
 *   lastComment: 'Consultant appointed; work on the OBC starts in September.',
 *   lastCommentOn: '2023-12-31',
 * };
 * ```
 */
export interface ExceptionItem {
  readonly code: string;
  readonly title: string;
  readonly owner?: string | null;
  /** Section or directorate, printed under the owner. */
  readonly section?: string | null;
  /** Current due date, `YYYY-MM-DD`. */
  readonly dueDate?: string | null;
  /** The due date first registered, `YYYY-MM-DD`; printed beside the current one when it moved. */
  readonly originalDueDate?: string | null;
  /** 0–100. */
  readonly percentComplete?: number | null;
  readonly reportedStatus?: string | null;
  readonly derivedStatus?: string | null;
  readonly lastComment?: string | null;
  /** The business date the comment speaks for, `YYYY-MM-DD`. */
  readonly lastCommentOn?: string | null;
}

/**
 * An action whose due date moved: the original (never lost), the current one, and every revision
 * in effective order. Days slipped are computed from the dates.
 *
 * @example
 * ```ts
 * const move: DueDateMove = {
 *   code: 'DEM1518_02',
 *   title: 'Demolition of the former civic offices',
 *   originalDueDate: '2019-06-30',
 *   currentDueDate: '2020-12-31',
 *   revisions: [{ from: '2019-06-30', to: '2020-12-31', effectiveOn: '2019-06-30', reason: 'Due date revised from June 2019' }],
 * };
 * ```
 */
export interface DueDateMove {
  readonly code: string;
  readonly title: string;
  readonly originalDueDate: string;
  readonly currentDueDate: string;
  readonly revisions: readonly DueDateRevision[];
}

/**
 * One recorded change of due date.
 *
 * @example
 * ```ts
 * const revision: DueDateRevision = { from: '2023-12-31', to: '2024-03-31', effectiveOn: '2023-11-20', reason: 'Extended to March 2024', approver: 'Cabinet' };
 * ```
 */
export interface DueDateRevision {
  readonly from: string;
  readonly to: string;
  /** The business date the new due date took effect. */
  readonly effectiveOn: string;
  readonly reason: string;
  /** Who approved the revised timescale: "Cabinet", "Leadership Team". */
  readonly approver?: string | null;
}

/**
 * The restatement section: actions whose quarter-end row differs between what was known at the
 * publication cut-off and what is known now.
 *
 * @example
 * ```ts
 * const restatements: Restatements = {
 *   asReportedAt: '2024-01-15T09:00:00Z',
 *   items: [{ code: 'LA1821_01.1', title: 'Leisure review', changes: [{ field: 'Status', asReported: 'Green', asNowKnown: 'Amber' }] }],
 * };
 * ```
 */
export interface Restatements {
  /** The instant the "as reported" view was cut off at. */
  readonly asReportedAt: string;
  readonly items: readonly Restatement[];
}

/**
 * One action's differences between the two views, one entry per differing field.
 *
 * @example
 * ```ts
 * const item: Restatement = { code: '1.01.02', title: 'Adopt the local plan', changes: [{ field: '% complete', asReported: '60%', asNowKnown: '45%' }] };
 * ```
 */
export interface Restatement {
  readonly code: string;
  readonly title: string;
  readonly changes: readonly RestatedField[];
}

/**
 * A field's printed value in each view; `null` when the view has no value.
 *
 * @example
 * ```ts
 * const change: RestatedField = { field: 'Due date', asReported: '31 Dec 2023', asNowKnown: '31 Mar 2024' };
 * ```
 */
export interface RestatedField {
  readonly field: string;
  readonly asReported: string | null;
  readonly asNowKnown: string | null;
}

/**
 * One plan's sign-off of its quarterly return, as the report header states it.
 *
 * @example
 * ```ts
 * const line: ReturnSignOffLine = { plan: 'PDP 2019-20', state: 'approved', submittedBy: 'j.smith', approvedBy: 'head.of.service' };
 * ```
 */
export interface ReturnSignOffLine {
  readonly plan: string;
  /** `approved`, `submitted`, `not submitted` or `changed since approval`. */
  readonly state: string;
  readonly submittedBy: string | null;
  readonly approvedBy: string | null;
}
