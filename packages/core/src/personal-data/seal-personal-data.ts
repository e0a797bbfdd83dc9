import { personalFieldsOf } from './personal-data-fields.js';
import {
  markerDigest,
  newSalt,
  PERSONAL_MARKER_KEY,
  type PersonalText,
  personalDigest,
} from './personal-marker.js';

/**
 * An event's data as stored (personal text replaced by salted digests) and the texts set apart.
 *
 * @example
 * ```ts
 * const { data, texts }: SealedData = sealPersonalData('CommentAdded', { comment: 'Awaiting J. Smith' });
 * ```
 */
export interface SealedData {
  /** The data to store and hash. The same object as given when nothing was sealed. */
  readonly data: unknown;
  /** The texts for the side table, one per sealed field (none for most events). */
  readonly texts: readonly PersonalText[];
}

/**
 * Replaces each personal-data field of `type` ({@link personalDataFields}) holding text by a
 * marker `{"$personal":"sha256:…"}` of a fresh salt and the text, and returns the texts to keep
 * beside the log. Fields absent, null or not text are left as they are (schema checks are the
 * ledger's). Called by `prepareAppend`, so every engine stores the same.
 *
 * @example
 * ```ts
 * const { data, texts } = sealPersonalData('CommentAdded', { comment: 'Awaiting J. Smith' });
 * // data: { comment: { $personal: 'sha256:…' } }, texts: [{ field: 'comment', salt, text: 'Awaiting J. Smith' }]
 * ```
 */
export function sealPersonalData(type: string, data: unknown): SealedData {
  const fields = personalFieldsOf(type);
  if (fields.length === 0 || typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { data, texts: [] };
  }
  const record = data as Record<string, unknown>;
  let sealed: Record<string, unknown> | undefined;
  const texts: PersonalText[] = [];
  for (const field of fields) {
    const text = record[field];
    if (typeof text !== 'string') continue;
    const salt = newSalt();
    sealed ??= { ...record };
    sealed[field] = { [PERSONAL_MARKER_KEY]: personalDigest(salt, text) };
    texts.push({ field, salt, text });
  }
  return sealed === undefined ? { data, texts } : { data: sealed, texts };
}

/**
 * The fields of `data` (given to an append) that already hold a marker: refused, since a marker
 * is made by the ledger from the text, never given.
 *
 * @example
 * ```ts
 * givenMarkers({ comment: { $personal: 'sha256:00' } }); // ['comment']
 * ```
 */
export function givenMarkers(data: unknown): string[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  return Object.entries(data)
    .filter(([, value]) => markerDigest(value) !== undefined)
    .map(([field]) => field);
}
