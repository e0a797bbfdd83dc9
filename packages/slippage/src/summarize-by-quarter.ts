import type { BusinessDate, FiscalCalendar, FiscalQuarterNumber } from '@perfledger/core';
import type { ActionSlippage, SlippageRevision } from './action-slippage.js';

/**
 * The revisions that fall in one fiscal quarter: by the date they took effect, or by the date
 * the ledger recorded them.
 *
 * @example
 * ```ts
 * const [q] = (await slippageSummary(ledger, { by: 'quarter' })).groups;
 * `${q?.key}: ${q?.revisions} revisions, ${q?.daysMoved} days`; // '2019/20 Q2: 3 revisions, 640 days'
 * ```
 */
export interface SlippageQuarterGroup {
  /** The quarter's label, e.g. `2023/24 Q3`. */
  readonly key: string;
  /** The financial year's label, e.g. `2023/24`. */
  readonly fiscalYear: string;
  readonly quarter: FiscalQuarterNumber;
  readonly start: BusinessDate;
  readonly end: BusinessDate;
  readonly revisions: number;
  /** Distinct actions revised in the quarter. */
  readonly actions: number;
  /** Sum of the revisions' days moved (negative moves count against). */
  readonly daysMoved: number;
  /** Sum of the revisions' fiscal quarters moved. */
  readonly quartersMoved: number;
  /** Revisions that moved the due date later. */
  readonly movedLater: number;
  /** Revisions that brought the due date forward. */
  readonly movedEarlier: number;
}

/**
 * Groups every revision of the given actions by fiscal quarter: of its effective date
 * (`'quarter'`) or of the UTC date of its recorded time (`'recorded-quarter'`). Only quarters
 * with revisions appear, oldest first.
 *
 * @example
 * ```ts
 * summarizeByQuarter(report.actions, 'recorded-quarter', ukFiscalCalendar);
 * ```
 */
export function summarizeByQuarter(
  actions: readonly ActionSlippage[],
  by: 'quarter' | 'recorded-quarter',
  calendar: FiscalCalendar,
): readonly SlippageQuarterGroup[] {
  const dateOf = (revision: SlippageRevision): BusinessDate =>
    by === 'quarter' ? revision.effectiveOn : (revision.recordedAt.slice(0, 10) as BusinessDate);
  const groups = new Map<
    string,
    { -readonly [K in keyof SlippageQuarterGroup]: SlippageQuarterGroup[K] } & { codes: Set<string> }
  >();
  for (const action of actions) {
    for (const revision of action.revisions) {
      const quarter = calendar.quarterOf(dateOf(revision));
      let group = groups.get(quarter.label);
      if (group === undefined) {
        group = {
          key: quarter.label,
          fiscalYear: quarter.fy.label,
          quarter: quarter.quarter,
          start: quarter.start,
          end: quarter.end,
          revisions: 0,
          actions: 0,
          daysMoved: 0,
          quartersMoved: 0,
          movedLater: 0,
          movedEarlier: 0,
          codes: new Set(),
        };
        groups.set(quarter.label, group);
      }
      group.revisions += 1;
      group.codes.add(action.code);
      group.actions = group.codes.size;
      group.daysMoved += revision.daysMoved;
      group.quartersMoved += revision.quartersMoved;
      if (revision.daysMoved > 0) group.movedLater += 1;
      if (revision.daysMoved < 0) group.movedEarlier += 1;
    }
  }
  return Object.freeze(
    [...groups.values()]
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
      .map(({ codes: _codes, ...group }) => Object.freeze(group)),
  );
}
