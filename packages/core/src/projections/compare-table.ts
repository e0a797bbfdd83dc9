import type { SqlDatabase } from '../store/sql-database.js';
import {
  compareValues,
  decodeValue,
  exactColumns,
  quoteIdentifier,
  type SqliteValue,
  sameValue,
} from './sqlite-value.js';

/** A column as `pragma_table_info` describes it. */
export interface ColumnShape {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  /** Its place in the primary key (1, 2, …), 0 when not part of it. */
  readonly pk: number;
}

/** The first way a live table differs from its rebuild, or how many rows both hold when none. */
export type TableComparison =
  | { readonly kind: 'same'; readonly rows: number }
  | {
      readonly kind: 'missing-row' | 'extra-row' | 'changed-row';
      readonly key: readonly (readonly [string, SqliteValue])[];
      /** The live row (absent for a missing row). */
      readonly live?: readonly (readonly [string, SqliteValue])[];
      /** The rebuilt row (absent for an extra row). */
      readonly rebuilt?: readonly (readonly [string, SqliteValue])[];
      /** For a changed row: the columns whose values differ. */
      readonly changed?: readonly string[];
      /** Rows that matched before the difference. */
      readonly rowsBefore: number;
    };

/** A table's columns in declaration order; empty when there is no such table. */
export function columnsOf(db: SqlDatabase, table: string): ColumnShape[] {
  const rows = db
    .prepare('SELECT name, type, "notnull" AS not_null, pk FROM pragma_table_info(?) ORDER BY cid')
    .all(table) as { name: string; type: string; not_null: number; pk: number }[];
  return rows.map((row) => ({ name: row.name, type: row.type, notNull: row.not_null === 1, pk: row.pk }));
}

/**
 * The columns that order a table's rows totally: its primary key, or every column when it has
 * none (then identical rows are interchangeable, and compared by their number).
 */
export function keyColumnsOf(columns: readonly ColumnShape[]): string[] {
  const key = columns
    .filter((column) => column.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((column) => column.name);
  return key.length > 0 ? key : columns.map((column) => column.name);
}

/**
 * Compares a live table with its rebuild row for row, in key order, and reports the first
 * difference. Both sides are read as a stream, one row at a time, ordered by the key with
 * `COLLATE BINARY` on each side, and merged, so memory holds two rows whatever the table's size.
 * Values are compared exactly: same storage class, same value (integers beyond 2^53 included).
 */
export function compareTable(
  live: SqlDatabase,
  rebuilt: SqlDatabase,
  table: string,
  columns: readonly ColumnShape[],
): TableComparison {
  const names = columns.map((column) => column.name);
  const key = keyColumnsOf(columns);
  const keyIndexes = key.map((name) => names.indexOf(name));
  const sql = `SELECT ${names.map(exactColumns).join(', ')} FROM ${quoteIdentifier(table)} ORDER BY ${key
    .map((name) => `${quoteIdentifier(name)} COLLATE BINARY`)
    .join(', ')}`;
  const decode = (row: unknown): SqliteValue[] =>
    names.map((_, index) => decodeValue(row as Record<string, unknown>, index));
  const named = (values: readonly SqliteValue[], indexes: readonly number[]) =>
    indexes.map((index) => [names[index]!, values[index]!] as const);
  const all = names.map((_, index) => index);
  const liveRows = live.prepare(sql).iterate();
  const rebuiltRows = rebuilt.prepare(sql).iterate();
  try {
    let rows = 0;
    for (;;) {
      const a = liveRows.next();
      const b = rebuiltRows.next();
      if (a.done && b.done) return { kind: 'same', rows };
      const liveRow = a.done ? undefined : decode(a.value);
      const rebuiltRow = b.done ? undefined : decode(b.value);
      const order =
        liveRow === undefined
          ? 1
          : rebuiltRow === undefined
            ? -1
            : compareKeys(liveRow, rebuiltRow, keyIndexes);
      if (order < 0) {
        return {
          kind: 'extra-row',
          key: named(liveRow!, keyIndexes),
          live: named(liveRow!, all),
          rowsBefore: rows,
        };
      }
      if (order > 0) {
        return {
          kind: 'missing-row',
          key: named(rebuiltRow!, keyIndexes),
          rebuilt: named(rebuiltRow!, all),
          rowsBefore: rows,
        };
      }
      const changed = names.filter((_, index) => !sameValue(liveRow![index]!, rebuiltRow![index]!));
      if (changed.length > 0) {
        return {
          kind: 'changed-row',
          key: named(liveRow!, keyIndexes),
          live: named(liveRow!, all),
          rebuilt: named(rebuiltRow!, all),
          changed,
          rowsBefore: rows,
        };
      }
      rows += 1;
    }
  } finally {
    liveRows.return?.();
    rebuiltRows.return?.();
  }
}

function compareKeys(
  a: readonly SqliteValue[],
  b: readonly SqliteValue[],
  indexes: readonly number[],
): number {
  for (const index of indexes) {
    const order = compareValues(a[index]!, b[index]!);
    if (order !== 0) return order;
  }
  return 0;
}
