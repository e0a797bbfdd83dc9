import type { EventRowTuple } from '../chain/chain-row-of.js';
import type { EventEnvelope, GlobalPosition } from '../events/envelope.js';
import { eventCatalogue, isEventType } from '../events/event-catalogue.js';
import type { UpcasterChain } from '../events/upcasters.js';
import { mayHoldPersonalData, type PersonalLookup } from '../personal-data/personal-marker.js';
import { restorePersonalData } from '../personal-data/restore-personal-data.js';
import type { EventFact } from './event-store.js';

/** A raw row of the facts read: position, stream version, type, schema version, data, effective date. */
export type FactRowTuple = readonly [number, number, string, number, string, string];

/**
 * Turns stored rows into what the port returns: the text of personal-data fields put back from
 * the side tables (checked against the salted digests in the stored data, see
 * `restorePersonalData`), then stored data brought to the current schema with the store's
 * upcasters (stored bytes, and so the hash chain, are never rewritten). `personal` looks up a
 * row's side-table records; an engine whose reads are asynchronous reads a batch's records
 * first and passes them to each call instead.
 *
 * @example
 * ```ts
 * const codec = new RowCodec(new UpcasterChain(upcasters));
 * const envelope = codec.envelope(row);
 * ```
 */
export class RowCodec {
  readonly #upcasters: UpcasterChain;
  readonly #personal: PersonalLookup | undefined;

  constructor(upcasters: UpcasterChain, personal?: PersonalLookup) {
    this.#upcasters = upcasters;
    this.#personal = personal;
  }

  /**
   * The data of a stored event, its personal text put back and upcast to the current version of
   * its type. `position` and `personal` are needed only when the data holds markers.
   */
  data(
    type: string,
    schemaVersion: number,
    json: string,
    position = 0,
    personal: PersonalLookup | undefined = this.#personal,
  ): unknown {
    const parsed = JSON.parse(json) as unknown;
    const stored = mayHoldPersonalData(json)
      ? restorePersonalData(position, parsed, personal?.(position))
      : parsed;
    return this.#upcasters.isEmpty && !needsUpcast(type, schemaVersion)
      ? stored
      : this.#upcasters.toCurrent(type, schemaVersion, stored);
  }

  /** A whole envelope from a row in `EVENT_COLUMNS` order. */
  envelope(row: EventRowTuple, personal?: PersonalLookup): EventEnvelope {
    return {
      type: row[4],
      data: this.data(row[4], row[5], row[6], row[0], personal ?? this.#personal),
      eventId: row[1],
      stream: row[2],
      streamVersion: row[3],
      position: row[0] as GlobalPosition,
      schemaVersion: row[5],
      effectiveOn: row[7],
      recordedAt: row[8],
      actor: row[9],
      source: row[10],
      correlationId: row[11],
      causationId: row[12],
      idempotencyKey: row[13],
      prevHash: row[14],
      hash: row[15],
    } as EventEnvelope;
  }

  /** A fact (no metadata or hashes) of `stream` from a facts row. */
  fact(
    stream: string,
    [position, streamVersion, type, schemaVersion, json, effectiveOn]: FactRowTuple,
    personal?: PersonalLookup,
  ): EventFact {
    return {
      type,
      data: this.data(type, schemaVersion, json, position, personal ?? this.#personal),
      stream,
      streamVersion,
      position,
      effectiveOn,
    } as EventFact;
  }
}

function needsUpcast(type: string, schemaVersion: number): boolean {
  return isEventType(type) && eventCatalogue[type].schemaVersion !== schemaVersion;
}
