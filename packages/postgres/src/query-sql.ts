import type { SqlValue } from '@perfledger/core/internal';

/**
 * A portable statement made ready for PostgreSQL: `$n` placeholders, and what it refuses.
 *
 * @example
 * ```ts
 * const { text, placeholders, several, keyword } = translatePlaceholders('SELECT ? AS n');
 * ```
 */
export interface TranslatedSql {
  /** The statement with every `?` outside literals, identifiers and comments replaced by `$n`. */
  readonly text: string;
  /** How many `?` placeholders it had. */
  readonly placeholders: number;
  /** True when another statement follows a `;`. */
  readonly several: boolean;
  /** The first keyword, upper-cased (`''` when none). */
  readonly keyword: string;
}

/**
 * Translates portable SQL (`?` positional parameters, as SQLite takes them) to PostgreSQL's
 * `$1`, `$2`, …, leaving alone every `?` inside a string literal (`'…'`, `E'…'`, dollar-quoted
 * `$tag$…$tag$`), a quoted identifier (`"…"`) or a comment (`-- …`, nested `/* … *\/`). Each
 * placeholder gets a cast from the JavaScript type of its value (`cast(i)`), so that a text
 * parameter stays text where PostgreSQL would otherwise guess another type. It also finds the
 * leading keyword and whether a second statement follows a `;`, so the query port can refuse
 * both before anything runs. A trailing `;` is dropped. A bare identifier in mixed case
 * (`AS eventType`) is double-quoted, so that it keeps its case as on SQLite.
 *
 * @example
 * ```ts
 * translatePlaceholders("SELECT '?' AS q, code FROM audit_trail WHERE code = ?").text;
 * // "SELECT '?' AS q, code FROM audit_trail WHERE code = $1"
 * ```
 */
export function translatePlaceholders(
  sql: string,
  cast: (index: number) => string = () => '',
): TranslatedSql {
  let out = '';
  let n = 0;
  let i = 0;
  let keyword = '';
  let ended = false;
  let several = false;
  const length = sql.length;
  while (i < length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '/' && next === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < length && depth > 0) {
        if (sql[j] === '/' && sql[j + 1] === '*') {
          depth += 1;
          j += 2;
        } else if (sql[j] === '*' && sql[j + 1] === '/') {
          depth -= 1;
          j += 2;
        } else j += 1;
      }
      out += sql.slice(i, j);
      i = j;
      continue;
    }
    if (ended && !/\s/.test(c)) several = true;
    if (c === "'" || c === '"') {
      const backslashes =
        c === "'" && i > 0 && /[eE]/.test(sql[i - 1]!) && !/[A-Za-z0-9_]/.test(sql[i - 2] ?? ' ');
      let j = i + 1;
      while (j < length) {
        const d = sql[j]!;
        if (backslashes && d === '\\') {
          j += 2;
          continue;
        }
        if (d === c) {
          if (sql[j + 1] === c) {
            j += 2;
            continue;
          }
          break;
        }
        j += 1;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66));
      if (tag !== null && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? ' ')) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        const stop = end < 0 ? length : end + tag[0].length;
        out += sql.slice(i, stop);
        i = stop;
        continue;
      }
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < length && /[A-Za-z0-9_$]/.test(sql[j]!)) j += 1;
      const word = sql.slice(i, j);
      if (keyword === '' && !ended) keyword = word.toUpperCase();
      out += keepsCase(word, sql, j) ? `"${word}"` : word;
      i = j;
      continue;
    }
    if (c === '?') {
      out += `$${n + 1}${cast(n)}`;
      n += 1;
      i += 1;
      continue;
    }
    if (c === ';') {
      ended = true;
      i += 1;
      continue;
    }
    out += c;
    i += 1;
  }
  return { text: out, placeholders: n, several, keyword };
}

/**
 * Whether a bare identifier must be quoted to keep its case: one in mixed case (`eventType`),
 * not a function name (followed by `(`). SQLite returns a column alias as written; PostgreSQL
 * folds an unquoted one to lower case (`eventtype`), so portable SQL's `AS eventType` (and each
 * reference to it written the same way) is quoted.
 */
function keepsCase(word: string, sql: string, end: number): boolean {
  if (!/[a-z]/.test(word) || !/[A-Z]/.test(word)) return false;
  let k = end;
  while (k < sql.length && /\s/.test(sql[k]!)) k += 1;
  return sql[k] !== '(';
}

const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;

/**
 * The cast a parameter's placeholder takes from its JavaScript type: text `::text`, a whole
 * number `::int` (`::bigint` beyond 32 bits), another number `::float8`, a `bigint` `::bigint`,
 * NULL none (PostgreSQL infers it).
 *
 * @example
 * ```ts
 * castOf('DEM1'); // '::text'
 * ```
 */
export function castOf(value: SqlValue): string {
  if (typeof value === 'string') return '::text';
  if (typeof value === 'bigint') return '::bigint';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return '::float8';
    return value >= INT4_MIN && value <= INT4_MAX
      ? '::int'
      : Number.isSafeInteger(value)
        ? '::bigint'
        : '::float8';
  }
  return '';
}

/** A parameter as the driver sends it: a `bigint` as its digits. */
export function wireValue(value: SqlValue): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
