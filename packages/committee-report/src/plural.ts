/**
 * "1 action", "3 actions": the count with the noun in the right number (regular plurals only).
 *
 * @example
 * ```ts
 * plural(2, 'revision'); // '2 revisions'
 * ```
 */
export function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
