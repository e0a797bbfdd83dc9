import type { QueryPort, SqlValue } from '../store/event-store.js';
import type { ProjectionTable } from './projection.js';
import { compareKeys, normalValue, RowDigest, sameValue } from './projection-value.js';
import type { TableKeys } from './replay-rows.js';

/** A row's (or a key's) values by column, in column order. */
export type NamedValues = readonly (readonly [string, SqlValue])[];

/**
 * The first way a live table differs from the rows the log implies (in primary-key order), or
 * how many rows both hold when none.
 *
 * @example
 * ```ts
 * if (comparison.kind !== 'same') console.log(comparison.kind, comparison.key);
 * ```
 */
export type TableComparison =
  | { readonly kind: 'same'; readonly rows: number }
  | {
      readonly kind: 'missing-row' | 'extra-row' | 'changed-row';
      readonly key: NamedValues;
      /** The live row (absent for a missing row). */
      readonly live?: NamedValues;
      /** The rebuilt row (absent for an extra row). */
      readonly rebuilt?: NamedValues;
      /** For a changed row: the columns whose values differ. */
      readonly changed?: readonly string[];
      /** Live rows before the difference in primary-key order (all of which match). */
      readonly rowsBefore: number;
    };

/**
 * A difference between a live table and its replay, before its `rowsBefore` is counted.
 *
 * @example
 * ```ts
 * const d: Difference | undefined = first.found;
 * ```
 */
export type Difference = Omit<Exclude<TableComparison, { kind: 'same' }>, 'rowsBefore'> & {
  /** The key's values, for ordering. */
  readonly keyValues: readonly SqlValue[];
};

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The portable `SELECT` of a table's declared columns, aliased `c0`, `c1`, … in column order.
 *
 * @example
 * ```ts
 * selectColumns(table); // 'SELECT "position" AS c0, "code" AS c1 FROM "comment_log"'
 * ```
 */
export function selectColumns(
  table: ProjectionTable,
  columns = table.columns.map((column) => column.name),
): string {
  return `SELECT ${columns.map((name, index) => `${quote(name)} AS c${index}`).join(', ')} FROM ${quote(table.name)}`;
}

function valuesOf(row: Readonly<Record<string, unknown>>, count: number): SqlValue[] {
  const values: SqlValue[] = [];
  for (let index = 0; index < count; index += 1) values.push(normalValue(row[`c${index}`]));
  return values;
}

/**
 * Reads a table's live rows in batches (no order needed) and hands each row's values, in
 * declared column order, to `each`. Memory holds one batch.
 *
 * @example
 * ```ts
 * await eachLiveRow(ledger.query, table, 1_000, (values) => digest.add(encodeValues(values)));
 * ```
 */
export async function eachLiveRow(
  query: QueryPort,
  table: ProjectionTable,
  batchSize: number,
  each: (values: readonly SqlValue[]) => void,
  columns = table.columns.map((column) => column.name),
): Promise<void> {
  for await (const rows of query.batches<Record<string, unknown>>(
    selectColumns(table, columns),
    [],
    batchSize,
  )) {
    for (const row of rows) each(valuesOf(row, columns.length));
  }
}

/**
 * Checks a table's shape as far as portable SQL can: it must be readable with its declared
 * columns (none dropped or renamed), and a row of it read with `SELECT *` must have exactly those
 * columns (none added; an empty table cannot show an added column, nor hold anything in it).
 * Column types are not compared: a value of another kind shows as a changed row instead.
 * Resolves to a sentence naming the difference, or undefined when there is none.
 *
 * @example
 * ```ts
 * const wrong = await shapeProblem(ledger.query, table); // 'it has the columns (letter, extra), but …'
 * ```
 */
export async function shapeProblem(query: QueryPort, table: ProjectionTable): Promise<string | undefined> {
  const declared = table.columns.map((column) => column.name);
  try {
    await query.all(`${selectColumns(table)} WHERE 1 = 0`);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'LEDGER_BUSY') throw error;
    return `it cannot be read with the columns the projection declares (${declared.join(', ')}): ${error instanceof Error ? error.message : String(error)}`;
  }
  const row = await query.get<Record<string, unknown>>(`SELECT * FROM ${quote(table.name)} LIMIT 1`);
  if (row === undefined) return undefined;
  const actual = Object.keys(row);
  const same = actual.length === declared.length && declared.every((name) => actual.includes(name));
  return same
    ? undefined
    : `it has the columns (${actual.join(', ')}), but the projection declares (${declared.join(', ')})`;
}

/**
 * A digest of the live table's rows ({@link RowDigest}).
 *
 * @example
 * ```ts
 * const live = await liveDigest(ledger.query, table, secret, 1_000);
 * ```
 */
export async function liveDigest(
  query: QueryPort,
  table: ProjectionTable,
  secret: string,
  batchSize: number,
  encode: (values: readonly SqlValue[]) => string,
): Promise<RowDigest> {
  const digest = new RowDigest(secret);
  await eachLiveRow(query, table, batchSize, (values) => digest.add(encode(values)));
  return digest;
}

/**
 * Keeps the difference with the lowest primary key among those offered, so that the one
 * reported is the first in key order whatever order they were found in.
 *
 * @example
 * ```ts
 * const first = new FirstDifference(table);
 * first.offer('extra-row', live, undefined);
 * ```
 */
export class FirstDifference {
  readonly #table: ProjectionTable;
  readonly #names: readonly string[];
  readonly #keyIndexes: readonly number[];
  #found: Difference | undefined;

  constructor(table: ProjectionTable) {
    this.#table = table;
    this.#names = table.columns.map((column) => column.name);
    this.#keyIndexes = table.primaryKey.map((name) => this.#names.indexOf(name));
  }

  /** The first difference so far. */
  get found(): Difference | undefined {
    return this.#found;
  }

  /** The table compared. */
  get table(): ProjectionTable {
    return this.#table;
  }

  /** A row's primary-key values. */
  keyOf(values: readonly SqlValue[]): SqlValue[] {
    return this.#keyIndexes.map((index) => values[index] ?? null);
  }

  /** Offers a difference: a live row no rebuild has, a rebuilt row the live table lacks, or both differing. */
  offer(live: readonly SqlValue[] | undefined, rebuilt: readonly SqlValue[] | undefined): void {
    const either = (live ?? rebuilt)!;
    const keyValues = this.keyOf(either);
    if (this.#found !== undefined && compareKeys(keyValues, this.#found.keyValues) >= 0) return;
    const named = (values: readonly SqlValue[]): NamedValues =>
      this.#names.map((name, index) => [name, values[index] ?? null] as const);
    const key = this.#keyIndexes.map((index) => [this.#names[index]!, either[index] ?? null] as const);
    if (live === undefined) {
      this.#found = { kind: 'missing-row', key, keyValues, rebuilt: named(rebuilt!) };
    } else if (rebuilt === undefined) {
      this.#found = { kind: 'extra-row', key, keyValues, live: named(live) };
    } else {
      const changed = this.#names.filter(
        (_, index) => !sameValue(live[index] ?? null, rebuilt[index] ?? null),
      );
      this.#found = {
        kind: 'changed-row',
        key,
        keyValues,
        live: named(live),
        rebuilt: named(rebuilt),
        changed,
      };
    }
  }
}

/**
 * Offers every live row whose primary key no rebuilt row has (an inserted row) to `first`.
 *
 * @example
 * ```ts
 * await offerExtraRows(ledger.query, keys, first, 1_000);
 * ```
 */
export async function offerExtraRows(
  query: QueryPort,
  keys: TableKeys,
  first: FirstDifference,
  batchSize: number,
): Promise<void> {
  await eachLiveRow(query, first.table, batchSize, (values) => {
    if (!keys.holds(keys.primaryKeyOf(values))) first.offer(values, undefined);
  });
}

/**
 * Looks up rebuilt rows in the live table by primary key, a chunk at a time, and offers each
 * missing or changed one to `first`.
 *
 * @example
 * ```ts
 * const lookup = new LiveLookup(ledger.query, first, 200);
 * await lookup.add(values);
 * await lookup.flush();
 * ```
 */
export class LiveLookup {
  readonly #query: QueryPort;
  readonly #first: FirstDifference;
  readonly #chunk: number;
  readonly #keys: TableKeys;
  #pending: (readonly SqlValue[])[] = [];

  constructor(query: QueryPort, first: FirstDifference, keys: TableKeys, chunk: number) {
    this.#query = query;
    this.#first = first;
    this.#keys = keys;
    this.#chunk = chunk;
  }

  /** Queues a rebuilt row; looks the chunk up when it is full. */
  async add(values: readonly SqlValue[]): Promise<void> {
    this.#pending.push(values);
    if (this.#pending.length >= this.#chunk) await this.flush();
  }

  /** Looks up the queued rows. */
  async flush(): Promise<void> {
    const rebuilt = this.#pending;
    this.#pending = [];
    if (rebuilt.length === 0) return;
    const table = this.#first.table;
    const key = table.primaryKey.map(quote);
    const where =
      key.length === 1
        ? `${key[0]} IN (${rebuilt.map(() => '?').join(', ')})`
        : rebuilt.map(() => `(${key.map((column) => `${column} = ?`).join(' AND ')})`).join(' OR ');
    const params = rebuilt.flatMap((values) => this.#first.keyOf(values));
    const rows = await this.#query.all<Record<string, unknown>>(
      `${selectColumns(table)} WHERE ${where}`,
      params,
    );
    const live = new Map<string, SqlValue[]>();
    for (const row of rows) {
      const values = valuesOf(row, table.columns.length);
      live.set(this.#keys.primaryKeyOf(values), values);
    }
    for (const values of rebuilt) {
      const found = live.get(this.#keys.primaryKeyOf(values));
      if (found === undefined || !values.every((value, index) => sameValue(value, found[index] ?? null))) {
        this.#first.offer(found, values);
      }
    }
  }
}

/**
 * The live rows whose primary key sorts before `key`: the rows that matched before the first
 * difference.
 *
 * @example
 * ```ts
 * const before = await countRowsBefore(ledger.query, first, first.found!.keyValues, 1_000);
 * ```
 */
export async function countRowsBefore(
  query: QueryPort,
  first: FirstDifference,
  key: readonly SqlValue[],
  batchSize: number,
): Promise<number> {
  let count = 0;
  await eachLiveRow(
    query,
    first.table,
    batchSize,
    (values) => {
      if (compareKeys(values, key) < 0) count += 1;
    },
    [...first.table.primaryKey],
  );
  return count;
}
