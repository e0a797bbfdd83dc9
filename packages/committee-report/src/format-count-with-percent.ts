/**
 * The share `count / total` as committees print it: rounded half up to one decimal place, with a
 * trailing `.0` dropped ("20%", "27.5%", "16.7%"). A zero total is "0%". Exact: integer
 * arithmetic, so 1 of 8 is "12.5%" and never "12.4%".
 *
 * @example
 * ```ts
 * formatPercent(11, 40); // '27.5%'
 * formatPercent(2, 12); // '16.7%'
 * formatPercent(0, 0); // '0%'
 * ```
 */
export function formatPercent(count: number, total: number): string {
  assertCountAndTotal(count, total);
  if (total === 0) return '0%';
  const tenths = Math.floor((2000 * count + total) / (2 * total));
  const whole = Math.floor(tenths / 10);
  const fraction = tenths % 10;
  return fraction === 0 ? `${whole}%` : `${whole}.${fraction}%`;
}

/**
 * A count with its share of the total in brackets, the way a quarter-end report prints it.
 *
 * @example
 * ```ts
 * formatCountWithPercent(8, 40); // '8 (20%)'
 * formatCountWithPercent(11, 40); // '11 (27.5%)'
 * formatCountWithPercent(0, 0); // '0 (0%)'
 * ```
 */
export function formatCountWithPercent(count: number, total: number): string {
  return `${formatWholeNumber(count)} (${formatPercent(count, total)})`;
}

/**
 * A whole number with comma thousands separators, independent of the host's locale so that the
 * output is the same on every machine.
 *
 * @example
 * ```ts
 * formatWholeNumber(1234567); // '1,234,567'
 * ```
 */
export function formatWholeNumber(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Expected a whole number, got ${value}.`);
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? `−${digits}` : digits;
}

function assertCountAndTotal(count: number, total: number): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`A count must be a whole number, zero or more; got ${count}.`);
  }
  if (!Number.isSafeInteger(total) || total < count) {
    throw new RangeError(`A total must be a whole number no smaller than the count ${count}; got ${total}.`);
  }
}

/**
 * A table cell of a council's "progress in delivering actions" table: "0" for none (as councils
 * print it, rather than "0 (0%)"), otherwise the count with its share.
 *
 * @example
 * ```ts
 * formatCountCell(0, 14); // '0'
 * formatCountCell(3, 14); // '3 (21.4%)'
 * ```
 */
export function formatCountCell(count: number, total: number): string {
  return count === 0 ? formatWholeNumber(0) : formatCountWithPercent(count, total);
}
