import { ValidationError } from '../errors/validation-error.js';
import type { EventType } from '../events/index.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EventFact, SqlValue } from '../store/event-store.js';
import type { ProgressCallback } from './progress.js';
import type { Projection, ProjectionTable } from './projection.js';
import { encodeValues, keyFingerprint } from './projection-value.js';
import { StreamHistories } from './stream-histories.js';

const NO_HISTORY: readonly EventFact[] = Object.freeze([]);

/**
 * One projection to replay: up to which position, and what to do with each row it keeps (a row
 * whose primary key or a unique key an earlier row of its table took is skipped, as the engines
 * skip it on insert).
 *
 * @example
 * ```ts
 * const target: ReplayTarget = { projection, upTo: 120, keys: tableKeysOf(projection), onRow: (table, values) => digest.add(table, values) };
 * ```
 */
export interface ReplayTarget {
  readonly projection: Projection;
  readonly upTo: number;
  /** The keys each table holds so far, by table name (see {@link tableKeysOf}); filled by the replay. */
  readonly keys: ReadonlyMap<string, TableKeys>;
  onRow(table: ProjectionTable, values: readonly SqlValue[]): void | Promise<void>;
}

/**
 * Options for {@link replayRows}.
 *
 * @example
 * ```ts
 * const options: ReplayOptions = { batchSize: 500 };
 * ```
 */
export interface ReplayOptions {
  /** Events per batch; 1 000 by default. */
  readonly batchSize?: number;
  readonly onProgress?: ProgressCallback;
}

/**
 * The keys a table already holds, so that a later row with the same primary key, or the same
 * value of a unique key (one without NULLs), is skipped as the engines skip it.
 *
 * @example
 * ```ts
 * const keys = new TableKeys(table);
 * if (keys.admit(values)) keep(values);
 * ```
 */
export class TableKeys {
  readonly #keys: { readonly indexes: readonly number[]; readonly seen: Set<string> }[];

  constructor(table: ProjectionTable) {
    const names = table.columns.map((column) => column.name);
    const indexesOf = (columns: readonly string[]) => columns.map((column) => names.indexOf(column));
    this.#keys = [table.primaryKey, ...(table.unique ?? [])].map((columns) => ({
      indexes: indexesOf(columns),
      seen: new Set<string>(),
    }));
  }

  /** The primary key's fingerprint of a row. */
  primaryKeyOf(values: readonly SqlValue[]): string {
    return keyFingerprint(encodeValues(this.#keys[0]!.indexes.map((index) => values[index] ?? null)));
  }

  /** True when a row with this primary key is held. */
  holds(primaryKey: string): boolean {
    return this.#keys[0]!.seen.has(primaryKey);
  }

  /** Records the row's keys and returns true, or returns false when one of them is taken. */
  admit(values: readonly SqlValue[]): boolean {
    const fingerprints = this.#keys.map(({ indexes }) => fingerprintOf(values, indexes));
    if (
      this.#keys.some(
        ({ seen }, index) => fingerprints[index] !== undefined && seen.has(fingerprints[index]!),
      )
    ) {
      return false;
    }
    this.#keys.forEach(({ seen }, index) => {
      if (fingerprints[index] !== undefined) seen.add(fingerprints[index]!);
    });
    return true;
  }
}

/**
 * Empty {@link TableKeys} for each of a projection's tables, by table name.
 *
 * @example
 * ```ts
 * const keys = tableKeysOf(projection);
 * ```
 */
export function tableKeysOf(projection: Projection): Map<string, TableKeys> {
  return new Map(projection.tables.map((table) => [table.name, new TableKeys(table)]));
}

/** A key's fingerprint; undefined for a unique key with a NULL (NULLs never conflict). */
function fingerprintOf(values: readonly SqlValue[], indexes: readonly number[]): string | undefined {
  const key = indexes.map((index) => values[index] ?? null);
  return key.some((value) => value === null) ? undefined : keyFingerprint(encodeValues(key));
}

/**
 * Replays the log through projections' declared {@link Projection.rows} in one pass, each up to
 * its own position, and hands every row each table keeps to its target. Nothing is written
 * anywhere. Memory holds one batch of events, each table's key fingerprints, and the ledger's
 * bounded cache of streams' earlier facts ({@link StreamHistories}) for projections that read
 * `history`. Resolves to the number of events read.
 *
 * @throws ValidationError when a projection returns a row for a table it does not declare, or a
 *   row with the wrong number of values.
 * @example
 * ```ts
 * const read = await replayRows(ledger, [{ projection, upTo: head, keys: tableKeysOf(projection), onRow: (table, values) => rows.push(values) }]);
 * ```
 */
export async function replayRows(
  ledger: Ledger,
  targets: readonly ReplayTarget[],
  options: ReplayOptions = {},
): Promise<number> {
  const upTo = Math.max(0, ...targets.map((target) => target.upTo));
  if (targets.length === 0 || upTo === 0) return 0;
  const prepared = targets.map((target) => ({
    target,
    wanted:
      target.projection.eventTypes === undefined ? undefined : new Set<string>(target.projection.eventTypes),
    tables: new Map(
      target.projection.tables.map((table) => [
        table.name,
        { table, keys: target.keys.get(table.name) ?? new TableKeys(table) },
      ]),
    ),
  }));
  const needsHistory = targets.some((target) => target.projection.history === true);
  // The same histories as the ledger's own runs, so that a projection sees the same facts.
  const histories = needsHistory ? new StreamHistories(ledger.store) : undefined;
  const types = needsHistory ? undefined : unionOfTypes(targets.map((target) => target.projection));
  const started = performance.now();
  let read = 0;
  for await (const batch of ledger.store.readAllBatches({
    upTo,
    batchSize: options.batchSize ?? 1_000,
    ...(types === undefined ? {} : { types }),
  })) {
    await histories?.load(batch);
    for (const event of batch) {
      const wanting = prepared.filter(
        ({ target, wanted }) =>
          event.position <= target.upTo && (wanted === undefined || wanted.has(event.type)),
      );
      const earlier = wanting.some(({ target }) => target.projection.history === true)
        ? histories!.before(event)
        : NO_HISTORY;
      for (const { target, tables } of wanting) {
        const facts = target.projection.history === true ? earlier : NO_HISTORY;
        for (const row of target.projection.rows(event, facts)) {
          const found = tables.get(row.table);
          if (found === undefined) {
            throw new ValidationError(
              `Projection ${target.projection.name} returned a row for table '${row.table}', which it does not declare (it declares ${[...tables.keys()].join(', ')}).`,
              [{ path: ['projections', target.projection.name, 'rows'], message: 'undeclared table' }],
            );
          }
          if (row.values.length !== found.table.columns.length) {
            throw new ValidationError(
              `Projection ${target.projection.name} returned a row of ${row.values.length} values for table '${row.table}', which has ${found.table.columns.length} columns.`,
              [{ path: ['projections', target.projection.name, 'rows'], message: 'wrong number of values' }],
            );
          }
          if (found.keys.admit(row.values)) await target.onRow(found.table, row.values);
        }
      }
    }
    read += batch.length;
    const done = batch[batch.length - 1]!.position;
    const seconds = (performance.now() - started) / 1000;
    options.onProgress?.({ done, total: upTo, rate: seconds > 0 ? Math.round(done / seconds) : done });
  }
  return read;
}

function unionOfTypes(projections: readonly Projection[]): EventType[] | undefined {
  const types = new Set<EventType>();
  for (const projection of projections) {
    if (projection.eventTypes === undefined) return undefined;
    for (const type of projection.eventTypes) types.add(type);
  }
  return [...types];
}
