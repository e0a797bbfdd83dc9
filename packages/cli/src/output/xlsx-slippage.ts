import type { ActionSlippage } from '@perfledger/slippage';
import type { XlsxSheet } from './xlsx-workbook.js';

/**
 * The slippage report as workbook sheets: one row per action (original and current due dates as
 * dates, revisions, days and quarters slipped as numbers, each flag as TRUE/FALSE), every due-date
 * revision of those actions, and every correction of a wrongly recorded due date.
 *
 * @example
 * ```ts
 * const bytes = await writeXlsxWorkbook(slippageSheets((await slippageReport(ledger)).actions));
 * ```
 */
export function slippageSheets(actions: readonly ActionSlippage[]): XlsxSheet[] {
  return [
    {
      name: 'Slippage',
      columns: [
        { header: 'Action', kind: 'text' },
        { header: 'Title', kind: 'text', width: 48 },
        { header: 'Plan', kind: 'text', width: 24 },
        { header: 'Directorate', kind: 'text', width: 20 },
        { header: 'Original due', kind: 'date' },
        { header: 'Current due', kind: 'date' },
        { header: 'Revisions', kind: 'integer' },
        { header: 'Days slipped', kind: 'integer' },
        { header: 'Quarters slipped', kind: 'integer' },
        { header: 'Behind', kind: 'boolean' },
        { header: 'Revised more than once', kind: 'boolean' },
        { header: 'Date out of range', kind: 'boolean' },
        { header: 'Corrected', kind: 'boolean' },
      ],
      rows: actions.map((a) => [
        a.code,
        a.title,
        a.plan,
        a.directorate,
        a.originalDueDate,
        a.currentDueDate,
        a.revisionCount,
        a.daysSlipped,
        a.quartersSlipped,
        a.flags.behind,
        a.flags.revisedMoreThanOnce,
        a.flags.dateOutOfRange,
        a.corrections.length > 0,
      ]),
    },
    {
      name: 'Revisions',
      columns: [
        { header: 'Action', kind: 'text' },
        { header: 'From', kind: 'date' },
        { header: 'To', kind: 'date' },
        { header: 'Days moved', kind: 'integer' },
        { header: 'Quarters moved', kind: 'integer' },
        { header: 'Effective', kind: 'date' },
        { header: 'Recorded (UTC)', kind: 'datetime' },
        { header: 'By', kind: 'text' },
        { header: 'Approved by', kind: 'text' },
        { header: 'Approval reference', kind: 'text' },
        { header: 'Reason', kind: 'text', width: 60 },
        { header: 'Position', kind: 'integer' },
      ],
      rows: actions.flatMap((a) =>
        a.revisions.map((r) => [
          a.code,
          r.from,
          r.to,
          r.daysMoved,
          r.quartersMoved,
          r.effectiveOn,
          r.recordedAt,
          r.actor,
          r.approver,
          r.approvalReference,
          r.reason,
          r.position,
        ]),
      ),
    },
    {
      name: 'Corrections',
      columns: [
        { header: 'Action', kind: 'text' },
        { header: 'Recorded as', kind: 'date' },
        { header: 'Corrected to', kind: 'date' },
        { header: 'Corrects original', kind: 'boolean' },
        { header: 'Effective', kind: 'date' },
        { header: 'Recorded (UTC)', kind: 'datetime' },
        { header: 'By', kind: 'text' },
        { header: 'Approved by', kind: 'text' },
        { header: 'Approval reference', kind: 'text' },
        { header: 'Reason', kind: 'text', width: 60 },
        { header: 'Position', kind: 'integer' },
      ],
      rows: actions.flatMap((a) =>
        a.corrections.map((c) => [
          a.code,
          c.recorded,
          c.corrected,
          c.correctsOriginal,
          c.effectiveOn,
          c.recordedAt,
          c.actor,
          c.approver,
          c.approvalReference,
          c.reason,
          c.position,
        ]),
      ),
    },
  ];
}
