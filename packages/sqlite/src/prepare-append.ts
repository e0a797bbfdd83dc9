import {
  type AppendRequest,
  type BusinessDate,
  type EventMetadata,
  isBusinessDate,
  ValidationError,
  type ValidationIssue,
} from '@perfledger/core';
import { eventCatalogue, exactText, isEventType, validateMetadata } from '@perfledger/core/internal';
import canonicalize from 'canonicalize';

/** An event ready for the row: its type, data (as given and as canonical JSON), and schema version. */
export interface RowEvent {
  readonly type: string;
  readonly data: unknown;
  readonly dataJson: string;
  readonly schemaVersion: number;
  readonly effectiveOn: BusinessDate;
}

/** A request whose events are ready for their rows. */
export interface RowRequest {
  readonly stream: string;
  readonly expectedVersion: AppendRequest['expectedVersion'];
  readonly events: readonly RowEvent[];
}

// Stream names are stored verbatim, so surrounding spaces are refused, not trimmed.
const streamName = exactText(200);
// A pure function of the name, and an append revisits the same few thousand streams.
const validStreams = new Set<string>();
const VALID_STREAMS_KEPT = 10_000;

/**
 * Checks what the store itself needs of an append, before its transaction starts, and serialises
 * each event's data to RFC 8785 canonical JSON (what is stored and hashed). The store checks the
 * shape only: stream names, expected versions, metadata, effective dates that are calendar dates,
 * and event types it can give a schema version. Whether the data fits the event's schema, and
 * rules such as "ActionRegistered is a stream's first event", are domain rules: the ledger
 * (`createLedger` in core) checks them before it appends.
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
  const prepared = requests.map((request, r): RowRequest => {
    const stream: unknown = request?.stream;
    if (!(typeof stream === 'string' && validStreams.has(stream))) {
      const parsed = streamName.safeParse(stream);
      if (parsed.success) {
        if (validStreams.size >= VALID_STREAMS_KEPT) validStreams.clear();
        validStreams.add(stream as string);
      } else {
        for (const issue of parsed.error.issues) {
          issues.push({ path: ['requests', r, 'stream'], message: issue.message });
        }
      }
    }
    const expected = request?.expectedVersion;
    if (
      expected !== undefined &&
      expected !== 'any' &&
      expected !== 'exists' &&
      expected !== 'no-stream' &&
      !(Number.isSafeInteger(expected) && expected >= 0)
    ) {
      issues.push({
        path: ['requests', r, 'expectedVersion'],
        message: "must be a non-negative integer, 'no-stream', 'exists' or 'any'",
      });
    }
    if (!Array.isArray(request?.events)) {
      issues.push({ path: ['requests', r, 'events'], message: 'must be a list' });
      return { stream: stream as string, expectedVersion: expected, events: [] };
    }
    const events = (request.events as readonly AppendRequest['events'][number][]).map(
      (event, e): RowEvent => {
        const path = ['requests', r, 'events', e];
        const type: unknown = event?.type;
        const known = typeof type === 'string' && isEventType(type);
        if (!known) issues.push({ path: [...path, 'type'], message: `unknown event type ${String(type)}` });
        if (typeof event?.effectiveOn !== 'string' || !isBusinessDate(event.effectiveOn)) {
          issues.push({ path: [...path, 'effectiveOn'], message: 'must be a real calendar date YYYY-MM-DD' });
        }
        const dataJson = canonicalize(event?.data);
        if (dataJson === undefined) issues.push({ path: [...path, 'data'], message: 'is not JSON data' });
        return {
          type: type as string,
          data: event?.data,
          dataJson: dataJson ?? 'null',
          schemaVersion: known ? eventCatalogue[type].schemaVersion : 0,
          effectiveOn: event?.effectiveOn,
        };
      },
    );
    return { stream: stream as string, expectedVersion: expected, events };
  });
  if (issues.length > 0) {
    throw new ValidationError(
      `The append was refused; nothing was written: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return prepared;
}
