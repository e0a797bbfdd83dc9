import * as crypto from 'node:crypto';
import type { SqlValue } from '../store/event-store.js';

/**
 * A projection value as JSON can carry it: integers within 2^53 as numbers, beyond as decimal
 * strings (so `9007199254740993` survives), reals as numbers, text as strings, NULL as null.
 *
 * @example
 * ```ts
 * const value: JsonProjectionValue = jsonValueOf(2n ** 60n); // '1152921504606846976'
 * ```
 */
export type JsonProjectionValue = null | number | string;

/**
 * A value in one form whatever the engine returned: integers within 2^53 as numbers, beyond as
 * bigints, so that `5`, `5n` and an exact integer-valued double compare alike.
 *
 * @example
 * ```ts
 * normalValue(5n); // 5
 * ```
 */
export function normalValue(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) && BigInt(Number(value)) === value ? Number(value) : value;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return String(value);
}

/**
 * The text that identifies a value exactly, kind included: text `'58'` and the number `58`
 * differ; the integer `2^60` reads the same as a number or a bigint.
 *
 * @example
 * ```ts
 * encodeValue('58'); // 's58'
 * encodeValue(58); // 'n58'
 * ```
 */
export function encodeValue(value: SqlValue): string {
  if (value === null) return 'z';
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'bigint') return `n${value.toString()}`;
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return `n${BigInt(value).toString()}`;
  return `n${Object.is(value, -0) ? '0' : String(value)}`;
}

/**
 * The values of a row (or a key) as one unambiguous string.
 *
 * @example
 * ```ts
 * encodeValues([1, 'a']); // '["n1","sa"]'
 * ```
 */
export function encodeValues(values: readonly SqlValue[]): string {
  return JSON.stringify(values.map(encodeValue));
}

const KIND_RANK = { null: 0, number: 1, text: 2 } as const;

function kindOf(value: SqlValue): keyof typeof KIND_RANK {
  return value === null ? 'null' : typeof value === 'string' ? 'text' : 'number';
}

/**
 * Orders two values: NULL, then numbers by value, then text by its UTF-8 bytes (the order of
 * `ORDER BY … COLLATE BINARY`).
 *
 * @example
 * ```ts
 * [3, 'a', null].sort(compareValues); // [null, 3, 'a']
 * ```
 */
export function compareValues(a: SqlValue, b: SqlValue): number {
  const rank = KIND_RANK[kindOf(a)] - KIND_RANK[kindOf(b)];
  if (rank !== 0) return Math.sign(rank);
  if (a === null || b === null) return 0;
  if (typeof a === 'string' && typeof b === 'string') {
    return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  }
  return compareNumbers(a as number | bigint, b as number | bigint);
}

function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const whole = (n: number | bigint) => (typeof n === 'bigint' ? n : BigInt(Math.floor(n)));
  const wa = whole(a);
  const wb = whole(b);
  if (wa !== wb) return wa < wb ? -1 : 1;
  const fraction = (n: number | bigint) => (typeof n === 'bigint' ? 0 : n - Math.floor(n));
  return Math.sign(fraction(a) - fraction(b));
}

/**
 * Orders two keys value by value ({@link compareValues}).
 *
 * @example
 * ```ts
 * compareKeys([1, 'b'], [1, 'a']); // 1
 * ```
 */
export function compareKeys(a: readonly SqlValue[], b: readonly SqlValue[]): number {
  for (let index = 0; index < a.length; index += 1) {
    const order = compareValues(a[index] ?? null, b[index] ?? null);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * True when two values are the same value of the same kind ({@link encodeValue}).
 *
 * @example
 * ```ts
 * sameValue(5, 5n); // true
 * sameValue('5', 5); // false
 * ```
 */
export function sameValue(a: SqlValue, b: SqlValue): boolean {
  return encodeValue(a) === encodeValue(b);
}

/**
 * A value as an SQL literal for messages: `NULL`, `42`, `1.5`, `'text'` (long text cut short).
 *
 * @example
 * ```ts
 * showValue("it's"); // "'it''s'"
 * ```
 */
export function showValue(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value !== 'string') return typeof value === 'bigint' ? value.toString() : String(value);
  const text = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * A value for JSON output ({@link JsonProjectionValue}).
 *
 * @example
 * ```ts
 * jsonValueOf(2n ** 60n); // '1152921504606846976'
 * ```
 */
export function jsonValueOf(value: SqlValue): JsonProjectionValue {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return BigInt(value).toString();
  }
  return value;
}

const sha256 = (text: string): Buffer =>
  typeof crypto.hash === 'function'
    ? Buffer.from(crypto.hash('sha256', text, 'hex'), 'hex')
    : crypto.createHash('sha256').update(text).digest();

/**
 * A short fingerprint of an encoded key, for remembering which keys a table already holds: the
 * encoding itself when short, else 16 bytes of its SHA-256.
 *
 * @example
 * ```ts
 * keyFingerprint(encodeValues([42])); // '["n42"]'
 * ```
 */
export function keyFingerprint(encoded: string): string {
  return encoded.length <= 24 ? encoded : sha256(encoded).subarray(0, 16).toString('latin1');
}

/**
 * An order-independent digest of a table's rows: their number and two sums (modulo 2^48) of a
 * keyed SHA-256 of each row. The key is random per verification and never leaves it, so rows
 * cannot be crafted to make a tampered table sum to the expected digest.
 *
 * @example
 * ```ts
 * const a = new RowDigest(secret); a.add(encodeValues(row));
 * if (!a.equals(b)) compareKeyed();
 * ```
 */
export class RowDigest {
  readonly #secret: string;
  #count = 0;
  #low = 0;
  #high = 0;

  constructor(secret: string) {
    this.#secret = secret;
  }

  /** The rows added. */
  get count(): number {
    return this.#count;
  }

  /** Adds one row, given as {@link encodeValues} of its values. */
  add(encodedRow: string): void {
    const hash = sha256(this.#secret + encodedRow);
    this.#count += 1;
    this.#low = (this.#low + hash.readUIntBE(0, 6)) % 2 ** 48;
    this.#high = (this.#high + hash.readUIntBE(6, 6)) % 2 ** 48;
  }

  /** True when both digests hold the same number of rows and the same sums. */
  equals(other: RowDigest): boolean {
    return this.#count === other.#count && this.#low === other.#low && this.#high === other.#high;
  }
}
