import type { RestatementList } from '@perfledger/quarter-end';
import type { XlsxValue } from './xlsx-cell.js';
import type { XlsxSheet } from './xlsx-workbook.js';

/**
 * What has changed about a published quarter (`report restatement`), as one workbook sheet: a
 * row per restating event, the action's code, change and fields on every row (so that a filter
 * keeps them), the position as a number and the recorded time as a date and time (UTC). An
 * action changed by no event (a rule's, not a fact's, change) has one row without an event.
 *
 * @example
 * ```ts
 * const bytes = await writeXlsxWorkbook([restatementSheet(await restatements(ledger, options))]);
 * ```
 */
export function restatementSheet(list: RestatementList): XlsxSheet {
  return {
    name: `Restatement ${list.fy.replace('/', '-')} Q${list.quarter}`,
    columns: [
      { header: 'Action', kind: 'text' },
      { header: 'Change', kind: 'text' },
      { header: 'Fields', kind: 'text', width: 30 },
      { header: 'Position', kind: 'integer' },
      { header: 'Recorded (UTC)', kind: 'datetime' },
      { header: 'What happened', kind: 'text', width: 60 },
    ],
    rows: list.items.flatMap((item): XlsxValue[][] =>
      item.events.length === 0
        ? [[item.code, item.kind, item.fields.join(', '), null, null, null]]
        : item.events.map((event) => [
            item.code,
            item.kind,
            item.fields.join(', '),
            event.position,
            event.recordedAt,
            event.description,
          ]),
    ),
  };
}

/**
 * Every quarter of a year as known at a cut-off against as now known (`report restatements`),
 * as one workbook sheet of the table's rows: quarter, action, change, field, the value as known
 * then and as now known, all as text (values of different fields share the last two columns).
 *
 * @example
 * ```ts
 * const sheet = restatementsSheet([['Q1', 'DEM1', 'changed', 'dueDate', '2019-06-30', '2019-12-31']]);
 * ```
 */
export function restatementsSheet(rows: readonly (readonly string[])[]): XlsxSheet {
  return {
    name: 'Restatements',
    columns: [
      { header: 'Quarter', kind: 'text', width: 9 },
      { header: 'Action', kind: 'text' },
      { header: 'Change', kind: 'text' },
      { header: 'Field', kind: 'text' },
      { header: 'As known then', kind: 'text', width: 30 },
      { header: 'As now known', kind: 'text', width: 30 },
    ],
    rows,
  };
}
