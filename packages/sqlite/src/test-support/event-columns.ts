import { EVENT_COLUMNS } from '@perfledger/core/internal';

/**
 * The columns of the `events` table, in {@link EVENT_COLUMNS} order, as a list a tampering test
 * can pick from.
 *
 * @example
 * ```ts
 * const column = fc.constantFrom(...EVENT_TABLE_COLUMNS);
 * ```
 */
export const EVENT_TABLE_COLUMNS = [
  'position',
  'event_id',
  'stream',
  'stream_version',
  'type',
  'schema_version',
  'data',
  'effective_on',
  'recorded_at',
  'actor',
  'source',
  'correlation_id',
  'causation_id',
  'idempotency_key',
  'prev_hash',
  'hash',
] as const;

/** A column of the `events` table. */
export type EventTableColumn = (typeof EVENT_TABLE_COLUMNS)[number];

/**
 * The `events` columns that hold integers; every other column holds text (or NULL).
 *
 * @example
 * ```ts
 * const isText = !INTEGER_EVENT_COLUMNS.includes(column);
 * ```
 */
export const INTEGER_EVENT_COLUMNS: readonly EventTableColumn[] = [
  'position',
  'stream_version',
  'schema_version',
];

// The list is written out for its literal types; core's column list is the one source.
if (EVENT_TABLE_COLUMNS.join(', ') !== EVENT_COLUMNS) {
  throw new Error(`EVENT_TABLE_COLUMNS no longer matches core's EVENT_COLUMNS: ${EVENT_COLUMNS}`);
}
