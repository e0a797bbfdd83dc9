const MONTHS: Readonly<Record<string, number>> = Object.freeze({
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
});

/**
 * The number of a month named in English, in full or abbreviated ("Jan", "Sept", "September"),
 * ignoring case; undefined for any other word. The one list of month names: the snapshot
 * importer's dates and the indicator periods ("June 2019") both read it.
 *
 * @example
 * ```ts
 * monthNumberOfName('Sept'); // 9
 * ```
 */
export function monthNumberOfName(word: string): number | undefined {
  const key = word.toLowerCase();
  return Object.hasOwn(MONTHS, key) ? MONTHS[key] : undefined;
}
