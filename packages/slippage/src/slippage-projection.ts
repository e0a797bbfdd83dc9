import {
  daysBetween,
  type EventEnvelope,
  type Projection,
  type SqlDatabase,
  ukFiscalCalendar,
} from '@perfledger/core';
import { slippageTables } from './slippage-tables.js';

const ACTION_STREAM = 'action:';
const DETAIL_FIELDS = ['title', 'plan', 'directorate'] as const;

/**
 * The action code a stream belongs to; undefined for streams that are not action streams.
 * Taken from the stream rather than the data because `DueDateRevised` carries no code.
 */
function codeOf(stream: string): string | undefined {
  return stream.startsWith(ACTION_STREAM) ? stream.slice(ACTION_STREAM.length) : undefined;
}

/**
 * The slippage projection: original due dates, every due-date revision and correction and the
 * action details that summaries group by, as append-only bitemporal fact tables
 * (`slippage_registrations`, `slippage_details`, `slippage_revisions`, `slippage_corrections`). Each row depends only on the event that produced
 * it, so incremental processing equals a rebuild, and "as known at position P" is
 * `position <= P`. Inserts are `OR IGNORE`, so applying an event twice changes nothing.
 *
 * @example
 * ```ts
 * import { ProjectionRunner } from '@perfledger/core';
 * new ProjectionRunner(ledger, [slippageProjection]).start();
 * slippageReport(ledger, { code: 'DEM1518_02' });
 * ```
 */
export const slippageProjection: Projection = Object.freeze({
  name: 'slippage',
  // Version 2 added slippage_corrections (DueDateCorrected); a ledger of version 1 is rebuilt.
  version: 2,
  eventTypes: Object.freeze([
    'ActionRegistered',
    'DueDateRevised',
    'DueDateCorrected',
    'ActionDetailsAmended',
  ] as const),
  tables: slippageTables,
  handler(db: SqlDatabase) {
    const insertRegistration = db.prepare(
      `INSERT OR IGNORE INTO slippage_registrations
         (code, original_due_date, plan, directorate, title, position, event_id, effective_on, recorded_at, actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertDetail = db.prepare(
      `INSERT OR IGNORE INTO slippage_details (code, field, value, effective_on, position, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const insertRevision = db.prepare(
      `INSERT OR IGNORE INTO slippage_revisions
         (position, event_id, code, from_date, to_date, days_moved, quarters_moved, reason, approver,
          approval_reference, actor, recorded_at, effective_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertCorrection = db.prepare(
      `INSERT OR IGNORE INTO slippage_corrections
         (position, event_id, code, recorded_date, corrected_date, corrects_original, reason, approver,
          approval_reference, actor, recorded_at, effective_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const details = (event: EventEnvelope, code: string, values: Partial<Record<string, string>>) => {
      for (const field of DETAIL_FIELDS) {
        const value = values[field];
        if (value === undefined) continue;
        insertDetail.run(code, field, value, event.effectiveOn, event.position, event.recordedAt);
      }
    };
    return (event: EventEnvelope) => {
      const code = codeOf(event.stream);
      if (code === undefined) return;
      switch (event.type) {
        case 'ActionRegistered': {
          const { data } = event;
          // A second registration in one stream can only come from a raw append that bypassed
          // the rules; the first one stands, so the original due date can never be replaced.
          const inserted = insertRegistration.run(
            code,
            data.dueDate,
            data.plan,
            data.directorate,
            data.title,
            event.position,
            event.eventId,
            event.effectiveOn,
            event.recordedAt,
            event.actor,
          );
          if (inserted.changes > 0) details(event, code, data);
          return;
        }
        case 'ActionDetailsAmended':
          details(event, code, event.data);
          return;
        case 'DueDateRevised': {
          const { data } = event;
          insertRevision.run(
            event.position,
            event.eventId,
            code,
            data.from,
            data.to,
            daysBetween(data.from, data.to),
            // Stored with the UK calendar so SQL users get a value; queries recompute it for theirs.
            // Total over every date, including those an older build accepted outside the range.
            ukFiscalCalendar.quartersBetween(data.from, data.to),
            data.reason,
            data.approver ?? null,
            data.approvalReference ?? null,
            event.actor,
            event.recordedAt,
            event.effectiveOn,
          );
          return;
        }
        case 'DueDateCorrected': {
          const { data } = event;
          insertCorrection.run(
            event.position,
            event.eventId,
            code,
            data.recorded,
            data.corrected,
            data.correctsOriginal ? 1 : 0,
            data.reason,
            data.approver ?? null,
            data.approvalReference ?? null,
            event.actor,
            event.recordedAt,
            event.effectiveOn,
          );
          return;
        }
        default:
          return;
      }
    };
  },
});
