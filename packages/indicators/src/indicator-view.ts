import {
  assertOptions,
  formatIndicatorTarget,
  formatIndicatorValue,
  type KnownAt,
  type Ledger,
  parseIndicatorPeriod,
  type StatusKey,
  statusMeaning,
  ValidationError,
} from '@perfledger/core';
import { type IndicatorBasis, resolveIndicatorBasis } from './indicator-basis.js';
import { type IndicatorItem, indicatorItemOf, reportsFor } from './indicator-item.js';
import { readIndicatorFacts, requireIndicatorProjection } from './read-indicator-states.js';

/**
 * What to report: the period (any spelling `parseIndicatorPeriod` reads), the basis, an
 * optional grouping and plan filter.
 *
 * @example
 * ```ts
 * const options: IndicatorViewOptions = { period: '2019/20 Q1', knownAt: '2019-08-01', by: 'directorate' };
 * ```
 */
export interface IndicatorViewOptions {
  readonly period: string;
  /** What the ledger knew: an ISO instant, a plain date (its end, UTC), or `{ position }`; now when omitted. */
  readonly knownAt?: KnownAt;
  /** Adds `groups`, counted by this field. */
  readonly by?: 'plan' | 'directorate' | 'section';
  /** Only the indicators of this plan. */
  readonly plan?: string;
}

/** The keys an {@link IndicatorViewOptions} may have: anything else is refused. */
export const INDICATOR_VIEW_OPTION_KEYS = Object.freeze(['period', 'knownAt', 'by', 'plan'] as const);

/**
 * The key under which items with no status are counted.
 *
 * @example
 * ```ts
 * view.counts[NO_STATUS];
 * ```
 */
export const NO_STATUS = 'No status';

/**
 * A reported status that the figures contradict: reported on track (a value meaning `onTrack`,
 * such as Green or Satisfactory) while the target is not met, or reported needing attention
 * (Red, Alert) while it is met.
 *
 * @example
 * ```ts
 * const d: IndicatorDisagreement = { code: 'LALocal_07', status: 'Green', derivedStatus: 'Red', targetMet: false, reason: 'reported Green (on track) but the target is not met: 1 against 0 (lower is better)' };
 * ```
 */
export interface IndicatorDisagreement {
  readonly code: string;
  readonly status: string;
  readonly derivedStatus: string | null;
  readonly targetMet: boolean;
  readonly reason: string;
}

/**
 * Counts for one group (a plan, directorate or section).
 *
 * @example
 * ```ts
 * view.groups?.map((g) => `${g.name}: ${g.total}`);
 * ```
 */
export interface IndicatorGroup {
  readonly name: string;
  readonly total: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly codes: readonly string[];
}

/**
 * The indicator report for a period: every indicator that reports for periods of its kind, as
 * known on one basis, with the counts committees print and the disagreements.
 *
 * @example
 * ```ts
 * const view: IndicatorView = await indicatorView(ledger, { period: '2019/20 Q1' });
 * view.counts; // { Alert: 2, Warning: 1, Satisfactory: 9, Unknown: 0, 'Data Only': 3 }
 * ```
 */
export interface IndicatorView {
  readonly period: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly basis: IndicatorBasis;
  /**
   * By the status shown: the reported status when there is one, else the derived one; every
   * value of every status key in use, in the key's order (zeros included), then {@link NO_STATUS}.
   */
  readonly counts: Readonly<Record<string, number>>;
  /** By reported status only, same columns. */
  readonly reportedCounts: Readonly<Record<string, number>>;
  /** By derived status only, same columns. */
  readonly derivedCounts: Readonly<Record<string, number>>;
  readonly total: number;
  /** Ordered by code. */
  readonly items: readonly IndicatorItem[];
  /** Ordered by code. */
  readonly disagreements: readonly IndicatorDisagreement[];
  /** With `by`: the counts per group, ordered by name; otherwise null. */
  readonly groups: readonly IndicatorGroup[] | null;
}

const BY = ['plan', 'directorate', 'section'] as const;

/**
 * The indicator view for a period (a month "2019-06", a quarter "2019/20 Q1" or a year
 * "2018/19"), as now known or as known at `knownAt`. Reads the `indicators` projection (core's
 * `ProjectionNotReadyError` unless it is registered and covers the basis), pinned to one log
 * position. Each item: value, quality, target (its own period's, else profiled from its
 * quarter or year), tolerance in force at the period end, whether the target is met, the
 * derived and reported status, direction of travel against the previous period and the same
 * period a year earlier, the comparator and the last note.
 *
 * @throws ValidationError for a bad period or option (misplaced keys included).
 * @example
 * ```ts
 * const now = await indicatorView(ledger, { period: '2019/20 Q1' });
 * const asPublished = await indicatorView(ledger, { period: '2019/20 Q1', knownAt: '2019-08-01T17:00:00Z' });
 * ```
 */
export async function indicatorView(ledger: Ledger, options: IndicatorViewOptions): Promise<IndicatorView> {
  assertOptions(options, INDICATOR_VIEW_OPTION_KEYS, 'indicatorView options');
  const period = parseIndicatorPeriod(options.period);
  if (options.by !== undefined && !BY.includes(options.by)) {
    const message = `by must be one of ${BY.join(', ')}`;
    throw new ValidationError(`indicatorView options: ${message}.`, [{ path: ['by'], message }]);
  }
  if (options.plan !== undefined && typeof options.plan !== 'string') {
    throw new ValidationError('indicatorView options: plan must be text.', [
      { path: ['plan'], message: 'must be text' },
    ]);
  }
  const basis = await resolveIndicatorBasis(ledger, options.knownAt);
  await requireIndicatorProjection(ledger, basis.position);
  const facts = await readIndicatorFacts(ledger, basis.position);
  const items: IndicatorItem[] = [];
  for (const { state } of facts.values()) {
    if (!reportsFor(state.frequency, period)) continue;
    if (options.plan !== undefined && state.plan !== options.plan) continue;
    items.push(indicatorItemOf(state, period, ledger.statusKeys.get(state.statusKey)));
  }
  const keyOf = (id: string) => ledger.statusKeys.get(id);
  const columns = statusColumns(items, keyOf);
  const shown = (item: IndicatorItem) => item.status ?? item.derivedStatus;
  const disagreements: IndicatorDisagreement[] = [];
  for (const item of items) {
    const found = disagreementOf(item, keyOf(item.statusKey));
    if (found !== undefined) disagreements.push(found);
  }
  return {
    period: period.label,
    periodStart: period.start,
    periodEnd: period.end,
    basis,
    counts: countBy(items, columns, shown),
    reportedCounts: countBy(items, columns, (item) => item.status),
    derivedCounts: countBy(items, columns, (item) => item.derivedStatus),
    total: items.length,
    items,
    disagreements,
    groups: options.by === undefined ? null : groupsOf(items, options.by, columns, shown),
  };
}

/**
 * Every value of every status key the items use, in the key's order, then values no key knows
 * (in order of appearance), then {@link NO_STATUS}.
 */
function statusColumns(
  items: readonly IndicatorItem[],
  keyOf: (id: string) => StatusKey | undefined,
): string[] {
  const columns: string[] = [];
  const add = (value: string) => {
    if (!columns.includes(value)) columns.push(value);
  };
  for (const id of new Set(items.map((item) => item.statusKey)))
    for (const value of keyOf(id)?.values ?? []) add(value);
  for (const item of items) {
    if (item.status !== null) add(item.status);
    if (item.derivedStatus !== null) add(item.derivedStatus);
  }
  add(NO_STATUS);
  return columns;
}

function countBy(
  items: readonly IndicatorItem[],
  columns: readonly string[],
  statusOf: (item: IndicatorItem) => string | null,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const column of columns) counts[column] = 0;
  for (const item of items) {
    const column = statusOf(item) ?? NO_STATUS;
    counts[column] = (counts[column] ?? 0) + 1;
  }
  return counts;
}

function groupsOf(
  items: readonly IndicatorItem[],
  by: (typeof BY)[number],
  columns: readonly string[],
  statusOf: (item: IndicatorItem) => string | null,
): IndicatorGroup[] {
  const groups = new Map<string, IndicatorItem[]>();
  for (const item of items) {
    const name = item[by] ?? '(none)';
    groups.set(name, [...(groups.get(name) ?? []), item]);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, members]) => ({
      name,
      total: members.length,
      counts: countBy(members, columns, statusOf),
      codes: members.map((item) => item.code),
    }));
}

/**
 * The disagreement of one item, if its reported status contradicts the figures.
 *
 * @example
 * ```ts
 * disagreementOf(item, ledger.statusKeys.get(item.statusKey))?.reason;
 * ```
 */
export function disagreementOf(
  item: IndicatorItem,
  key: StatusKey | undefined,
): IndicatorDisagreement | undefined {
  if (item.status === null || item.targetMet === null || key === undefined) return undefined;
  const meaning = statusMeaning(key, item.status);
  const figures = `${formatIndicatorValue(item.value) ?? 'none'} against ${item.target === null ? 'none' : formatIndicatorTarget(item.target)} (${item.polarity === 'band' ? 'a band' : `${item.polarity} is better`})`;
  if (meaning === 'onTrack' && !item.targetMet) {
    return {
      code: item.code,
      status: item.status,
      derivedStatus: item.derivedStatus,
      targetMet: false,
      reason: `reported ${item.status} (on track) but the target is not met: ${figures}`,
    };
  }
  if (meaning === 'attention' && item.targetMet) {
    return {
      code: item.code,
      status: item.status,
      derivedStatus: item.derivedStatus,
      targetMet: true,
      reason: `reported ${item.status} (needs attention) but the target is met: ${figures}`,
    };
  }
  return undefined;
}
