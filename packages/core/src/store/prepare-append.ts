import canonicalize from 'canonicalize';
import { ValidationError, type ValidationIssue } from '../errors/index.js';
import type { EventMetadata } from '../events/envelope.js';
import { eventCatalogue } from '../events/event-catalogue.js';
import type { PersonalText } from '../personal-data/personal-marker.js';
import { givenMarkers, sealPersonalData } from '../personal-data/seal-personal-data.js';
import type { BusinessDate } from '../time/business-date.js';
import type { AppendRequest } from './event-store.js';
import {
  appendRefusal,
  checkEffectiveOn,
  checkEventType,
  checkRequestShape,
  validateMetadata,
} from './validate-append.js';

/** An event ready for the row: its type, data (as given and as canonical JSON), and schema version. */
export interface RowEvent {
  readonly type: string;
  readonly data: unknown;
  readonly dataJson: string;
  readonly schemaVersion: number;
  readonly effectiveOn: BusinessDate;
  /**
   * The texts of the event's personal-data fields, set apart for the side table: `dataJson` holds
   * their salted digests instead (see `sealPersonalData`). Empty for most events.
   */
  readonly personal: readonly PersonalText[];
}

/** A request whose events are ready for their rows. */
export interface RowRequest {
  readonly stream: string;
  readonly expectedVersion: AppendRequest['expectedVersion'];
  readonly events: readonly RowEvent[];
}

/**
 * Checks what the store itself needs of an append, before its transaction starts, and serialises
 * each event's data to RFC 8785 canonical JSON (what is stored and hashed). The store checks the
 * shape only: stream names, expected versions, metadata, effective dates that are calendar dates,
 * and event types it can give a schema version (core's shared checks, `checkRequestShape`,
 * `checkEventType` and `checkEffectiveOn`, so that the store and the ledger word them alike). Whether the data fits the event's schema, and
 * rules such as "ActionRegistered is a stream's first event", are domain rules: the ledger
 * (`createLedger` in core) checks them before it appends.
 *
 * A personal-data marker given in the data is refused: markers are made by {@link sealRowEvent},
 * which an engine applies inside the append's transaction when the ledger's personal data is
 * erasable (see `personalDataFormatOf`).
 *
 * @example
 * ```ts
 * const ready = prepareAppend([{ stream: 'action:A1', events: [comment] }], { actor: 'me' });
 * ```
 */
export function prepareAppend(requests: readonly AppendRequest[], metadata: EventMetadata): RowRequest[] {
  if (!Array.isArray(requests)) throw new ValidationError('An append takes a list of requests.');
  validateMetadata(metadata);
  const issues: ValidationIssue[] = [];
  const prepared = requests.map(
    (request, r): RowRequest => ({
      stream: request?.stream,
      expectedVersion: request?.expectedVersion,
      events: checkRequestShape(request, r, issues).map((event, e): RowEvent => {
        const path = ['requests', r, 'events', e];
        const type: unknown = event?.type;
        const known = checkEventType(type, path, issues);
        checkEffectiveOn(event?.effectiveOn, path, issues);
        for (const field of givenMarkers(event?.data)) {
          issues.push({
            path: [...path, 'data', field],
            message: 'is a personal-data marker; give the text (the ledger makes the marker)',
          });
        }
        const dataJson = canonicalJson(event?.data);
        if (dataJson === undefined) issues.push({ path: [...path, 'data'], message: 'is not JSON data' });
        return {
          type: type as string,
          data: event?.data,
          dataJson: dataJson ?? 'null',
          personal: [],
          schemaVersion: known ? eventCatalogue[type].schemaVersion : 0,
          effectiveOn: event?.effectiveOn,
        };
      }),
    }),
  );
  if (issues.length > 0) throw appendRefusal(issues);
  return prepared;
}

/**
 * The event with its personal-data fields sealed (`sealPersonalData`): their text replaced in
 * `dataJson` by salted digests and returned in `personal`, for the engine to write to its side
 * table in the same transaction. An event without personal text is returned as it is.
 *
 * @example
 * ```ts
 * const row = erasable ? sealRowEvent(event) : event;
 * ```
 */
export function sealRowEvent(event: RowEvent): RowEvent {
  const sealed = sealPersonalData(event.type, event.data);
  if (sealed.texts.length === 0) return event;
  return { ...event, dataJson: canonicalJson(sealed.data) ?? 'null', personal: sealed.texts };
}

// Canonical JSON, or undefined for what JSON cannot hold (canonicalize throws a TypeError on a
// BigInt or a cycle, which would escape as a raw error instead of the append's refusal).
function canonicalJson(data: unknown): string | undefined {
  try {
    return canonicalize(data);
  } catch {
    return undefined;
  }
}
