import {
  eventCatalogue,
  eventHash,
  formatRecordedAt,
  isEventType,
  nextRecordedMicros,
  parseRecordedAt,
} from '@perfledger/core/internal';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { uuidv7 } from 'uuidv7';
import { completeStoredTree } from './stored-tree.js';

/**
 * One event as an older build might have stored it: any data at all, unchecked.
 *
 * @example
 * ```ts
 * const legacy: LegacyEvent = {
 *   stream: 'action:DC02', type: 'CommentAdded', effectiveOn: '2019-09-30',
 *   data: { comment: 'Approved \u202Edevorppa ton' },
 * };
 * ```
 */
export interface LegacyEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
  readonly effectiveOn: string;
  /** The catalogue's current version for the type when omitted. */
  readonly schemaVersion?: number;
  readonly actor?: string | null;
  readonly source?: string | null;
  readonly correlationId?: string | null;
}

/**
 * Appends events to the ledger file exactly as an older, less strict build would have: correctly
 * chained (each hash over the previous one, the head moved, recorded times increasing), but with
 * no validation of stream names, metadata or data. Events can never change, so the read side must
 * render whatever such a build stored; this is how tests create that history. The ledger should
 * be closed (or idle) while this runs; its projections catch up the next time they start.
 *
 * For tests only: nothing in perfledger itself writes without validation.
 *
 * @example
 * ```ts
 * const { file, ledger } = await createTempLedger();
 * await ledger.close();
 * writeLegacyEvents(file, [{ stream: 'action:DC02', type: 'ActionRegistered', effectiveOn: '2019-04-01', data: { ...registration, title: 'Pay \u202E0001£' } }]);
 * ```
 */
export function writeLegacyEvents(
  file: string,
  events: readonly LegacyEvent[],
): { firstPosition: number; lastPosition: number } {
  const db = new Database(file, { fileMustExist: true, timeout: 5_000 });
  try {
    return db.transaction(() => insertLegacyEvents(db, events)).immediate();
  } finally {
    db.close();
  }
}

/**
 * The rows {@link writeLegacyEvents} and `appendAsOlderBuild` write, inside the caller's write
 * transaction: each event chained onto the head, with a recorded time after the last one, and the
 * head moved to the last of them.
 *
 * @example
 * ```ts
 * db.transaction(() => insertLegacyEvents(db, events)).immediate();
 * ```
 */
export function insertLegacyEvents(
  db: Database.Database,
  events: readonly LegacyEvent[],
): { firstPosition: number; lastPosition: number } {
  const versionOf = db.prepare('SELECT max(stream_version) AS version FROM events WHERE stream = ?');
  const insert = db.prepare(
    `INSERT INTO events (position, event_id, stream, stream_version, type, schema_version, data, effective_on,
       recorded_at, actor, source, correlation_id, causation_id, idempotency_key, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)`,
  );
  const head = db.prepare('SELECT position, hash, recorded_at FROM ledger_head WHERE id = 1').get() as {
    position: number;
    hash: string;
    recorded_at: string;
  };
  let position = head.position;
  let prevHash = head.hash;
  let micros = head.recorded_at === '' ? 0 : parseRecordedAt(head.recorded_at);
  for (const event of events) {
    position += 1;
    micros = nextRecordedMicros(() => new Date(), micros);
    const { version } = versionOf.get(event.stream) as { version: number | null };
    const fields = {
      position,
      eventId: uuidv7(),
      stream: event.stream,
      streamVersion: (version ?? 0) + 1,
      type: event.type,
      schemaVersion:
        event.schemaVersion ?? (isEventType(event.type) ? eventCatalogue[event.type].schemaVersion : 1),
      dataJson: canonicalize(event.data) ?? 'null',
      effectiveOn: event.effectiveOn,
      recordedAt: formatRecordedAt(micros),
      actor: event.actor ?? null,
      source: event.source ?? null,
      correlationId: event.correlationId ?? null,
      causationId: null,
      idempotencyKey: null,
    };
    const hash = eventHash(prevHash, fields);
    insert.run(
      fields.position,
      fields.eventId,
      fields.stream,
      fields.streamVersion,
      fields.type,
      fields.schemaVersion,
      fields.dataJson,
      fields.effectiveOn,
      fields.recordedAt,
      fields.actor,
      fields.source,
      fields.correlationId,
      prevHash,
      hash,
    );
    prevHash = hash;
  }
  db.prepare('UPDATE ledger_head SET position = ?, hash = ?, recorded_at = ? WHERE id = 1').run(
    position,
    prevHash,
    formatRecordedAt(micros),
  );
  completeStoredTree(db);
  return { firstPosition: head.position + 1, lastPosition: position };
}
