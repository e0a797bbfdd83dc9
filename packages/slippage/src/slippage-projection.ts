import {
  type ActionField,
  daysBetween,
  type EventEnvelope,
  type EventFact,
  fieldChangesOf,
  type Projection,
  type ProjectionRow,
  ukFiscalCalendar,
} from '@perfledger/core';
import { dayNumber } from './day-number.js';
import { slippageTables } from './slippage-tables.js';

const ACTION_STREAM = 'action:';
const DETAIL_FIELDS: ReadonlySet<ActionField> = new Set(['title', 'plan', 'directorate']);

/**
 * The action code a stream belongs to; undefined for streams that are not action streams.
 * Taken from the stream rather than the data because `DueDateRevised` carries no code.
 */
function codeOf(stream: string): string | undefined {
  return stream.startsWith(ACTION_STREAM) ? stream.slice(ACTION_STREAM.length) : undefined;
}

/** The title, plan and directorate an event sets, from core's one table of field changes. */
function detailRows(event: EventEnvelope, code: string): ProjectionRow[] {
  const rows: ProjectionRow[] = [];
  for (const { field, value } of fieldChangesOf(event)) {
    if (!DETAIL_FIELDS.has(field) || typeof value !== 'string') continue;
    rows.push({
      table: 'slippage_details',
      values: [code, field, value, event.effectiveOn, event.position, event.recordedAt],
    });
  }
  return rows;
}

/**
 * The rows one event adds to the slippage tables, in each table's column order. Pure: the rows
 * depend only on the event and, for a registration, on whether its stream already holds one.
 *
 * @example
 * ```ts
 * [...slippageRows(event, history)]; // [{ table: 'slippage_revisions', values: [7, '0191…', 'DEM1518_02', …] }]
 * ```
 */
export function slippageRows(event: EventEnvelope, history: readonly EventFact[]): ProjectionRow[] {
  const code = codeOf(event.stream);
  if (code === undefined) return [];
  switch (event.type) {
    case 'ActionRegistered': {
      // A second registration in one stream can only come from a raw append that bypassed the
      // rules; the first one stands, so the original due date (and the details as registered)
      // can never be replaced. Decided from the stream's history, not from what a table holds.
      if (history.some((earlier) => earlier.type === 'ActionRegistered')) return [];
      const { data } = event;
      return [
        {
          table: 'slippage_registrations',
          values: [
            code,
            data.dueDate,
            dayNumber(data.dueDate),
            data.plan,
            data.directorate,
            data.title,
            event.position,
            event.eventId,
            event.effectiveOn,
            event.recordedAt,
            event.actor,
          ],
        },
        ...detailRows(event, code),
      ];
    }
    case 'ActionDetailsAmended':
      return detailRows(event, code);
    case 'DueDateRevised': {
      const { data } = event;
      return [
        {
          table: 'slippage_revisions',
          values: [
            event.position,
            event.eventId,
            code,
            data.from,
            data.to,
            dayNumber(data.to),
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
          ],
        },
      ];
    }
    case 'DueDateCorrected': {
      const { data } = event;
      return [
        {
          table: 'slippage_corrections',
          values: [
            event.position,
            event.eventId,
            code,
            data.recorded,
            data.corrected,
            dayNumber(data.corrected),
            data.correctsOriginal ? 1 : 0,
            data.reason,
            data.approver ?? null,
            data.approvalReference ?? null,
            event.actor,
            event.recordedAt,
            event.effectiveOn,
          ],
        },
      ];
    }
    default:
      return [];
  }
}

/**
 * The slippage projection: original due dates, every due-date revision and correction and the
 * action details that summaries group by, as append-only bitemporal fact tables
 * (`slippage_registrations`, `slippage_details`, `slippage_revisions`, `slippage_corrections`),
 * declared so that any engine can hold them. Each row depends only on its event (and, for a
 * registration, on the stream's earlier events: the first registration stands), so incremental
 * processing equals a rebuild, and "as known at position P" is `position <= P`. A row whose key
 * is already present is skipped, so applying an event twice changes nothing.
 *
 * @example
 * ```ts
 * import { openLedger } from '@perfledger/sqlite';
 * const ledger = await openLedger({ file: 'plan.db', projections: [slippageProjection] });
 * await slippageReport(ledger, { code: 'DEM1518_02' });
 * ```
 */
export const slippageProjection: Projection = Object.freeze({
  name: 'slippage',
  // Version 2 added slippage_corrections (DueDateCorrected); version 3 declares the tables
  // (no CHECK constraints) and adds the day-number columns. An older ledger is rebuilt.
  version: 3,
  eventTypes: Object.freeze([
    'ActionRegistered',
    'DueDateRevised',
    'DueDateCorrected',
    'ActionDetailsAmended',
  ] as const),
  tables: slippageTables,
  history: true,
  rows: slippageRows,
});
