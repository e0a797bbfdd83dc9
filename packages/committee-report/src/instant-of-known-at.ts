/**
 * A `knownAt` instant as the report states it: ISO instants unchanged, a plain `YYYY-MM-DD` date
 * (which core reads as the end of that day in UTC) as the last millisecond of that day.
 *
 * @example
 * ```ts
 * instantOfKnownAt('2024-01-15'); // '2024-01-15T23:59:59.999Z'
 * instantOfKnownAt('2024-01-15T09:00:00Z'); // '2024-01-15T09:00:00Z'
 * ```
 */
export function instantOfKnownAt(knownAt: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(knownAt) ? `${knownAt}T23:59:59.999Z` : knownAt;
}
