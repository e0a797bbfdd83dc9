import canonicalize from 'canonicalize';
import { uuidv7 } from 'uuidv7';
import { eventHash } from '../chain/event-hash.js';
import type { EventType } from '../events/index.js';
import { eventCatalogue } from '../events/index.js';
import type { Ledger } from '../ledger/ledger.js';
import { formatRecordedAt, parseRecordedAt } from '../store/recorded-clock.js';

/**
 * An event as an older build might have stored it: any data and any effective date, with no
 * schema check. Used to prove that reading never refuses what an earlier release wrote.
 *
 * @example
 * ```ts
 * const legacy: OlderBuildEvent = { stream: 'action:A1', type: 'ActionRegistered', effectiveOn: '2019-06-30', data: { ...registered, dueDate: '9999-12-31' } };
 * ```
 */
export interface OlderBuildEvent {
  readonly stream: string;
  readonly type: EventType;
  readonly data: unknown;
  readonly effectiveOn: string;
  readonly actor?: string;
}

/**
 * Appends events exactly as an older build could have written them: a raw insert that skips
 * every schema and rule of this build (today's business-date range included) but keeps the
 * hash chain, the head and the recorded-time axis valid, so `verify` still passes. Inline
 * projections do not see these events; run a `ProjectionRunner` (or `perfledger rebuild`)
 * afterwards, as an upgraded installation would.
 *
 * For tests only: a production ledger must never be written this way.
 *
 * @example
 * ```ts
 * appendAsOlderBuild(ledger, [{ stream: 'action:A1', type: 'ActionRegistered', effectiveOn: '2019-06-30', data }]);
 * ledger.verify().ok; // true
 * ```
 */
export function appendAsOlderBuild(ledger: Ledger, events: readonly OlderBuildEvent[]): void {
  ledger.store.transaction((db) => {
    const head = db.prepare('SELECT position, hash, recorded_at FROM ledger_head WHERE id = 1').get() as {
      position: number;
      hash: string;
      recorded_at: string;
    };
    let position = head.position;
    let prevHash = head.hash;
    let micros = head.recorded_at === '' ? Date.now() * 1000 : parseRecordedAt(head.recorded_at);
    const insert = db.prepare(
      `INSERT INTO events (position, event_id, stream, stream_version, type, schema_version, data, effective_on,
         recorded_at, actor, source, correlation_id, causation_id, idempotency_key, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, ?, ?)`,
    );
    const versionOf = db.prepare('SELECT max(stream_version) AS v FROM events WHERE stream = ?');
    for (const event of events) {
      position += 1;
      micros = Math.max(micros + 1, Date.now() * 1000);
      const recordedAt = formatRecordedAt(micros);
      const streamVersion = ((versionOf.get(event.stream) as { v: number | null }).v ?? 0) + 1;
      const fields = {
        position,
        eventId: uuidv7(),
        stream: event.stream,
        streamVersion,
        type: event.type,
        schemaVersion: eventCatalogue[event.type].schemaVersion,
        dataJson: canonicalize(event.data) ?? 'null',
        effectiveOn: event.effectiveOn,
        recordedAt,
        actor: event.actor ?? null,
        source: null,
        correlationId: null,
        causationId: null,
        idempotencyKey: null,
      };
      const hash = eventHash(prevHash, fields);
      insert.run(
        position,
        fields.eventId,
        fields.stream,
        streamVersion,
        fields.type,
        fields.schemaVersion,
        fields.dataJson,
        fields.effectiveOn,
        recordedAt,
        fields.actor,
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
  });
}
