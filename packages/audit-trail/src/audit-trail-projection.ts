import {
  type EventEnvelope,
  type EventFact,
  eventTypes,
  type Projection,
  type ProjectionRow,
} from '@perfledger/core';
import { type AuditField, auditFields, defaultValueOf } from './audit-field.js';
import { AUDIT_TRAIL_TABLE, auditTrailTable } from './audit-trail-table.js';
import { changeContextOf, changedValue, fieldChangesOf } from './field-change.js';
import { type FieldEntry, fieldValueAsAt } from './field-value-as-at.js';

const ACTION_STREAM = 'action:';

/**
 * The field's value as at the event's effective date as known just before the event: folded in
 * memory from the stream's earlier events (which is all the projection is given).
 */
function beforeValue(history: readonly EventFact[], field: AuditField, asAt: string): string | null {
  const quick = latestKnown(history);
  const latest = quick.latest.get(field);
  if (
    (quick.registration === undefined || quick.registration.effectiveOn <= asAt) &&
    (latest === undefined || latest.effectiveOn <= asAt)
  ) {
    // Nothing earlier is effective after `asAt`: the fold over all of it, without reading it again.
    if (quick.registration === undefined) return null;
    if (latest === undefined || isBefore(latest, quick.registration)) return defaultValueOf(field);
    return latest.value;
  }
  // Something earlier is effective after `asAt` (a back-dated event): fold what is effective then.
  return fieldValueAsAt(history, field, asAt, {
    isRegistration: (fact) => fact.type === 'ActionRegistered',
    valueOf: (fact) => changedValue(fact, field),
  });
}

/** Where an entry sits, and (for a field) the value it set. */
interface Latest {
  readonly effectiveOn: string;
  readonly position: number;
  readonly value: string | null;
}

/**
 * A stream's history summarised for the common case: the last registration and each field's last
 * change in (effective date, position) order over all of it. Kept per history array and extended
 * with the facts appended since (a history only grows), so each fact is read once however long
 * the stream: without it every event would fold its whole stream again.
 */
interface LatestKnown {
  consumed: number;
  last: EventFact | undefined;
  registration: Latest | undefined;
  readonly latest: Map<AuditField, Latest>;
}

const summaries = new WeakMap<readonly EventFact[], LatestKnown>();

function latestKnown(history: readonly EventFact[]): LatestKnown {
  let known = summaries.get(history);
  if (
    known === undefined ||
    known.consumed > history.length ||
    (known.consumed > 0 && history[known.consumed - 1] !== known.last)
  ) {
    known = { consumed: 0, last: undefined, registration: undefined, latest: new Map() };
    summaries.set(history, known);
  }
  for (let i = known.consumed; i < history.length; i++) {
    const fact = history[i]!;
    const entry = { effectiveOn: fact.effectiveOn, position: fact.position };
    if (fact.type === 'ActionRegistered' && !isAfter(known.registration, entry)) {
      known.registration = { ...entry, value: null };
    }
    for (const { field, after } of fieldChangesOf(fact)) {
      if (!isAfter(known.latest.get(field), entry)) known.latest.set(field, { ...entry, value: after });
    }
    known.last = fact;
  }
  known.consumed = history.length;
  return known;
}

/** True when `a` comes after `b` in (effective date, position) order. */
function isAfter(a: FieldEntry | undefined, b: FieldEntry): boolean {
  return a !== undefined && isBefore(b, a);
}

function isBefore(a: FieldEntry, b: FieldEntry): boolean {
  return a.effectiveOn === b.effectiveOn ? a.position < b.position : a.effectiveOn < b.effectiveOn;
}

/**
 * The `audit_trail` rows of one event: one per field it sets, in field order, with the value
 * before and after, who recorded it and why. Pure: depends on the event and on the earlier
 * events of its stream only.
 */
function* auditRowsOf(event: EventEnvelope, history: readonly EventFact[]): Generator<ProjectionRow> {
  if (!event.stream.startsWith(ACTION_STREAM)) return;
  const code = event.stream.slice(ACTION_STREAM.length);
  const context = changeContextOf(event);
  for (const { field, after } of fieldChangesOf(event)) {
    // A registration starts from nothing, even when a (directly appended) second one resets the action.
    const before = event.type === 'ActionRegistered' ? null : beforeValue(history, field, event.effectiveOn);
    yield {
      table: AUDIT_TRAIL_TABLE,
      values: [
        event.position,
        auditFields.indexOf(field),
        event.recordedAt,
        event.effectiveOn,
        event.actor,
        code,
        field,
        before,
        after,
        context.reason,
        context.note,
        context.approver,
        context.approvalReference,
        event.type,
        event.eventId,
        event.correlationId,
        event.source,
      ],
    };
  }
}

/**
 * The field-level audit trail: for every event, one `audit_trail` row per field it sets, with
 * the value before and after, who recorded it and why. "Before" is the field's value as at the
 * event's effective date as known just before the event was recorded, folded in memory from
 * the stream's earlier events (`history: true`), so processing events one by one equals a
 * rebuild, row for row, and a rebuild never reads its own table back.
 *
 * @example
 * ```ts
 * import { openLedger } from '@perfledger/sqlite';
 * const ledger = await openLedger({ file: 'plan.db', projections: [auditTrailProjection] });
 * ```
 */
export const auditTrailProjection: Projection = Object.freeze<Projection>({
  name: 'audit',
  // 2: declared table (no STRICT / WITHOUT ROWID), three unused indexes dropped.
  version: 2,
  eventTypes,
  tables: Object.freeze([auditTrailTable]),
  history: true,
  rows: auditRowsOf,
});
