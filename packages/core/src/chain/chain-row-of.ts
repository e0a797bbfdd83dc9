import type { ChainRow } from './chain-verifier.js';

/**
 * The columns of the `events` table, in the order {@link chainRowOf} reads them. Selecting them in
 * this order (`SELECT ${EVENT_COLUMNS} FROM events`, raw mode) gives tuples a verifier can check.
 */
export const EVENT_COLUMNS =
  'position, event_id, stream, stream_version, type, schema_version, data, effective_on, recorded_at, actor, source, correlation_id, causation_id, idempotency_key, prev_hash, hash';

/** A raw row of the `events` table, in {@link EVENT_COLUMNS} order. */
export type EventRowTuple = readonly [
  number,
  string,
  string,
  number,
  string,
  number,
  string,
  string,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string,
  string,
];

/**
 * The fields a {@link ChainVerifier} checks, from a raw `events` row: lets any tool walk the chain
 * over rows it reads itself (an auditor's script, a benchmark) with exactly the ledger's rules.
 *
 * @example
 * ```ts
 * const verifier = new ChainVerifier();
 * for (const row of db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY position`).raw().iterate()) {
 *   if (!verifier.push(chainRowOf(row as EventRowTuple))) break;
 * }
 * ```
 */
export function chainRowOf(row: EventRowTuple): ChainRow {
  return {
    position: row[0],
    eventId: row[1],
    stream: row[2],
    streamVersion: row[3],
    type: row[4],
    schemaVersion: row[5],
    dataJson: row[6],
    effectiveOn: row[7],
    recordedAt: row[8],
    actor: row[9],
    source: row[10],
    correlationId: row[11],
    causationId: row[12],
    idempotencyKey: row[13],
    prevHash: row[14],
    hash: row[15],
  };
}
