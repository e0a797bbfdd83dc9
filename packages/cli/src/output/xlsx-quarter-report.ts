import type { QuarterEndView, StatusGroup } from '@perfledger/quarter-end';
import type { GroupBy } from '../report/quarter-report-parameters.js';
import { signOffWords } from '../report/render-quarter-report.js';
import type { XlsxValue } from './xlsx-cell.js';
import type { XlsxColumn, XlsxSheet } from './xlsx-workbook.js';

const COUNT_COLUMNS: readonly XlsxColumn[] = [
  { header: 'Status', kind: 'text', width: 24 },
  { header: 'Actions', kind: 'integer' },
  { header: 'Share', kind: 'percent' },
];

/**
 * The quarter-end report as workbook sheets, one per table: counts by reported status and by
 * derived status (each with its share of the actions as a percentage, and a Total row), the
 * breakdown by `by` when asked for, every action with its dates as dates and % complete as a
 * percentage, the return sign-off, and the disagreements between reported status and the facts.
 *
 * @example
 * ```ts
 * const bytes = await writeXlsxWorkbook(quarterReportSheets(view, 'plan'));
 * ```
 */
export function quarterReportSheets(view: QuarterEndView, by: GroupBy | undefined): XlsxSheet[] {
  const share = (count: number, total: number): number | null => (total === 0 ? null : count / total);
  const countRows = (counts: Readonly<Record<string, number>>): XlsxValue[][] => [
    ...Object.entries(counts).map(([status, count]) => [status, count, share(count, view.total)]),
    ['Total', view.total, share(view.total, view.total)],
  ];
  const sheets: XlsxSheet[] = [
    { name: 'Reported status', columns: COUNT_COLUMNS, rows: countRows(view.counts) },
    { name: 'Derived status', columns: COUNT_COLUMNS, rows: countRows(view.derivedCounts) },
  ];
  if (by !== undefined) sheets.push(groupSheet(view, by));
  sheets.push(
    {
      name: 'Actions',
      columns: [
        { header: 'Action', kind: 'text' },
        { header: 'Title', kind: 'text', width: 48 },
        { header: 'Plan', kind: 'text', width: 24 },
        { header: 'Directorate', kind: 'text', width: 20 },
        { header: 'Section', kind: 'text', width: 20 },
        { header: 'Owner', kind: 'text' },
        { header: 'Reported status', kind: 'text', width: 20 },
        { header: 'Derived status', kind: 'text' },
        { header: '% complete', kind: 'percent' },
        { header: 'Due', kind: 'date' },
        { header: 'Original due', kind: 'date' },
        { header: 'Stage', kind: 'text', width: 10 },
        { header: 'Closed on', kind: 'date' },
        { header: 'Not updated', kind: 'boolean' },
        { header: 'Latest comment', kind: 'text', width: 60 },
        { header: 'Comment dated', kind: 'date' },
      ],
      rows: view.items.map((item) => [
        item.code,
        item.title,
        item.plan,
        item.directorate,
        item.section,
        item.owner,
        item.status,
        item.derivedStatus,
        // Unknown % complete is an empty cell, never 0.
        item.percentComplete === null ? null : item.percentComplete / 100,
        item.dueDate,
        item.originalDueDate,
        item.closed === null ? 'open' : item.closed.outcome,
        item.closed?.effectiveOn ?? null,
        item.notUpdated,
        item.lastComment?.text ?? null,
        item.lastComment?.effectiveOn ?? null,
      ]),
    },
    {
      name: 'Sign-off',
      columns: [
        { header: 'Plan', kind: 'text', width: 24 },
        { header: 'Return', kind: 'text', width: 40 },
        { header: 'Submitted by', kind: 'text' },
        { header: 'Approved by', kind: 'text' },
      ],
      rows: view.signOff.map((s) => [
        s.plan,
        signOffWords(s.state),
        s.submitted?.actor ?? null,
        s.approved?.actor ?? null,
      ]),
    },
    {
      name: 'Disagreements',
      columns: [
        { header: 'Action', kind: 'text' },
        { header: 'Reported', kind: 'text' },
        { header: 'Derived', kind: 'text' },
        { header: 'Why', kind: 'text', width: 60 },
      ],
      rows: view.disagreements.map((d) => [d.code, d.status, d.derivedStatus, d.message]),
    },
  );
  return sheets;
}

/** Counts per plan, directorate or section: a column per reported status, then the group's total. */
function groupSheet(view: QuarterEndView, by: GroupBy): XlsxSheet {
  const statuses = Object.keys(view.counts);
  const groups: readonly StatusGroup[] = view.groups[by];
  const name = by === 'plan' ? 'Plan' : by === 'directorate' ? 'Directorate' : 'Section';
  return {
    name: `By ${by}`,
    columns: [
      { header: name, kind: 'text', width: 28 },
      ...(by === 'section' ? [{ header: 'Directorate', kind: 'text' as const, width: 20 }] : []),
      ...statuses.map((status) => ({ header: status, kind: 'integer' as const })),
      { header: 'Total', kind: 'integer' },
    ],
    rows: [
      ...groups.map((group) => [
        group.name,
        ...(by === 'section' ? [group.directorate ?? null] : []),
        ...statuses.map((status) => group.counts[status] ?? 0),
        group.total,
      ]),
      [
        'TOTAL',
        ...(by === 'section' ? [null] : []),
        ...statuses.map((status) => view.counts[status] ?? 0),
        view.total,
      ],
    ],
  };
}
