import { type AuditRow, auditRowKeys } from '@perfledger/audit-trail';
import type { XlsxCellKind, XlsxValue } from './xlsx-cell.js';
import type { XlsxSheet } from './xlsx-workbook.js';

/**
 * The field-level change trail as one workbook sheet, its columns the CSV's (`auditRowKeys`): the position as a number, the recorded time as a date and time (UTC), the effective
 * date as a date, everything else as text. The rows may arrive asynchronously (`streamTrail`), so
 * a long trail is written a row at a time.
 *
 * @example
 * ```ts
 * const bytes = await writeXlsxWorkbook([trailSheet(await streamTrail(ledger, { code: 'DEM1518_02' }))]);
 * ```
 */
export function trailSheet(rows: AsyncIterable<AuditRow> | Iterable<AuditRow>): XlsxSheet {
  return {
    name: 'Trail',
    columns: auditRowKeys.map((key) => ({ header: key, ...COLUMNS[key] })),
    rows: values(rows),
  };
}

/** How each trail column is typed and how wide it is; the order is `auditRowKeys`'. */
const COLUMNS: Readonly<Record<(typeof auditRowKeys)[number], { kind: XlsxCellKind; width?: number }>> = {
  position: { kind: 'integer' },
  recordedAt: { kind: 'datetime' },
  effectiveOn: { kind: 'date' },
  actor: { kind: 'text' },
  code: { kind: 'text' },
  field: { kind: 'text' },
  before: { kind: 'text', width: 24 },
  after: { kind: 'text', width: 24 },
  reason: { kind: 'text', width: 60 },
  eventType: { kind: 'text', width: 20 },
  eventId: { kind: 'text', width: 38 },
  correlationId: { kind: 'text', width: 38 },
  source: { kind: 'text', width: 20 },
};

async function* values(rows: AsyncIterable<AuditRow> | Iterable<AuditRow>): AsyncGenerator<XlsxValue[]> {
  for await (const row of rows) yield auditRowKeys.map((key) => row[key]);
}
