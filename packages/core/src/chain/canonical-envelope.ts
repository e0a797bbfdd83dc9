/**
 * The stored fields of an event that its hash covers: everything except the hashes themselves.
 *
 * @example
 * ```ts
 * const fields: HashedFields = { position: 1, eventId, stream: 'action:X1', streamVersion: 1, type: 'ActionRegistered', schemaVersion: 1, dataJson, effectiveOn: '2023-04-01', recordedAt, actor: null, source: null, correlationId: null, causationId: null, idempotencyKey: null };
 * ```
 */
export interface HashedFields {
  readonly position: number;
  readonly eventId: string;
  readonly stream: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  /** The data exactly as stored: RFC 8785 canonical JSON text. */
  readonly dataJson: string;
  readonly effectiveOn: string;
  readonly recordedAt: string;
  readonly actor: string | null;
  readonly source: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly idempotencyKey: string | null;
}

/**
 * The RFC 8785 canonical JSON of a stored envelope. The keys are fixed, so they are written in
 * their canonical (sorted) order directly rather than sorted per event: this runs on every
 * append and on every verified row. Strings and integers are serialised by `JSON.stringify`,
 * which is exactly RFC 8785's rule for them; `data` is already canonical when stored. A property
 * test checks the result against the `canonicalize` library.
 *
 * @example
 * ```ts
 * const json = canonicalEnvelope({ position: 1, eventId, stream: 'action:X', ... });
 * ```
 */
export function canonicalEnvelope(fields: HashedFields): string {
  const s = JSON.stringify;
  return (
    `{"actor":${s(fields.actor)},"causationId":${s(fields.causationId)},"correlationId":${s(fields.correlationId)}` +
    `,"data":${fields.dataJson},"effectiveOn":${s(fields.effectiveOn)},"eventId":${s(fields.eventId)}` +
    `,"idempotencyKey":${s(fields.idempotencyKey)},"position":${fields.position},"recordedAt":${s(fields.recordedAt)}` +
    `,"schemaVersion":${fields.schemaVersion},"source":${s(fields.source)},"stream":${s(fields.stream)}` +
    `,"streamVersion":${fields.streamVersion},"type":${s(fields.type)}}`
  );
}
