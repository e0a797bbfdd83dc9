import { type BusinessDate, daysBetween, type FiscalCalendar, isInBusinessDateRange } from '@perfledger/core';
import type { ActionFacts, CorrectionFact, RevisionFact } from './load-slippage-facts.js';
import { isBehind, type SlippageThreshold } from './slippage-threshold.js';

/**
 * One due-date revision, as recorded: the dates moved from and to, how far, why, on whose
 * approval, who recorded it and when, and the date it took effect.
 *
 * @example
 * ```ts
 * const revision: SlippageRevision = (await slippageReport(ledger, { code: 'DEM1518_02' })).actions[0]!.revisions[0]!;
 * `${revision.from} → ${revision.to} (${revision.daysMoved} days): ${revision.reason}`;
 * ```
 */
export interface SlippageRevision {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  /** `to` minus `from` in calendar days; negative when the date was brought forward. */
  readonly daysMoved: number;
  /** Fiscal quarter boundaries crossed from `from` to `to`, with the query's calendar. */
  readonly quartersMoved: number;
  readonly reason: string;
  readonly approver: string | null;
  readonly approvalReference: string | null;
  /** Who recorded it (the append's actor). */
  readonly actor: string | null;
  /** When the ledger learned of it. */
  readonly recordedAt: string;
  /** The business date the new due date took effect. */
  readonly effectiveOn: BusinessDate;
  readonly position: number;
  readonly eventId: string;
}

/**
 * One due-date correction: the date on record was wrong and this is what it should have been.
 * Not a slip: it never counts in days or quarters slipped.
 *
 * @example
 * ```ts
 * const [correction] = (await slippageReport(ledger, { code: 'A1' })).actions[0]!.corrections;
 * `${correction?.recorded} was corrected to ${correction?.corrected}: ${correction?.reason}`;
 * ```
 */
export interface SlippageCorrection {
  /** The due date as it had been recorded (possibly outside the business-date range). */
  readonly recorded: BusinessDate;
  readonly corrected: BusinessDate;
  /** True when the wrong value was the registered one: the original due date is now `corrected`. */
  readonly correctsOriginal: boolean;
  readonly reason: string;
  readonly approver: string | null;
  readonly approvalReference: string | null;
  readonly actor: string | null;
  readonly recordedAt: string;
  readonly effectiveOn: BusinessDate;
  readonly position: number;
  readonly eventId: string;
}

/**
 * Flags a committee looks for. `behind`: the current due date is later than the original by at
 * least the query's threshold. `revisedMoreThanOnce`: two or more revisions. `dateOutOfRange`: the
 * original or current due date, or a revision's, lies outside `BUSINESS_DATE_RANGE` (only an
 * older build could record one); it is shown as recorded, and a `DueDateCorrected` repairs it.
 *
 * @example
 * ```ts
 * report.actions.filter((action) => action.flags.behind).map((action) => action.code);
 * ```
 */
export interface SlippageFlags {
  readonly behind: boolean;
  readonly revisedMoreThanOnce: boolean;
  readonly dateOutOfRange: boolean;
}

/**
 * One action's slippage history as at a basis: the original due date (never lost), the current
 * one, the net slippage, and every revision in effective order (effective date, then position).
 *
 * @example
 * ```ts
 * const [dem] = (await slippageReport(ledger, { code: 'DEM1518_02' })).actions;
 * dem?.originalDueDate; // '2019-06-30'
 * dem?.currentDueDate; // '2020-12-31'
 * dem?.quartersSlipped; // 6
 * ```
 */
export interface ActionSlippage {
  readonly code: string;
  readonly title: string;
  readonly plan: string;
  readonly directorate: string;
  readonly originalDueDate: BusinessDate;
  /**
   * The date set by the revision or correction with the greatest (effective date, position);
   * else the original.
   */
  readonly currentDueDate: BusinessDate;
  readonly revisionCount: number;
  /** Current minus original due date in calendar days. */
  readonly daysSlipped: number;
  /** Fiscal quarters from the original due date's quarter to the current one's. */
  readonly quartersSlipped: number;
  readonly flags: SlippageFlags;
  readonly revisions: readonly SlippageRevision[];
  /** Corrections of a wrongly recorded due date, in effective order; they are not slips. */
  readonly corrections: readonly SlippageCorrection[];
}

/**
 * Builds one action's {@link ActionSlippage} from the facts a basis admits. Pure.
 *
 * @example
 * ```ts
 * const slippage = actionSlippage(facts, ukFiscalCalendar, { quarters: 1 });
 * ```
 */
export function actionSlippage(
  facts: ActionFacts,
  calendar: FiscalCalendar,
  threshold: SlippageThreshold,
): ActionSlippage {
  const { registration } = facts;
  // Facts arrive in (effective_on, position) order, so the last row of each kind is current.
  const latest: Record<string, string> = {};
  for (const detail of facts.details) latest[detail.field] = detail.value;
  const revisions = facts.revisions.map(
    (row): SlippageRevision =>
      Object.freeze({
        from: row.from_date as BusinessDate,
        to: row.to_date as BusinessDate,
        daysMoved: Number(row.days_moved),
        quartersMoved: calendar.quartersBetween(row.from_date as BusinessDate, row.to_date as BusinessDate),
        reason: row.reason,
        approver: row.approver,
        approvalReference: row.approval_reference,
        actor: row.actor,
        recordedAt: row.recorded_at,
        effectiveOn: row.effective_on as BusinessDate,
        position: Number(row.position),
        eventId: row.event_id,
      }),
  );
  const corrections = facts.corrections.map(
    (row): SlippageCorrection =>
      Object.freeze({
        recorded: row.recorded_date as BusinessDate,
        corrected: row.corrected_date as BusinessDate,
        correctsOriginal: Number(row.corrects_original) === 1,
        reason: row.reason,
        approver: row.approver,
        approvalReference: row.approval_reference,
        actor: row.actor,
        recordedAt: row.recorded_at,
        effectiveOn: row.effective_on as BusinessDate,
        position: Number(row.position),
        eventId: row.event_id,
      }),
  );
  // Revisions and corrections in (effective date, position) order, as core's foldAction sees them.
  let originalDueDate = registration.original_due_date as BusinessDate;
  let currentDueDate = originalDueDate;
  for (const fact of inEffectiveOrder(facts.revisions, facts.corrections)) {
    if ('to_date' in fact) currentDueDate = fact.to_date as BusinessDate;
    else {
      currentDueDate = fact.corrected_date as BusinessDate;
      if (Number(fact.corrects_original) === 1) originalDueDate = currentDueDate;
    }
  }
  const daysSlipped = daysBetween(originalDueDate, currentDueDate);
  const quartersSlipped = calendar.quartersBetween(originalDueDate, currentDueDate);
  return Object.freeze({
    code: registration.code,
    title: latest.title ?? '',
    plan: latest.plan ?? '',
    directorate: latest.directorate ?? '',
    originalDueDate,
    currentDueDate,
    revisionCount: revisions.length,
    daysSlipped,
    quartersSlipped,
    flags: Object.freeze({
      behind: isBehind({ daysSlipped, quartersSlipped }, threshold),
      revisedMoreThanOnce: revisions.length > 1,
      dateOutOfRange:
        !isInBusinessDateRange(originalDueDate) ||
        !isInBusinessDateRange(currentDueDate) ||
        revisions.some((r) => !isInBusinessDateRange(r.from) || !isInBusinessDateRange(r.to)),
    }),
    revisions: Object.freeze(revisions),
    corrections: Object.freeze(corrections),
  });
}

function inEffectiveOrder(
  revisions: readonly RevisionFact[],
  corrections: readonly CorrectionFact[],
): (RevisionFact | CorrectionFact)[] {
  return [...revisions, ...corrections].sort((a, b) =>
    a.effective_on === b.effective_on
      ? Number(a.position) - Number(b.position)
      : a.effective_on < b.effective_on
        ? -1
        : 1,
  );
}
