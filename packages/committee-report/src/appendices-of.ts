import { type StatusKey, statusMeaning, valuesMeaning } from '@perfledger/core';
import type { QuarterEndItem, QuarterEndView } from '@perfledger/quarter-end';
import type { AppendixGroup, ExceptionItem, PlanAppendix, Recommendation } from './committee-report-input.js';
import { formatPercent } from './format-count-with-percent.js';

/** How an appendix groups a plan's actions: by directorate, by section, or one list. */
export type AppendixGrouping = 'directorate' | 'section' | 'none';

/**
 * The council's order: by the position at which each action was first registered (`order`, the
 * codes in that order), codes not in it last, by code. Plans, directorates and sections follow
 * their first action. Stable, so equal keys keep the view's order.
 *
 * @example
 * ```ts
 * const rank = registrationRank(['B2', 'A1']);
 * rank('B2') < rank('A1'); // true
 * ```
 */
export function registrationRank(order: readonly string[] | undefined): (code: string) => number {
  const index = new Map((order ?? []).map((code, position) => [code, position] as const));
  return (code) => index.get(code) ?? Number.MAX_SAFE_INTEGER;
}

/** Items in the council's order. */
export function inCouncilOrder(
  items: readonly QuarterEndItem[],
  rank: (code: string) => number,
): QuarterEndItem[] {
  return [...items].sort(
    (a, b) => rank(a.code) - rank(b.code) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** The distinct values of `name` over ordered items, in order of first appearance. */
export function firstSeen(
  items: readonly QuarterEndItem[],
  name: (item: QuarterEndItem) => string,
): string[] {
  return [...new Set(items.map(name))];
}

/**
 * One appendix per plan in `plans` (already in the council's order), every action of the plan
 * grouped as asked; each appendix's counts are the view's own for that plan.
 *
 * @example
 * ```ts
 * appendicesOf(view, ordered, ['Corporate PDP'], 'section', exceptionItemOf);
 * ```
 */
export function appendicesOf(
  view: QuarterEndView,
  ordered: readonly QuarterEndItem[],
  plans: readonly string[],
  grouping: AppendixGrouping,
  itemOf: (item: QuarterEndItem) => ExceptionItem,
): PlanAppendix[] {
  return plans.map((plan) => {
    const items = ordered.filter((item) => item.plan === plan);
    const counts = view.groups.plan.find((group) => group.name === plan)?.counts ?? {};
    const groups: AppendixGroup[] =
      grouping === 'none'
        ? [{ name: null, items: items.map(itemOf) }]
        : firstSeen(items, (item) => item[grouping]).map((name) => ({
            name,
            items: items.filter((item) => item[grouping] === name).map(itemOf),
          }));
    return {
      plan,
      groupedBy: grouping === 'none' ? null : grouping,
      total: items.length,
      counts: Object.entries(counts).map(([status, count]) => ({ status, count })),
      groups,
    };
  });
}

/**
 * The recommendations: for each status key in use, each value meaning `attention` (the
 * timescale or scope to be amended) and then each meaning `decision` (the action to be closed),
 * with the open actions of `items` flagged with it.
 *
 * @example
 * ```ts
 * recommendationsOf(ordered, keys, symbols); // [{ status: 'Behind > 1 quarter', meaning: 'attention', … }]
 * ```
 */
export function recommendationsOf(
  items: readonly QuarterEndItem[],
  keys: readonly StatusKey[],
  symbolOf: (status: string) => string | undefined,
  itemOf: (item: QuarterEndItem) => ExceptionItem,
): Recommendation[] {
  const result: Recommendation[] = [];
  for (const meaning of ['attention', 'decision'] as const) {
    for (const key of keys) {
      for (const status of valuesMeaning(key, meaning)) {
        const symbol = symbolOf(status);
        const flag = symbol === undefined ? `“${status}”` : `${symbol} “${status}”`;
        result.push({
          status,
          meaning,
          wording:
            meaning === 'attention'
              ? `${flag}, which require amendment to the timescale or scope`
              : `${flag}, which require the action to be closed`,
          items: items
            .filter((item) => item.open && item.statusKey === key.id && item.status === status)
            .map(itemOf),
        });
      }
    }
  }
  return result;
}

/**
 * The statuses the headline counts by default: every value of the keys in use except those
 * that need attention, ask for a decision, or close the action as cancelled; for the delivery
 * plan "Completed" and "Slightly behind" ("achieved or in progress").
 *
 * @example
 * ```ts
 * headlineStatusesOf([deliveryPlanStatusKey]); // ['Completed', 'Slightly behind']
 * ```
 */
export function headlineStatusesOf(keys: readonly StatusKey[]): string[] {
  return keys.flatMap((key) =>
    key.values.filter((value) => {
      const meaning = statusMeaning(key, value);
      return meaning !== 'attention' && meaning !== 'decision' && value !== key.cancelledValue;
    }),
  );
}

/** The placeholders a headline template may use. */
export const HEADLINE_PLACEHOLDERS = ['percent', 'count', 'total'] as const;

/**
 * The headline sentence: `template` with `{percent}`, `{count}` and `{total}` filled in from the
 * actions whose reported status is one of `statuses`. Returns the placeholders it does not know
 * as issues instead.
 *
 * @example
 * ```ts
 * headlineOf('{percent} of actions have been achieved or are in progress.', 31, 40); // { text: '77.5% of actions have been achieved or are in progress.' }
 * ```
 */
export function headlineOf(
  template: string,
  count: number,
  total: number,
): { readonly text: string } | { readonly unknown: readonly string[] } {
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)]
    .map((match) => match[1] ?? '')
    .filter((name) => !(HEADLINE_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length > 0) return { unknown };
  const values: Record<string, string> = {
    percent: formatPercent(count, total),
    count: String(count),
    total: String(total),
  };
  return { text: template.replace(/\{(percent|count|total)\}/g, (_, name: string) => values[name] ?? '') };
}

/**
 * A symbol for each status of the keys in use: the first of the key's aliases that is one
 * character and not a letter or digit and that maps to the status ("✓" Completed, "Δ" Behind
 * > 1 quarter, "×" To be closed for the delivery plan). RAG and Pentana have none.
 *
 * @example
 * ```ts
 * statusSymbolsOf([deliveryPlanStatusKey]); // { Completed: '✓', 'Behind > 1 quarter': 'Δ', 'To be closed': '×' }
 * ```
 */
export function statusSymbolsOf(keys: readonly StatusKey[]): Record<string, string> {
  const symbols: Record<string, string> = {};
  for (const key of keys) {
    for (const [alias, value] of Object.entries(key.aliases ?? {})) {
      if (symbols[value] === undefined && [...alias].length === 1 && !/[A-Za-z0-9]/.test(alias)) {
        symbols[value] = alias;
      }
    }
  }
  return symbols;
}
