import * as crypto from 'node:crypto';

/**
 * The key of the object that stands, in an event's stored (hashed) data, for the text of a
 * personal-data field: `{"$personal":"sha256:<hex>"}`, the SHA-256 of the field's salt (32
 * bytes) followed by its UTF-8 text. An object can never be a valid value of a text field, so a
 * marker is never mistaken for text.
 *
 * @example
 * ```ts
 * JSON.parse(row.dataJson).comment; // { $personal: 'sha256:9f2c…' }
 * ```
 */
export const PERSONAL_MARKER_KEY = '$personal';

/** The marker's key as it appears in stored JSON text: a cheap test before parsing. */
const MARKER_TEXT = `"${PERSONAL_MARKER_KEY}"`;

/**
 * The text of a personal-data field, kept beside the log (the `personal_data` table) with the
 * salt its digest was made with.
 *
 * @example
 * ```ts
 * const text: PersonalText = { field: 'comment', salt: '5a1f…', text: 'Awaiting J. Smith' };
 * ```
 */
export interface PersonalText {
  readonly field: string;
  /** 32 random bytes as 64 lowercase hex digits. */
  readonly salt: string;
  readonly text: string;
}

/**
 * A personal-data field whose text was erased: when (the UTC date of the erasure event's
 * recorded time) and by which event (its position).
 *
 * @example
 * ```ts
 * const erased: PersonalErasure = { field: 'comment', erasedOn: '2026-12-01', erasurePosition: 19 };
 * ```
 */
export interface PersonalErasure {
  readonly field: string;
  readonly erasedOn: string;
  readonly erasurePosition: number;
}

/**
 * What the side tables hold for one event: the texts of its personal-data fields not erased, and
 * the erasures of the others.
 *
 * @example
 * ```ts
 * const records: PersonalRecords = { texts: [{ field: 'comment', salt, text }], erasures: [] };
 * ```
 */
export interface PersonalRecords {
  readonly texts: readonly PersonalText[];
  readonly erasures: readonly PersonalErasure[];
}

/**
 * The side-table records of a stored event by its position (undefined when there are none).
 *
 * @example
 * ```ts
 * const lookup: PersonalLookup = (position) => byPosition.get(position);
 * ```
 */
export type PersonalLookup = (position: number) => PersonalRecords | undefined;

/**
 * A row of an engine's side-table read, both tables in one result: position, field, then salt
 * and text (a text) or the erasure date and position (an erasure).
 *
 * @example
 * ```ts
 * const row: PersonalRecordRow = [12, 'comment', salt, 'Awaiting J. Smith', null, null];
 * ```
 */
export type PersonalRecordRow = readonly [
  number | string,
  string,
  string | null,
  string | null,
  string | null,
  number | string | null,
];

/**
 * The side-table rows an engine read, grouped by event position.
 *
 * @example
 * ```ts
 * const lookup = groupPersonalRows(rows);
 * lookup(12)?.texts[0]?.text;
 * ```
 */
export function groupPersonalRows(rows: readonly PersonalRecordRow[]): PersonalLookup {
  const byPosition = new Map<number, { texts: PersonalText[]; erasures: PersonalErasure[] }>();
  for (const [position, field, salt, text, erasedOn, erasurePosition] of rows) {
    const key = Number(position);
    let records = byPosition.get(key);
    if (records === undefined) {
      records = { texts: [], erasures: [] };
      byPosition.set(key, records);
    }
    if (salt !== null && text !== null) records.texts.push({ field, salt, text });
    else if (erasedOn !== null && erasurePosition !== null)
      records.erasures.push({ field, erasedOn, erasurePosition: Number(erasurePosition) });
  }
  return (position) => byPosition.get(position);
}

/**
 * True when stored data JSON text may hold a personal-data marker (a cheap text test: events
 * without one are read exactly as before, without touching the side tables).
 *
 * @example
 * ```ts
 * if (mayHoldPersonalData(row.dataJson)) lookupSideTable(row.position);
 * ```
 */
export function mayHoldPersonalData(dataJson: string): boolean {
  return dataJson.includes(MARKER_TEXT);
}

/**
 * The digest a marker holds: `sha256:` and the SHA-256 of the salt's 32 bytes followed by the
 * text's UTF-8 bytes, as lowercase hex.
 *
 * @example
 * ```ts
 * personalDigest('00'.repeat(32), 'Awaiting J. Smith'); // 'sha256:…'
 * ```
 */
export function personalDigest(salt: string, text: string): string {
  return `sha256:${crypto
    .createHash('sha256')
    .update(Buffer.from(salt, 'hex'))
    .update(text, 'utf8')
    .digest('hex')}`;
}

/**
 * A fresh salt: 32 random bytes as 64 lowercase hex digits.
 *
 * @example
 * ```ts
 * const salt = newSalt();
 * ```
 */
export function newSalt(): string {
  return crypto.randomBytes(32).toString('hex');
}

/**
 * The digest of a marker, or undefined when `value` is not a marker.
 *
 * @example
 * ```ts
 * markerDigest({ $personal: 'sha256:9f2c…' }); // 'sha256:9f2c…'
 * ```
 */
export function markerDigest(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const digest = (value as Record<string, unknown>)[PERSONAL_MARKER_KEY];
  return keys.length === 1 && typeof digest === 'string' ? digest : undefined;
}

/**
 * What an erased field reads as, so that every read side keeps working with text.
 *
 * @example
 * ```ts
 * erasedText('2026-12-01'); // '[erased on 2026-12-01]'
 * ```
 */
export function erasedText(erasedOn: string): string {
  return `[erased on ${erasedOn}]`;
}
