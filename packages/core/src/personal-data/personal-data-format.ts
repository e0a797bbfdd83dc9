/**
 * The ledger's key–value entry that makes its personal data erasable: once set, every engine
 * seals the personal-data fields of each event it appends (salted digests in the chain, text in
 * the side tables). Events appended before stay as they were: readable, not erasable.
 *
 * @example
 * ```ts
 * await store.getMeta(PERSONAL_DATA_FORMAT_KEY); // '{"version":2,"since":41}'
 * ```
 */
export const PERSONAL_DATA_FORMAT_KEY = 'personalDataFormat';

/**
 * A ledger's personal-data format: version 1 (text in the chain, as every ledger before issue 13)
 * or version 2 (sealed, erasable) from position `since` on.
 *
 * @example
 * ```ts
 * const format: PersonalDataFormat = { version: 2, since: 41 };
 * ```
 */
export type PersonalDataFormat = { readonly version: 1 } | { readonly version: 2; readonly since: number };

/**
 * The format recorded under {@link PERSONAL_DATA_FORMAT_KEY} (version 1 when nothing, or
 * something unreadable, is recorded).
 *
 * @example
 * ```ts
 * personalDataFormatOf(await store.getMeta(PERSONAL_DATA_FORMAT_KEY)).version; // 1 or 2
 * ```
 */
export function personalDataFormatOf(value: string | undefined): PersonalDataFormat {
  if (value === undefined) return { version: 1 };
  try {
    const parsed = JSON.parse(value) as { version?: unknown; since?: unknown };
    if (parsed.version === 2 && Number.isSafeInteger(parsed.since))
      return { version: 2, since: parsed.since as number };
  } catch {
    // Unreadable: as version 1.
  }
  return { version: 1 };
}
