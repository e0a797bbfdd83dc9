import { type BusinessDate, type Ledger, type ReturnSignOff, readReturnSignOff } from '@perfledger/core';
import { type Disagreement, findDisagreement, validateDisagreementRules } from './disagreement.js';
import type { QuarterEndItem } from './quarter-end-item.js';
import {
  assertQuarterOptions,
  QUARTER_END_OPTION_KEYS,
  type QuarterEndOptions,
  resolveQuarter,
} from './quarter-end-options.js';
import { readQuarterEndItems, requireQuarterEnd } from './read-quarter-end-items.js';
import type { QuarterEndBasis } from './resolve-basis.js';
import { resolveBasis } from './resolve-basis.js';
import {
  countByDerivedStatus,
  countByStatus,
  type DerivedStatusCounts,
  groupCounts,
  type StatusCounts,
  type StatusGroups,
  statusColumns,
} from './status-counts.js';

/**
 * A quarter-end report: every action as at the quarter end on one basis, with the counts
 * committees print and the actions whose reported status contradicts the facts.
 *
 * @example
 * ```ts
 * const view: QuarterEndView = await quarterEndView(ledger, { fy: '2023/24', quarter: 3 });
 * view.counts; // { Green: 11, Amber: 0, Red: 2, Complete: 3 }
 * ```
 */
export interface QuarterEndView {
  /** The financial-year label, e.g. "2023/24". */
  readonly fy: string;
  readonly quarter: 1 | 2 | 3 | 4;
  readonly quarterStart: BusinessDate;
  /** The "as at" date of every item. */
  readonly quarterEnd: BusinessDate;
  readonly basis: QuarterEndBasis;
  readonly warningWindowDays: number;
  /** Ordered by code. */
  readonly items: readonly QuarterEndItem[];
  readonly total: number;
  /** By reported status; see `statusColumns` for which statuses appear. */
  readonly counts: StatusCounts;
  /** By derived status; all five present. */
  readonly derivedCounts: DerivedStatusCounts;
  readonly groups: StatusGroups;
  /** Items whose reported status contradicts the derived one, ordered by code. */
  readonly disagreements: readonly Disagreement[];
  /** Open items with no return and no change effective in the quarter (see `QuarterEndItem.notUpdated`). */
  readonly notUpdated: number;
  /** Each plan's sign-off of its return for the quarter, as known on the same basis, by plan name. */
  readonly signOff: readonly ReturnSignOff[];
}

/**
 * The quarter-end view: every action registered on or before the quarter end (including those
 * closed earlier in the same financial year, excluding those closed before it began), as at the
 * quarter end, as now known or as known at `knownAt`. Reads the `quarter_end` projection, which
 * must be registered with the ledger and cover the position read (else core's
 * `ProjectionNotReadyError`). The read is pinned to one log position, so appends made while it
 * runs do not change it.
 *
 * @throws ValidationError for bad or unknown options (naming each); ProjectionNotReadyError when
 *   the projection is missing, outdated or behind.
 * @example
 * ```ts
 * const asNowKnown = await quarterEndView(ledger, { fy: '2023/24', quarter: 3 });
 * const asReported = await quarterEndView(ledger, { fy: '2023/24', quarter: 3, knownAt: '2024-01-15T17:00:00Z' });
 * formatCount(asNowKnown.derivedCounts.Overdue, asNowKnown.total); // '2 (12.5%)'
 * ```
 */
export async function quarterEndView(ledger: Ledger, options: QuarterEndOptions): Promise<QuarterEndView> {
  assertQuarterOptions(options, QUARTER_END_OPTION_KEYS, 'quarterEndView options');
  const resolved = resolveQuarter(options);
  validateDisagreementRules(options.disagreementRules);
  const basis = await resolveBasis(ledger, options.knownAt);
  await requireQuarterEnd(ledger, basis.position);
  const items = await readQuarterEndItems(ledger, {
    asAt: resolved.quarterEnd,
    upTo: basis.position,
    yearStart: resolved.yearStart,
    quarterStart: resolved.quarterStart,
    warningWindowDays: resolved.warningWindowDays,
    filters: resolved.filters,
  });
  const keyOf = (id: string) => ledger.statusKeys.get(id);
  const columns = statusColumns(items, keyOf);
  const disagreements: Disagreement[] = [];
  for (const item of items) {
    const found = findDisagreement(item, keyOf(item.statusKey), options.disagreementRules);
    if (found !== undefined) disagreements.push(found);
  }
  return {
    fy: resolved.fy,
    quarter: resolved.quarter,
    quarterStart: resolved.quarterStart,
    quarterEnd: resolved.quarterEnd,
    basis,
    warningWindowDays: resolved.warningWindowDays,
    items,
    total: items.length,
    counts: countByStatus(items, columns),
    derivedCounts: countByDerivedStatus(items),
    groups: groupCounts(items, columns),
    disagreements,
    notUpdated: items.filter((item) => item.notUpdated).length,
    signOff: await signOffOf(ledger, resolved.fy, resolved.quarter, items, basis.position),
  };
}

/** The sign-off of every plan the items belong to, as known at `upTo`, ordered by plan. */
async function signOffOf(
  ledger: Ledger,
  fy: string,
  quarter: 1 | 2 | 3 | 4,
  items: readonly QuarterEndItem[],
  upTo: number,
): Promise<ReturnSignOff[]> {
  const plans = [...new Set(items.map((item) => item.plan))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const result: ReturnSignOff[] = [];
  for (const plan of plans) result.push(await readReturnSignOff(ledger, { fy, quarter, plan, upTo }));
  return result;
}
