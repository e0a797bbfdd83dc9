/**
 * A short, printable rendering of any value for an error message: JSON where possible, never
 * throwing (a BigInt or a cyclic object would make JSON.stringify throw a TypeError in the middle
 * of reporting a refusal) and never megabytes long.
 *
 * @example
 * ```ts
 * describeValue(0n); // '0n'
 * describeValue('x'.repeat(1e6)); // '"xxxx…' (80 characters)
 * ```
 */
export function describeValue(value: unknown, max = 80): string {
  let shown: string;
  try {
    shown = typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  } catch {
    shown = Object.prototype.toString.call(value);
  }
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}
