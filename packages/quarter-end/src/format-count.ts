/**
 * `count` as a percentage of `total`, rounded half up to one decimal place; 0 when `total` is 0.
 * Computed in integer tenths so that 27.5 stays 27.5 rather than drifting in binary floating point.
 *
 * @example
 * ```ts
 * percentOf(11, 40); // 27.5
 * percentOf(1, 3); // 33.3
 * ```
 */
export function percentOf(count: number, total: number): number {
  if (total <= 0) return 0;
  return Math.round((count * 1000) / total) / 10;
}

/**
 * A count as committee papers print it: the number and its share of the total to one decimal,
 * without a trailing ".0".
 *
 * @example
 * ```ts
 * formatCount(8, 40); // '8 (20%)'
 * formatCount(11, 40); // '11 (27.5%)'
 * formatCount(0, 0); // '0 (0%)'
 * ```
 */
export function formatCount(count: number, total: number): string {
  return `${count} (${percentOf(count, total)}%)`;
}

/**
 * A whole table of counts on one line, in the order given: "Green 11 (68.8%), Amber 0 (0%), …".
 * The total is the sum of the counts unless given.
 *
 * @example
 * ```ts
 * formatCounts({ Completed: 20, 'Slightly behind': 11, 'Behind > 1 quarter': 8, 'To be closed': 1 });
 * // 'Completed 20 (50%), Slightly behind 11 (27.5%), Behind > 1 quarter 8 (20%), To be closed 1 (2.5%)'
 * ```
 */
export function formatCounts(counts: Readonly<Record<string, number>>, total?: number): string {
  const entries = Object.entries(counts);
  const sum = total ?? entries.reduce((acc, [, count]) => acc + count, 0);
  return entries.map(([status, count]) => `${status} ${formatCount(count, sum)}`).join(', ');
}
