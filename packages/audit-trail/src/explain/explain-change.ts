import type { BusinessDate, FiscalCalendar } from '@perfledger/core';
import { daysBetween } from '@perfledger/core';
import type { AuditField } from '../audit-field.js';
import type { FieldValueReader, TrailRecord } from './action-trail.js';
import { changeSentence } from './change-sentence.js';
import type { Backdating, ExplainedChange, LatePublication, ReturnRecord } from './explanation.js';
import type { ResolvedPublication } from './resolve-publications.js';

/** What every change of one story is judged against. */
export interface ChangeContext {
  readonly code: string;
  readonly field: AuditField;
  readonly calendar: FiscalCalendar;
  readonly backdatedAfterDays: number;
  readonly publications: readonly ResolvedPublication[];
  readonly valueAt: FieldValueReader;
  /** Every trail row of the action (all fields), to find the returns recorded for a quarter. */
  readonly trail?: readonly TrailRecord[];
}

/**
 * Whether a change came with the first return recorded for its quarter, or corrects a return
 * the ledger already had. An import appends a row's changes before that row's statement, so the
 * change's own statement is the first one for the quarter at or after it in the same import;
 * any statement for the quarter recorded before the change is an earlier return.
 */
function returnRecordOf(
  record: TrailRecord,
  quarter: { readonly label: string; readonly end: string },
  trail: readonly TrailRecord[],
): ReturnRecord | null {
  let earlier: TrailRecord | undefined;
  let own = record.eventType === 'ReturnStated';
  for (const row of trail) {
    if (row.eventType !== 'ReturnStated' || row.effectiveOn !== quarter.end) continue;
    if (row.position < record.position) {
      if (earlier === undefined || row.position > earlier.position) earlier = row;
    } else if (row.correlationId !== null && row.correlationId === record.correlationId) {
      own = true;
    }
  }
  if (earlier !== undefined) {
    return Object.freeze({
      kind: 'correction',
      quarter: quarter.label,
      correctsRecordedAt: earlier.recordedAt,
    });
  }
  return own ? Object.freeze({ kind: 'first', quarter: quarter.label, correctsRecordedAt: null }) : null;
}

/**
 * One row of a field's trail with its context: the action's state at that point, back-dating,
 * late publications, and its sentence.
 */
export function explainChange(record: TrailRecord, context: ChangeContext): ExplainedChange {
  const { code, field, calendar, backdatedAfterDays, publications, valueAt, trail = [] } = context;
  const recordedOn = record.recordedAt.slice(0, 10) as BusinessDate;
  const quarter = calendar.quarterOf(record.effectiveOn);
  const daysLate = daysBetween(record.effectiveOn, recordedOn);
  const backdating: Backdating = Object.freeze({
    daysLate,
    toleranceDays: backdatedAfterDays,
    beyondTolerance: daysLate > backdatedAfterDays,
    quarterEnded: quarter.end < recordedOn,
    quarter: quarter.label,
    quarterEnd: quarter.end,
  });
  // A correction fixes a wrong record: it moves nothing, so it has no days or quarters moved.
  const moved =
    field === 'dueDate' &&
    record.eventType !== 'DueDateCorrected' &&
    record.before !== null &&
    record.after !== null
      ? { from: record.before as BusinessDate, to: record.after as BusinessDate }
      : undefined;
  const afterPublication: LatePublication[] = publications
    .filter((p) => record.effectiveOn <= p.quarterEnd && record.recordedAt > p.publishedAt)
    .map((p) =>
      Object.freeze({
        ...p,
        // Compare with the value as known just before: a later-effective change may already stand there.
        changesQuarterEndValue:
          valueAt(field, p.quarterEnd, record.position) !== valueAt(field, p.quarterEnd, record.position - 1),
      }),
    );
  const progress = valueAt('percentComplete', record.effectiveOn, record.position);
  const returnRecord = returnRecordOf(record, quarter, trail);
  const partial: Omit<ExplainedChange, 'sentence'> = {
    position: record.position,
    recordedAt: record.recordedAt,
    recordedOn,
    effectiveOn: record.effectiveOn,
    actor: record.actor,
    eventType: record.eventType,
    eventId: record.eventId,
    correlationId: record.correlationId,
    source: record.source,
    before: record.before,
    after: record.after,
    reason: record.reason,
    // The reason column already carries the note when the event has no reason of its own.
    note: record.note === record.reason ? null : record.note,
    approver: record.approver,
    approvalReference: record.approvalReference,
    daysMoved: moved === undefined ? null : daysBetween(moved.from, moved.to),
    quartersMoved: moved === undefined ? null : calendar.quartersBetween(moved.from, moved.to),
    percentComplete: progress === null ? null : Number(progress),
    status: valueAt('status', record.effectiveOn, record.position),
    closed: valueAt('closed', record.effectiveOn, record.position),
    // The first record of a quarter's return is that quarter's record, however late it came.
    backdated: returnRecord?.kind !== 'first' && (backdating.quarterEnded || backdating.beyondTolerance),
    backdating,
    returnRecord,
    afterPublication: Object.freeze(afterPublication),
  };
  return Object.freeze({ ...partial, sentence: changeSentence(code, field, partial) });
}
