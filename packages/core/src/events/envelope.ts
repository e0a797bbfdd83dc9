import type { BusinessDate } from '../time/index.js';
import type { EventType, LedgerEvent } from './event-catalogue.js';

/** A position in the global log: 1 for the first event ever appended, with no gaps. */
export type GlobalPosition = number & { readonly __brand: 'GlobalPosition' };

/** An ISO-8601 UTC instant with microseconds, set by the ledger: `2024-01-15T09:30:00.123456Z`. */
export type RecordedAt = string & { readonly __brand: 'RecordedAt' };

/** Who and what caused an append; stored on every event of the append. */
export interface EventMetadata {
  /** The person or system that made the change ("j.smith", "import:q3.csv"). */
  readonly actor?: string | undefined;
  /** Where the change came from ("cli", "portal", a file name). */
  readonly source?: string | undefined;
  /** Groups the events of one business operation, across streams. */
  readonly correlationId?: string | undefined;
  /** The id of the event or message that caused this one. */
  readonly causationId?: string | undefined;
  /** Appending again with the same key returns the first result and writes nothing. */
  readonly idempotencyKey?: string | undefined;
}

/**
 * An event as stored: the domain event plus where and when it sits on both time axes.
 *
 * @example
 * ```ts
 * for (const e of ledger.readStream('action:FP1922_02')) console.log(e.streamVersion, e.type, e.effectiveOn, e.recordedAt);
 * ```
 */
export type EventEnvelope<TEvent extends LedgerEvent = LedgerEvent> = TEvent & {
  /** Time-ordered UUIDv7. */
  readonly eventId: string;
  /** One stream per action: `action:<code>`. */
  readonly stream: string;
  /** 1 for the stream's first event, then +1 with no gaps. */
  readonly streamVersion: number;
  readonly position: GlobalPosition;
  /** The version of the data's shape as stored (before any upcasting). */
  readonly schemaVersion: number;
  /** The business date the fact is true from. */
  readonly effectiveOn: BusinessDate;
  /** When the ledger recorded it; strictly increasing with position. */
  readonly recordedAt: RecordedAt;
  readonly actor: string | null;
  readonly source: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly idempotencyKey: string | null;
  /** SHA-256 of the previous event's hash and this envelope's canonical JSON, hex. */
  readonly hash: string;
  /** The previous event's hash (64 zeros for the first). */
  readonly prevHash: string;
};

/** An event ready to append: the domain event and the date it is effective on. */
export type PendingEvent<TEvent extends LedgerEvent = LedgerEvent> = TEvent & {
  readonly effectiveOn: BusinessDate;
};

/** The type name of an envelope, narrowed. */
export type EnvelopeOf<K extends EventType> = EventEnvelope<Extract<LedgerEvent, { type: K }>>;
