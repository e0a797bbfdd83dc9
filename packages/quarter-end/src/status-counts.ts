import type { StatusKey } from '@perfledger/core';
import { type DerivedStatus, derivedStatuses } from './derived-status.js';
import type { QuarterEndItem } from './quarter-end-item.js';

/**
 * The key under which actions with no reported status are counted.
 *
 * @example
 * ```ts
 * view.counts[NOT_REPORTED] ?? 0;
 * ```
 */
export const NOT_REPORTED = 'Not reported';

/**
 * Reported status → number of actions, in report order.
 *
 * @example
 * ```ts
 * const counts: StatusCounts = { Green: 11, Amber: 0, Red: 2, Complete: 3 };
 * ```
 */
export type StatusCounts = Readonly<Record<string, number>>;

/**
 * Derived status → number of actions; every derived status is present, zeros included.
 *
 * @example
 * ```ts
 * const counts: DerivedStatusCounts = { 'In Progress': 3, Warning: 1, Overdue: 2, Completed: 5, Cancelled: 0 };
 * ```
 */
export type DerivedStatusCounts = Readonly<Record<DerivedStatus, number>>;

/**
 * Counts for one group of a quarter-end report (a plan, a directorate, or a section within its
 * directorate).
 *
 * @example
 * ```ts
 * const g: StatusGroup = view.groups.directorate[0]!;
 * `${g.name}: ${formatCounts(g.counts, g.total)}`;
 * ```
 */
export interface StatusGroup {
  /** The plan, directorate or section name. */
  readonly name: string;
  /** For section groups: the directorate the section belongs to. */
  readonly directorate?: string;
  readonly total: number;
  readonly counts: StatusCounts;
  readonly derivedCounts: DerivedStatusCounts;
}

/**
 * The report's counts by plan, by directorate, and by section (within directorate), sorted by name.
 *
 * @example
 * ```ts
 * const groups: StatusGroups = view.groups;
 * groups.section.map((g) => `${g.directorate} / ${g.name}: ${g.total}`);
 * ```
 */
export interface StatusGroups {
  readonly plan: readonly StatusGroup[];
  readonly directorate: readonly StatusGroup[];
  readonly section: readonly StatusGroup[];
}

/**
 * The reported-status columns a report prints: every value of every status key used by the
 * items, in the key's order (so "Amber 0" is printed), then values the keys do not know, then
 * {@link NOT_REPORTED} when some action has no status.
 *
 * @example
 * ```ts
 * statusColumns(items, (id) => ledger.statusKeys.get(id)); // ['Green', 'Amber', 'Red', 'Complete']
 * ```
 */
export function statusColumns(
  items: readonly QuarterEndItem[],
  keyOf: (id: string) => StatusKey | undefined,
): string[] {
  const keyIds = [...new Set(items.map((item) => item.statusKey))].sort();
  const columns = new Set<string>();
  for (const id of keyIds) for (const value of keyOf(id)?.values ?? []) columns.add(value);
  let unreported = false;
  const unknown = new Set<string>();
  for (const item of items) {
    if (item.status === null) unreported = true;
    else if (!columns.has(item.status)) unknown.add(item.status);
  }
  return [...columns, ...[...unknown].sort(), ...(unreported ? [NOT_REPORTED] : [])];
}

/**
 * Counts items by reported status over the given columns (zeros included).
 *
 * @example
 * ```ts
 * countByStatus(items, ['Green', 'Amber', 'Red', 'Complete']); // { Green: 11, Amber: 0, Red: 2, Complete: 3 }
 * ```
 */
export function countByStatus(items: readonly QuarterEndItem[], columns: readonly string[]): StatusCounts {
  const counts: Record<string, number> = {};
  for (const column of columns) counts[column] = 0;
  for (const item of items) {
    const column = item.status ?? NOT_REPORTED;
    counts[column] = (counts[column] ?? 0) + 1;
  }
  return counts;
}

/**
 * Counts items by derived status; every derived status is present.
 *
 * @example
 * ```ts
 * countByDerivedStatus(items); // { 'In Progress': 3, Warning: 1, Overdue: 2, Completed: 5, Cancelled: 0 }
 * ```
 */
export function countByDerivedStatus(items: readonly QuarterEndItem[]): DerivedStatusCounts {
  const counts = Object.fromEntries(derivedStatuses.map((status) => [status, 0])) as Record<
    DerivedStatus,
    number
  >;
  for (const item of items) counts[item.derivedStatus] += 1;
  return counts;
}

/**
 * Groups items by plan, directorate and section and counts each group over the same columns,
 * so that every group's row lines up with the report's totals.
 *
 * @example
 * ```ts
 * groupCounts(items, columns).directorate.map((g) => `${g.name} ${g.total}`);
 * ```
 */
export function groupCounts(items: readonly QuarterEndItem[], columns: readonly string[]): StatusGroups {
  const build = (keyOf: (item: QuarterEndItem) => [string, string | undefined]): StatusGroup[] => {
    const groups = new Map<
      string,
      { name: string; directorate: string | undefined; items: QuarterEndItem[] }
    >();
    for (const item of items) {
      const [name, directorate] = keyOf(item);
      const id = JSON.stringify([directorate ?? null, name]);
      let group = groups.get(id);
      if (group === undefined) {
        group = { name, directorate, items: [] };
        groups.set(id, group);
      }
      group.items.push(item);
    }
    return [...groups.values()]
      .sort((a, b) => compare(a.directorate ?? '', b.directorate ?? '') || compare(a.name, b.name))
      .map((group) => ({
        name: group.name,
        ...(group.directorate === undefined ? {} : { directorate: group.directorate }),
        total: group.items.length,
        counts: countByStatus(group.items, columns),
        derivedCounts: countByDerivedStatus(group.items),
      }));
  };
  return {
    plan: build((item) => [item.plan, undefined]),
    directorate: build((item) => [item.directorate, undefined]),
    section: build((item) => [item.section, item.directorate]),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
