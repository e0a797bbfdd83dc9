import type { ChainRow } from '../chain/chain-verifier.js';
import { RuleViolationError } from '../errors/domain-errors.js';
import { ValidationError } from '../errors/validation-error.js';
import type { EventMetadata, PendingEvent } from '../events/envelope.js';
import { personalDataErasedSchema } from '../events/event-schemas.js';
import { assertOptions } from '../ledger/validate-arguments.js';
import type { AppendRequest, AppendResult, EventStore, StoreSession } from '../store/event-store.js';
import type { BusinessDate } from '../time/business-date.js';
import { personalFieldsOf } from './personal-data-fields.js';
import { markerDigest } from './personal-marker.js';

/**
 * The stream every `PersonalDataErased` event is appended to.
 *
 * @example
 * ```ts
 * await ledger.readStream(PERSONAL_DATA_STREAM); // every erasure, in order
 * ```
 */
export const PERSONAL_DATA_STREAM = 'personal-data';

/**
 * What `Ledger.erasePersonalData` erases, why, and who asked.
 *
 * @example
 * ```ts
 * const request: ErasePersonalDataRequest = { position: 12, fields: ['comment'], reason: 'SAR-2024-017', actor: 'dpo' };
 * ```
 */
export interface ErasePersonalDataRequest {
  /** The event whose personal data is erased, by id (give this or `position`). */
  readonly eventId?: string;
  /** The event whose personal data is erased, by position (give this or `eventId`). */
  readonly position?: number;
  /** The fields to erase; every field of the event still holding text when omitted. */
  readonly fields?: readonly string[];
  /** Why: the request or retention rule (recorded in the chain, so it must not name the person). */
  readonly reason: string;
  /** Who erased it: recorded as the erasure event's actor. */
  readonly actor: string;
}

/**
 * What an erasure did.
 *
 * @example
 * ```ts
 * const { fields, erasedOn }: ErasureResult = await ledger.erasePersonalData(request);
 * ```
 */
export interface ErasureResult {
  /** The erased event's position and id. */
  readonly position: number;
  readonly eventId: string;
  /** The fields whose text was erased. */
  readonly fields: readonly string[];
  /** The `PersonalDataErased` event's position. */
  readonly erasurePosition: number;
  /** The date erased fields now show: "[erased on DATE]". */
  readonly erasedOn: string;
}

const REQUEST_KEYS = ['eventId', 'position', 'fields', 'reason', 'actor'] as const;

/**
 * The parts of the ledger an erasure uses (its store, and its append with projection hooks).
 *
 * @example
 * ```ts
 * const context: ErasureContext = { store, today: ledger.today(), append: (session, requests, metadata) => session.append(requests, metadata) };
 * ```
 */
export interface ErasureContext {
  readonly store: EventStore;
  readonly today: BusinessDate;
  /** Appends inside the erasure's transaction, with the ledger's hooks. */
  readonly append: (
    session: StoreSession,
    requests: readonly AppendRequest[],
    metadata: EventMetadata,
  ) => Promise<AppendResult>;
}

/**
 * Erases the text of personal-data fields of one stored event: in one transaction, appends a
 * `PersonalDataErased` event naming the event, the fields and the reason (the engine deletes the
 * fields' side-table rows and records the erasure as it writes that event). The chain is not
 * touched: the event's hashed data keeps its salted digests, so the chain, the tree and every
 * proof still verify; the fields read as "[erased on DATE]" afterwards. Refused, writing
 * nothing, when the request is malformed (`ValidationError`), or the event has no such field
 * holding text: erased already, never personal, or recorded before erasable personal data, whose
 * text is in the chain itself (`RuleViolationError` `PERSONAL_DATA_NOT_ERASABLE`).
 *
 * @example
 * ```ts
 * await erasePersonalData(context, { position: 12, reason: 'SAR-2024-017', actor: 'dpo' });
 * ```
 */
export async function erasePersonalData(
  context: ErasureContext,
  request: ErasePersonalDataRequest,
): Promise<ErasureResult> {
  checkRequest(request);
  return context.store.transaction(async (session) => {
    const position = request.position ?? (await positionOfEventId(context.store, request.eventId as string));
    const row = await rowAt(context.store, position);
    const fields = erasableFields(row, request.fields);
    const data = personalDataErasedSchema.parse({
      position,
      eventId: row.eventId,
      fields,
      reason: request.reason,
    });
    const event = { type: 'PersonalDataErased', effectiveOn: context.today, data } as PendingEvent;
    const result = await context.append(session, [{ stream: PERSONAL_DATA_STREAM, events: [event] }], {
      actor: request.actor,
    });
    const erasure = result.events[0]!;
    return {
      position,
      eventId: row.eventId,
      fields,
      erasurePosition: erasure.position,
      erasedOn: erasure.recordedAt.slice(0, 10),
    };
  });
}

function checkRequest(request: ErasePersonalDataRequest): void {
  assertOptions(request, REQUEST_KEYS, 'erasePersonalData');
  const issues: { path: (string | number)[]; message: string }[] = [];
  const byId = request.eventId !== undefined;
  const byPosition = request.position !== undefined;
  if (byId === byPosition)
    issues.push({ path: ['position'], message: 'give exactly one of eventId and position' });
  if (byId && (typeof request.eventId !== 'string' || request.eventId.trim() === ''))
    issues.push({ path: ['eventId'], message: 'must be an event id' });
  if (byPosition && !(Number.isSafeInteger(request.position) && (request.position as number) >= 1))
    issues.push({ path: ['position'], message: 'must be a whole number from 1' });
  if (request.fields !== undefined && (!Array.isArray(request.fields) || request.fields.length === 0))
    issues.push({ path: ['fields'], message: 'must be a non-empty list of field names' });
  const reason = personalDataErasedSchema.shape.reason.safeParse(request.reason);
  if (!reason.success)
    issues.push({ path: ['reason'], message: reason.error.issues[0]?.message ?? 'is not valid' });
  if (typeof request.actor !== 'string' || request.actor.trim() === '')
    issues.push({ path: ['actor'], message: 'must name who erases (it is recorded as the actor)' });
  if (issues.length > 0) {
    throw new ValidationError(
      `erasePersonalData: ${issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}; nothing was written.`,
      issues,
    );
  }
}

async function positionOfEventId(store: EventStore, eventId: string): Promise<number> {
  const found = await store.query.get<{ position: unknown }>(
    'SELECT position FROM events WHERE event_id = ?',
    [eventId],
  );
  if (found === undefined) {
    throw new ValidationError(`erasePersonalData: no event has id ${eventId}; nothing was written.`, [
      { path: ['eventId'], message: 'no such event' },
    ]);
  }
  return Number(found.position);
}

async function rowAt(store: EventStore, position: number): Promise<ChainRow> {
  for await (const rows of store.chainRows(position - 1, position, 1)) {
    const row = rows.find((candidate) => candidate.position === position);
    if (row !== undefined) return row;
  }
  throw new ValidationError(
    `erasePersonalData: there is no event at position ${position}; nothing was written.`,
    [{ path: ['position'], message: 'no such event' }],
  );
}

/** The fields of `row` to erase: those asked for (or all), each sealed and still holding text. */
function erasableFields(row: ChainRow, asked: readonly string[] | undefined): string[] {
  const data = JSON.parse(row.dataJson) as Record<string, unknown>;
  const sealed = Object.keys(data).filter((field) => markerDigest(data[field]) !== undefined);
  const holding = new Set((row.personal?.texts ?? []).map((text) => text.field));
  const refuse = (message: string) =>
    new RuleViolationError(
      'PERSONAL_DATA_NOT_ERASABLE',
      `Cannot erase personal data of the ${row.type} event at position ${row.position}: ${message}; nothing was written.`,
    );
  if (row.type === 'PersonalDataErased') throw refuse('an erasure holds no personal data');
  const personal = personalFieldsOf(row.type);
  const candidates = asked ?? sealed.filter((field) => holding.has(field));
  if (asked === undefined && candidates.length === 0) {
    const legacy = personal.filter((field) => typeof data[field] === 'string');
    if (legacy.length > 0)
      throw refuse(
        `it was recorded before personal data became erasable (ledger.enablePersonalDataErasure, perfledger erase --enable), so the text of ${legacy.map((f) => `'${f}'`).join(', ')} is part of the hashed chain itself (see docs/erasure.md)`,
      );
    throw refuse(sealed.length > 0 ? 'its personal data was erased already' : 'it holds no personal data');
  }
  for (const field of candidates) {
    if (typeof field !== 'string' || !personal.includes(field))
      throw refuse(
        `'${String(field)}' is not a personal-data field of ${row.type} (those are: ${personal.join(', ') || 'none'})`,
      );
    if (!sealed.includes(field)) {
      throw refuse(
        typeof data[field] === 'string'
          ? `'${field}' was recorded before personal data became erasable, so its text is part of the hashed chain (see docs/erasure.md)`
          : `the event has no '${field}'`,
      );
    }
    if (!holding.has(field)) throw refuse(`'${field}' was erased already`);
  }
  return [...new Set(candidates)].sort();
}
