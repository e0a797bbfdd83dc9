import { type ActionState, type BusinessDate, ukFiscalCalendar } from '@perfledger/core';
import { DEFAULT_WARNING_WINDOW_DAYS, type DerivedStatus, derivedStatusOf } from './derived-status.js';

/**
 * One action's line in a quarter-end report: what was true of it as at the quarter end, on the
 * chosen basis. JSON-serialisable.
 *
 * @example
 * ```ts
 * const item: QuarterEndItem = view.items[0]!;
 * `${item.code} ${item.percentComplete ?? '?'}% ${item.status ?? 'not reported'} (derived ${item.derivedStatus})`;
 * ```
 */
export interface QuarterEndItem {
  readonly code: string;
  readonly title: string;
  readonly description: string | null;
  readonly plan: string;
  readonly directorate: string;
  readonly section: string;
  readonly owner: string | null;
  /** The id of the action's status key, e.g. `rag`. */
  readonly statusKey: string;
  readonly registeredOn: BusinessDate;
  /** The due date the action was registered with; never lost. */
  readonly originalDueDate: BusinessDate;
  /** The current due date as at the quarter end. */
  readonly dueDate: BusinessDate;
  /** The % complete reported; null when none was (unknown, never shown as 0). */
  readonly percentComplete: number | null;
  /** The officer-reported status, a value of `statusKey`; null when never reported. */
  readonly status: string | null;
  /** Pentana's status derived from the facts (see `derivedStatusOf`). */
  readonly derivedStatus: DerivedStatus;
  /** True unless the action was closed as at the quarter end. */
  readonly open: boolean;
  readonly closed: { readonly outcome: 'completed' | 'cancelled'; readonly effectiveOn: BusinessDate } | null;
  readonly lastComment: { readonly text: string; readonly effectiveOn: BusinessDate } | null;
  /**
   * True when the action is open and nothing about it (no return, no change) is effective in
   * the quarter: silence is not a return, so its values are the previous quarter's, not updated.
   */
  readonly notUpdated: boolean;
}

/**
 * Builds a report line straight from core's folded state as at `asAt`: the direct computation
 * the projection's answers must equal, and a way to report without the projection on small
 * ledgers. `quarterStart` (the start of `asAt`'s April-start quarter by default) decides
 * `notUpdated`.
 *
 * @example
 * ```ts
 * const asAt = '2023-12-31' as BusinessDate;
 * const items = (await ledger.getActions({ asAt })).map((state) => quarterEndItemOf(state, asAt));
 * ```
 */
export function quarterEndItemOf(
  state: ActionState,
  asAt: BusinessDate,
  warningWindowDays: number = DEFAULT_WARNING_WINDOW_DAYS,
  quarterStart: BusinessDate = ukFiscalCalendar.quarterOf(asAt).start,
): QuarterEndItem {
  return {
    code: state.code,
    title: state.title,
    description: state.description,
    plan: state.plan,
    directorate: state.directorate,
    section: state.section,
    owner: state.owner,
    statusKey: state.statusKey,
    registeredOn: state.registeredOn,
    originalDueDate: state.originalDueDate,
    dueDate: state.dueDate,
    percentComplete: state.percentComplete,
    status: state.status,
    derivedStatus: derivedStatusOf(state, asAt, warningWindowDays),
    open: state.closed === null,
    closed:
      state.closed === null ? null : { outcome: state.closed.outcome, effectiveOn: state.closed.effectiveOn },
    lastComment:
      state.lastComment === null
        ? null
        : { text: state.lastComment.text, effectiveOn: state.lastComment.effectiveOn },
    notUpdated: state.closed === null && state.lastEffectiveOn < quarterStart,
  };
}
