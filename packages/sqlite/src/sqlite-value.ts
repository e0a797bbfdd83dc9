/**
 * One SQLite value read exactly: its storage class and its value. Integers travel as decimal text
 * (a JavaScript number holds only 53 bits), so two values compare equal only when SQLite holds
 * the same value of the same class.
 */
export type SqliteValue =
  | { readonly type: 'null' }
  | { readonly type: 'integer'; readonly value: bigint }
  | { readonly type: 'real'; readonly value: number }
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'blob'; readonly value: Uint8Array };

/** A value as JSON can carry it: integers within 2^53 as numbers, beyond as decimal strings, blobs as hex. */
export type JsonSqliteValue = null | number | string;

/** Double-quotes an SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The two result columns that read `column` exactly: its `typeof`, and its value (an integer cast
 * to text). Aliased `t<i>` and `v<i>`.
 */
export function exactColumns(column: string, index: number): string {
  const c = quoteIdentifier(column);
  return `typeof(${c}) AS t${index}, CASE WHEN typeof(${c}) = 'integer' THEN CAST(${c} AS TEXT) ELSE ${c} END AS v${index}`;
}

/** Decodes column `index` of a row read with {@link exactColumns}. */
export function decodeValue(row: Readonly<Record<string, unknown>>, index: number): SqliteValue {
  const type = row[`t${index}`];
  const value = row[`v${index}`];
  switch (type) {
    case 'null':
      return { type };
    case 'integer':
      return { type, value: BigInt(value as string) };
    case 'real':
      return { type, value: value as number };
    case 'text':
      return { type, value: value as string };
    default:
      return { type: 'blob', value: value as Uint8Array };
  }
}

const CLASS_RANK = { null: 0, integer: 1, real: 1, text: 2, blob: 3 } as const;

/**
 * Orders two values as SQLite's `ORDER BY … COLLATE BINARY` does: NULL, then numbers (integers
 * and reals compared by value), then text by its UTF-8 bytes, then blobs by their bytes.
 */
export function compareValues(a: SqliteValue, b: SqliteValue): number {
  const rank = CLASS_RANK[a.type] - CLASS_RANK[b.type];
  if (rank !== 0) return Math.sign(rank);
  if (a.type === 'null') return 0;
  if (a.type === 'text' && b.type === 'text') {
    return a.value === b.value
      ? 0
      : Buffer.compare(Buffer.from(a.value, 'utf8'), Buffer.from(b.value, 'utf8'));
  }
  if (a.type === 'blob' && b.type === 'blob') return Buffer.compare(a.value, b.value);
  return compareNumbers(a as NumericValue, b as NumericValue);
}

type NumericValue = Extract<SqliteValue, { type: 'integer' | 'real' }>;

function compareNumbers(a: NumericValue, b: NumericValue): number {
  if (a.type === 'integer' && b.type === 'integer') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (a.type === 'real' && b.type === 'real') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  return a.type === 'integer'
    ? compareIntegerWithReal(a.value, b.value as number)
    : -compareIntegerWithReal(b.value as bigint, a.value);
}

function compareIntegerWithReal(integer: bigint, real: number): number {
  if (!Number.isFinite(real)) return real > 0 ? -1 : 1;
  const floor = Math.floor(real);
  const whole = BigInt(floor);
  if (integer !== whole) return integer < whole ? -1 : 1;
  return real > floor ? -1 : 0;
}

/** True when both values have the same storage class and the same value. */
export function sameValue(a: SqliteValue, b: SqliteValue): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'null') return true;
  if (a.type === 'blob') return Buffer.from(a.value).equals(Buffer.from((b as typeof a).value));
  return Object.is(a.value, (b as typeof a).value);
}

/** A value as an SQL literal for messages: `NULL`, `42`, `1.5`, `'text'` (long text cut short), `x'0a1b'`. */
export function showValue(value: SqliteValue): string {
  switch (value.type) {
    case 'null':
      return 'NULL';
    case 'integer':
      return value.value.toString();
    case 'real':
      return String(value.value);
    case 'text': {
      const text = value.value.length > 80 ? `${value.value.slice(0, 80)}…` : value.value;
      return `'${text.replaceAll("'", "''")}'`;
    }
    default:
      return `x'${Buffer.from(value.value).toString('hex').slice(0, 80)}'`;
  }
}

/** A value for JSON output (see {@link JsonSqliteValue}). */
export function jsonValue(value: SqliteValue): JsonSqliteValue {
  switch (value.type) {
    case 'null':
      return null;
    case 'integer':
      return value.value >= BigInt(Number.MIN_SAFE_INTEGER) && value.value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(value.value)
        : value.value.toString();
    case 'real':
      return value.value;
    case 'text':
      return value.value;
    default:
      return Buffer.from(value.value).toString('hex');
  }
}
