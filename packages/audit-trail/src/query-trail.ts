import { formatRecordedAt, type Ledger, parseRecordedAt } from '@perfledger/core';
import { AUDIT_ROW_COLUMNS, type AuditRow } from './audit-row.js';
import { AUDIT_TRAIL_TABLE } from './audit-trail-table.js';
import { type CompiledFilter, compileTrailFilter, type TrailFilter } from './trail-filter.js';
import { trailPosition } from './trail-position.js';

/** The rows each batch of {@link streamTrail} holds. */
const BATCH_SIZE = 1_000;

/** The checked filter as one portable statement pinned to one position. */
async function trailStatement(
  ledger: Ledger,
  filter: TrailFilter,
  where: string,
): Promise<{ sql: string; params: (string | number | null)[] }> {
  const compiled = compileTrailFilter(filter, where);
  const upTo = await trailPosition(ledger, compiled.knownAt);
  const { after, upTo: last } = await recordedPositions(ledger, compiled, upTo);
  const sql = `SELECT ${AUDIT_ROW_COLUMNS} FROM ${AUDIT_TRAIL_TABLE}
    WHERE ${['position > ?', 'position <= ?', ...compiled.where].join(' AND ')} ORDER BY position, seq`;
  return { sql, params: [after, last, ...compiled.params] };
}

/**
 * The positions a recorded-time range covers. The ledger's recorded times strictly increase
 * with position, so "recorded from F to T" is the position range after the last event recorded
 * before F up to the last recorded at or before T: the primary key serves it, and no index on
 * `recorded_at` is needed. (The `recorded_at` conditions stay in the statement as well.)
 */
async function recordedPositions(
  ledger: Ledger,
  compiled: CompiledFilter,
  upTo: number,
): Promise<{ after: number; upTo: number }> {
  const after =
    compiled.recordedFrom === undefined
      ? 0
      : await ledger.positionAt(formatRecordedAt(parseRecordedAt(compiled.recordedFrom) - 1));
  const last =
    compiled.recordedTo === undefined ? upTo : Math.min(upTo, await ledger.positionAt(compiled.recordedTo));
  return { after, upTo: last };
}

/**
 * The field-level change trail, oldest recorded first (position, then field order), filtered,
 * as known at `knownAt` (now when omitted). Reads the `audit_trail` table, which must reflect
 * the log up to that point. For large trails, {@link streamTrail} holds one batch at a time.
 *
 * @throws ValidationError naming an unknown or misplaced key, or every bad filter value.
 * @throws ProjectionNotReadyError when the audit projection is not ready for the point asked about.
 * @example
 * ```ts
 * const revisions = await queryTrail(ledger, { field: 'dueDate', effectiveFrom: '2019-04-01', effectiveTo: '2020-03-31' });
 * for (const row of revisions) console.log(row.code, row.before, '→', row.after, row.reason);
 * ```
 */
export async function queryTrail(ledger: Ledger, filter: TrailFilter = {}): Promise<readonly AuditRow[]> {
  const { sql, params } = await trailStatement(ledger, filter, 'queryTrail options');
  const rows = await ledger.query.all<AuditRow>(sql, params);
  return Object.freeze(rows.map((row) => Object.freeze({ ...row })));
}

/**
 * The same rows as {@link queryTrail}, read a batch at a time so memory stays flat however long
 * the trail is: feed it to `trailCsvChunks` or `trailJsonChunks` to export a whole ledger.
 * The filter is checked, and the read pinned to one position, before this resolves.
 *
 * @throws ValidationError naming an unknown or misplaced key, or every bad filter value.
 * @throws ProjectionNotReadyError when the audit projection is not ready for the point asked about.
 * @example
 * ```ts
 * const rows = await streamTrail(ledger, { field: 'dueDate' });
 * for await (const chunk of trailCsvChunks(rows)) out.write(chunk);
 * ```
 */
export async function streamTrail(
  ledger: Ledger,
  filter: TrailFilter = {},
): Promise<AsyncIterable<AuditRow>> {
  const { sql, params } = await trailStatement(ledger, filter, 'streamTrail options');
  return {
    async *[Symbol.asyncIterator]() {
      for await (const batch of ledger.query.batches<AuditRow>(sql, params, BATCH_SIZE)) {
        for (const row of batch) yield Object.freeze({ ...row });
      }
    },
  };
}
