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

/**
 * An event whose data has been parsed by its catalogue schema (trimmed, defaults applied). The
 * store serialises it to canonical JSON once, when it writes the row.
 */
export interface PreparedEvent {
  readonly type: EventType;
  readonly data: unknown;
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
 *
 * @example
 * ```ts
 * const [request] = validateAppendInput([{ stream: 'action:A1', events: [comment] }], { actor: 'me' });
 * ```
 */
export function validateAppendInput(
  requests: readonly AppendRequest[],
  metadata: EventMetadata,
): PreparedRequest[] {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(requests)) throw new ValidationError('An append takes a list of requests.');
  issues.push(...metadataIssues(metadata));
  const prepared = requests.map(
    (request, r): PreparedRequest => ({
      ...request,
      events: checkRequestShape(request, r, issues).map((event, e): PreparedEvent => {
        const path = ['requests', r, 'events', e];
        const type: unknown = event?.type;
        if (!checkEventType(type, path, issues)) {
          return { type: 'CommentAdded', data: null, effectiveOn: '' as BusinessDate };
        }
        if (checkEffectiveOn(event.effectiveOn, path, issues) && !isWritableBusinessDate(event.effectiveOn)) {
          issues.push({ path: [...path, 'effectiveOn'], message: outOfRangeReason(event.effectiveOn) });
        }
        const parsed = eventCatalogue[type].schema.safeParse(event.data);
        if (!parsed.success) {
          collect(parsed, [...path, 'data'], issues);
          return { type, data: null, effectiveOn: event.effectiveOn };
        }
        return { type, data: parsed.data, effectiveOn: event.effectiveOn };
      }),
    }),
  );
  if (issues.length > 0) throw appendRefusal(issues);
  return prepared;
}

/**
 * The shape checks of one append request that every store and the ledger share: a stream name
 * (non-empty, at most 200 characters, no surrounding spaces or hidden characters), an expected
 * version that is a non-negative integer, `'no-stream'`, `'exists'` or `'any'`, and a list of
 * events. Pushes an issue (path `requests.<r>.…`) for each that fails and returns the request's
 * events, or none when they are not a list.
 *
 * @example
 * ```ts
 * const issues: ValidationIssue[] = [];
 * const events = checkRequestShape({ stream: ' a', events: [] }, 0, issues);
 * // issues: [{ path: ['requests', 0, 'stream'], message: … }]
 * ```
 */
export function checkRequestShape(
  request: AppendRequest,
  r: number,
  issues: ValidationIssue[],
): readonly AppendRequest['events'][number][] {
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
  if (Array.isArray(request?.events)) return request.events;
  issues.push({ path: ['requests', r, 'events'], message: 'must be a list' });
  return [];
}

/**
 * Whether an event's type is one of the catalogue's; pushes an issue at `<path>.type` naming the
 * value (shown safely) when it is not.
 *
 * @example
 * ```ts
 * if (checkEventType(event.type, ['requests', 0, 'events', 0], issues)) eventCatalogue[event.type];
 * ```
 */
export function checkEventType(
  type: unknown,
  path: readonly (string | number)[],
  issues: ValidationIssue[],
): type is EventType {
  if (typeof type === 'string' && isEventType(type)) return true;
  issues.push({ path: [...path, 'type'], message: `unknown event type ${describeValue(type)}` });
  return false;
}

/**
 * Whether an event's effective date is a real calendar date YYYY-MM-DD; pushes an issue at
 * `<path>.effectiveOn` when it is not. (Whether the date is in the writable range is the ledger's
 * rule, not a store's.)
 *
 * @example
 * ```ts
 * checkEffectiveOn('2025-02-30', ['requests', 0, 'events', 0], issues); // false, one issue
 * ```
 */
export function checkEffectiveOn(
  effectiveOn: unknown,
  path: readonly (string | number)[],
  issues: ValidationIssue[],
): effectiveOn is BusinessDate {
  if (typeof effectiveOn === 'string' && isBusinessDate(effectiveOn)) return true;
  issues.push({ path: [...path, 'effectiveOn'], message: 'must be a real calendar date YYYY-MM-DD' });
  return false;
}

/**
 * The one refusal of an append with problems: a {@link ValidationError} that lists every issue
 * and says nothing was written.
 *
 * @example
 * ```ts
 * if (issues.length > 0) throw appendRefusal(issues);
 * ```
 */
export function appendRefusal(issues: readonly ValidationIssue[]): ValidationError {
  return new ValidationError(
    `The append was refused; nothing was written: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    issues,
  );
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
  if (issues.length > 0) throw appendRefusal(issues);
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
