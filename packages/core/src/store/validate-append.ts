import canonicalize from 'canonicalize';
import type { z } from 'zod';
import { describeValue } from '../errors/describe-value.js';
import { ValidationError, type ValidationIssue } from '../errors/index.js';
import {
  type EventMetadata,
  type EventType,
  eventCatalogue,
  exactText,
  isEventType,
} from '../events/index.js';
import {
  type BusinessDate,
  isBusinessDate,
  isWritableBusinessDate,
  outOfRangeReason,
} from '../time/index.js';
import type { AppendRequest } from './event-store.js';

/** An event whose data has been validated and serialised to canonical JSON, ready to store. */
export interface PreparedEvent {
  readonly type: EventType;
  readonly data: unknown;
  readonly dataJson: string;
  readonly effectiveOn: BusinessDate;
}

/** A request whose events are all prepared. */
export interface PreparedRequest extends Omit<AppendRequest, 'events'> {
  readonly events: readonly PreparedEvent[];
}

// Stream names and metadata are stored verbatim, so surrounding spaces are refused, not trimmed.
const streamName = exactText(200);
const metadataField = exactText(500);

// Stream names recently found valid. Validation is a pure function of the name and an append
// revisits the same few thousand streams, so each is parsed once rather than on every append.
const validStreams = new Set<string>();
const VALID_STREAMS_KEPT = 10_000;

function rememberValidStream(stream: string): void {
  if (validStreams.size >= VALID_STREAMS_KEPT) validStreams.clear();
  validStreams.add(stream);
}

/**
 * Validates everything an append will write before the transaction starts, collecting every
 * problem (not just the first) into one {@link ValidationError}.
 */
export function validateAppendInput(
  requests: readonly AppendRequest[],
  metadata: EventMetadata,
): PreparedRequest[] {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(requests)) throw new ValidationError('An append takes a list of requests.');
  issues.push(...metadataIssues(metadata));
  const prepared = requests.map((request, r): PreparedRequest => {
    const stream: unknown = request?.stream;
    if (!(typeof stream === 'string' && validStreams.has(stream))) {
      const parsed = streamName.safeParse(stream);
      if (parsed.success) rememberValidStream(stream as string);
      else collect(parsed, ['requests', r, 'stream'], issues);
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
    const events: readonly AppendRequest['events'][number][] = Array.isArray(request?.events)
      ? request.events
      : [];
    if (!Array.isArray(request?.events))
      issues.push({ path: ['requests', r, 'events'], message: 'must be a list' });
    return {
      ...request,
      events: events.map((event, e): PreparedEvent => {
        const type: unknown = event?.type;
        if (typeof type !== 'string' || !isEventType(type)) {
          issues.push({
            path: ['requests', r, 'events', e, 'type'],
            message: `unknown event type ${describeValue(type)}`,
          });
          return { type: 'CommentAdded', data: null, dataJson: 'null', effectiveOn: '' as BusinessDate };
        }
        if (typeof event.effectiveOn !== 'string' || !isBusinessDate(event.effectiveOn)) {
          issues.push({
            path: ['requests', r, 'events', e, 'effectiveOn'],
            message: 'must be a real calendar date YYYY-MM-DD',
          });
        } else if (!isWritableBusinessDate(event.effectiveOn)) {
          issues.push({
            path: ['requests', r, 'events', e, 'effectiveOn'],
            message: outOfRangeReason(event.effectiveOn),
          });
        }
        const parsed = eventCatalogue[type].schema.safeParse(event.data);
        if (!parsed.success) {
          collect(parsed, ['requests', r, 'events', e, 'data'], issues);
          return { type, data: null, dataJson: 'null', effectiveOn: event.effectiveOn };
        }
        return {
          type,
          data: parsed.data,
          dataJson: canonicalize(parsed.data) ?? 'null',
          effectiveOn: event.effectiveOn,
        };
      }),
    };
  });
  if (issues.length > 0) {
    throw new ValidationError(
      `The append was refused; nothing was written: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return prepared;
}

/**
 * Checks an append's metadata on its own: an object whose fields, when present, are short clean
 * strings. `executeAll` calls it before anything reads the idempotency key, so a key of the
 * wrong type is refused rather than passed to SQLite.
 *
 * @example
 * ```ts
 * validateMetadata({ actor: 'j.smith', idempotencyKey: 'import:q3.csv' });
 * ```
 */
export function validateMetadata(metadata: EventMetadata): void {
  const issues = metadataIssues(metadata);
  if (issues.length > 0) {
    throw new ValidationError(
      `The append was refused; nothing was written: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
}

function metadataIssues(metadata: EventMetadata): ValidationIssue[] {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    return [{ path: ['metadata'], message: 'must be an object' }];
  }
  const issues: ValidationIssue[] = [];
  for (const key of ['actor', 'source', 'correlationId', 'causationId', 'idempotencyKey'] as const) {
    const value = metadata[key];
    if (value !== undefined) collect(metadataField.safeParse(value), ['metadata', key], issues);
  }
  return issues;
}

function collect(
  result: z.ZodSafeParseResult<unknown>,
  path: readonly (string | number)[],
  issues: ValidationIssue[],
) {
  if (result.success) return;
  for (const issue of result.error.issues) {
    issues.push({
      path: [...path, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: issue.message,
    });
  }
}
