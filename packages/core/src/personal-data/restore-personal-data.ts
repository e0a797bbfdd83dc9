import { IntegrityError } from '../integrity/integrity-error.js';
import { erasedText, markerDigest, type PersonalRecords, personalDigest } from './personal-marker.js';

/**
 * Puts the text of each personal-data field back into stored data: a field's marker becomes its
 * text when SHA-256(salt ‖ text) equals the marker's digest, or "[erased on DATE]" when the field
 * was erased. Every reader then sees the shapes the schemas define. Data without markers is
 * returned as it is.
 *
 * @throws IntegrityError `PERSONAL_DATA_INVALID` naming the position and field when a text does
 *   not match its digest (the side table was edited) or a marker has neither text nor erasure
 *   (a row was deleted behind the ledger's back).
 * @example
 * ```ts
 * const data = restorePersonalData(12, JSON.parse(row.dataJson), lookup(12));
 * ```
 */
export function restorePersonalData(
  position: number,
  data: unknown,
  records: PersonalRecords | undefined,
): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  let restored: Record<string, unknown> | undefined;
  for (const [field, value] of Object.entries(data)) {
    const digest = markerDigest(value);
    if (digest === undefined) continue;
    restored ??= { ...(data as Record<string, unknown>) };
    restored[field] = textOf(position, field, digest, records);
  }
  return restored ?? data;
}

function textOf(
  position: number,
  field: string,
  digest: string,
  records: PersonalRecords | undefined,
): string {
  const text = records?.texts.find((candidate) => candidate.field === field);
  if (text !== undefined) {
    if (personalDigest(text.salt, text.text) === digest) return text.text;
    throw personalDataError(
      position,
      `the text of '${field}' kept beside the log does not match the digest in the event's hashed data: the personal_data table was altered`,
    );
  }
  const erasure = records?.erasures.find((candidate) => candidate.field === field);
  if (erasure !== undefined) return erasedText(erasure.erasedOn);
  throw personalDataError(
    position,
    `the text of '${field}' is missing from the personal_data table and no erasure of it is recorded: a row was deleted outside perfledger`,
  );
}

/**
 * The error for personal data that does not match the chain, naming the event's position.
 *
 * @example
 * ```ts
 * throw personalDataError(12, "the text of 'comment' is missing");
 * ```
 */
export function personalDataError(position: number, problem: string): IntegrityError {
  return new IntegrityError(
    'PERSONAL_DATA_INVALID',
    `The personal data of the event at position ${position} does not verify: ${problem}. Restore the side tables from a verified backup.`,
  );
}
