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
  const registration = quick.registration;
  if (
    (registration === undefined || registration.effectiveOn <= asAt) &&
    (latest === undefined || latest.effectiveOn <= asAt)
  ) {
    // Nothing earlier is effective after `asAt`: the fold over all of it, without reading it again.
    if (registration === undefined) return null;
    if (latest === undefined || isBefore(latest, registration)) return defaultValueOf(field);
    return latest.value;
  }
  // Something earlier is effective after `asAt` (a back-dated event): fold what is effective then.
  return fieldValueAsAt(history, field, asAt, {
    isRegistration: (fact) => fact.type === 'ActionRegistered',
    valueOf: (fact) => changedValue(fact, field),
  });
}

/** Where an entry sits, and (for a field) the value it set; updated in place as the history grows. */
interface Latest {
  effectiveOn: string;
  position: number;
  value: string | null;
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
    if (fact.type === 'ActionRegistered') known.registration = later(known.registration, fact, null);
    for (const { field, after } of fieldChangesOf(fact)) {
      const current = known.latest.get(field);
      const next = later(current, fact, after);
      if (next !== current) known.latest.set(field, next);
    }
    known.last = fact;
  }
  known.consumed = history.length;
  return known;
}

/**
 * `current`, or the fact's entry when the fact comes at or after it in (effective date,
 * position) order (a later position wins a tie), reusing `current`'s object.
 */
function later(current: Latest | undefined, fact: EventFact, value: string | null): Latest {
  if (current === undefined) return { effectiveOn: fact.effectiveOn, position: fact.position, value };
  if (isBefore(fact, current)) return current;
  current.effectiveOn = fact.effectiveOn;
  current.position = fact.position;
  current.value = value;
  return current;
}

/** True when `a` comes before `b` in (effective date, position) order. */
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
  // 3: % complete before the first report is unknown (NULL), not '0'; a status change's or
  // closure's reason fills `reason`; a reason that is the officer's comment adds a comment row.
  // 4: return statements (ReturnStated) set status, progress and comment.
  version: 4,
  eventTypes,
  tables: Object.freeze([auditTrailTable]),
  history: true,
  rows: auditRowsOf,
});
