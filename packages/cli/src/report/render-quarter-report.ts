import { committeeReportInputOf, renderCommitteeReport } from '@perfledger/committee-report';
import { type BusinessDate, type EventEnvelope, isInBusinessDateRange, type Ledger } from '@perfledger/core';
import { formatCount, type QuarterEndView, quarterEndView } from '@perfledger/quarter-end';
import { slippageReport } from '@perfledger/slippage';
import { withIndicators } from '../commands/indicators-section.js';
import { renderJson, renderRows } from '../output/render-rows.js';
import type { QuarterReportParameters } from './quarter-report-parameters.js';

/** A rendered quarter-end report and the view it was rendered from. */
export interface RenderedQuarterReport {
  readonly content: string;
  readonly view: QuarterEndView;
  readonly headHash: string;
}

/**
 * Renders the quarter-end report from the log as known at `parameters.position`, in the
 * requested format. Deterministic: nothing depends on the wall clock or on later events.
 */
export async function renderQuarterReport(
  ledger: Ledger,
  parameters: QuarterReportParameters,
  generator: string,
): Promise<RenderedQuarterReport> {
  const knownAt = { position: parameters.position };
  const view = await quarterEndView(ledger, {
    fy: parameters.fy,
    quarter: parameters.quarter,
    knownAt,
    warningWindowDays: parameters.warningWindowDays,
  });
  const event = await eventAt(ledger, parameters.position);
  const headHash = event?.hash ?? (await hashBeforeAnyEvent(ledger));
  const basis = { ...parameters.basis, position: parameters.position };
  switch (parameters.format) {
    case 'json':
      return {
        view,
        headHash,
        content: renderJson({
          fy: view.fy,
          quarter: view.quarter,
          quarterStart: view.quarterStart,
          quarterEnd: view.quarterEnd,
          basis,
          warningWindowDays: view.warningWindowDays,
          total: view.total,
          counts: view.counts,
          derivedCounts: view.derivedCounts,
          ...(parameters.by === undefined ? {} : { groups: view.groups[parameters.by] }),
          disagreements: view.disagreements,
          notUpdated: view.notUpdated,
          signOff: view.signOff,
          items: view.items,
        }),
      };
    case 'csv':
      return { view, headHash, content: itemRows('csv', view) };
    case 'html': {
      const slippage = await slippageReport(ledger, { knownAt, asAt: view.quarterEnd });
      const input = committeeReportInputOf(view, {
        statusKeys: ledger.statusKeys,
        // The recorded time of the report's position: the same log prefix gives the same bytes.
        generatedAt: event?.recordedAt ?? `${view.quarterEnd}T00:00:00Z`,
        basis: parameters.basis,
        provenance: { position: parameters.position, headHash, generator },
        slippage,
        ...(parameters.by === undefined ? {} : { by: parameters.by }),
      });
      // The quarter's indicators, at the same log position, when any speaks for the quarter.
      const content = renderCommitteeReport(await withIndicators(ledger, input, view, knownAt));
      return { view, headHash, content };
    }
    case 'md':
    case 'table':
      return { view, headHash, content: summary(parameters.format, view, parameters) };
  }
}

/** The event at a position (undefined for 0): its hash and recorded time pin the report. */
async function eventAt(ledger: Ledger, position: number): Promise<EventEnvelope | undefined> {
  if (position === 0) return undefined;
  for await (const event of ledger.readAll({ after: position - 1, upTo: position, batchSize: 1 })) {
    return event;
  }
  return undefined;
}

/** The chain's genesis hash, what position 0 stands for: the first event's previous hash, or an empty log's head. */
async function hashBeforeAnyEvent(ledger: Ledger): Promise<string> {
  for await (const first of ledger.readAll({ upTo: 1, batchSize: 1 })) return first.prevHash;
  return (await ledger.head()).hash;
}

function basisLine(view: QuarterEndView, parameters: QuarterReportParameters): string {
  const basis = parameters.basis.kind === 'now' ? 'as now known' : `as known at ${parameters.basis.knownAt}`;
  return `Quarter-end report ${view.fy} Q${view.quarter} (${view.quarterStart} to ${view.quarterEnd}), ${basis} (ledger position ${parameters.position})`;
}

function summary(format: 'table' | 'md', view: QuarterEndView, parameters: QuarterReportParameters): string {
  const heading = (text: string) => (format === 'md' ? `## ${text}\n\n` : `${text}\n\n`);
  const countRows = (counts: Readonly<Record<string, number>>) => [
    ...Object.entries(counts).map(([status, count]) => [status, formatCount(count, view.total)]),
    ['Total', String(view.total)],
  ];
  const countColumns = [{ header: 'Status' }, { header: 'Actions', align: 'right' as const }];
  const parts = [
    format === 'md' ? `# ${basisLine(view, parameters)}\n\n` : `${basisLine(view, parameters)}\n\n`,
    heading('By reported status'),
    renderRows(format, countColumns, countRows(view.counts)),
    `\n${heading('By derived status (from the facts: closed, overdue, due soon)')}`,
    renderRows(format, countColumns, countRows(view.derivedCounts)),
  ];
  if (parameters.by !== undefined) {
    const statuses = Object.keys(view.counts);
    parts.push(
      `\n${heading(`By ${parameters.by}`)}`,
      renderRows(
        format,
        [
          { header: parameters.by },
          ...statuses.map((s) => ({ header: s, align: 'right' as const })),
          { header: 'Total', align: 'right' as const },
        ],
        view.groups[parameters.by].map((group) => [
          group.name,
          ...statuses.map((s) => formatCount(group.counts[s] ?? 0, group.total)),
          String(group.total),
        ]),
      ),
    );
  }
  parts.push(
    `\nNot updated for the quarter (no return, no change): ${formatCount(view.notUpdated, view.total)}\n`,
    `\n${heading('Return sign-off')}`,
    renderRows(
      format,
      [{ header: 'Plan' }, { header: 'Return' }, { header: 'Submitted by' }, { header: 'Approved by' }],
      view.signOff.map((s) => [
        s.plan,
        signOffWords(s.state),
        s.submitted?.actor ?? '-',
        s.approved?.actor ?? '-',
      ]),
    ),
  );
  parts.push(`\n${heading('Actions')}`, itemRows(format, view));
  if (view.disagreements.length > 0) {
    parts.push(
      `\n${heading('Reported status disagrees with the facts')}`,
      renderRows(
        format,
        [{ header: 'Action' }, { header: 'Reported' }, { header: 'Derived' }, { header: 'Why' }],
        view.disagreements.map((d) => [d.code, d.status ?? '-', d.derivedStatus, d.message]),
      ),
    );
  }
  return parts.join('');
}

function itemRows(format: 'table' | 'md' | 'csv', view: QuarterEndView): string {
  const full = format === 'csv';
  return renderRows(
    format,
    [
      { header: full ? 'code' : 'Action' },
      { header: full ? 'title' : 'Title' },
      { header: full ? 'status' : 'Reported' },
      { header: full ? 'derived_status' : 'Derived' },
      { header: full ? 'percent_complete' : 'Done', align: 'right' },
      { header: full ? 'due_date' : 'Due' },
      { header: full ? 'original_due_date' : 'Original due' },
      { header: full ? 'stage' : 'Stage' },
      ...(full
        ? [
            { header: 'plan' },
            { header: 'directorate' },
            { header: 'section' },
            { header: 'owner' },
            { header: 'last_comment' },
            { header: 'not_updated' },
          ]
        : []),
    ],
    view.items.map((item) => [
      item.code,
      full || item.title.length <= 48 ? item.title : `${item.title.slice(0, 47)}…`,
      item.status ?? '-',
      item.derivedStatus,
      // A blank % complete is unknown, never 0: empty in CSV, "unknown" for people.
      item.percentComplete === null
        ? full
          ? ''
          : 'unknown'
        : full
          ? String(item.percentComplete)
          : `${item.percentComplete}%`,
      full ? item.dueDate : flagged(item.dueDate),
      item.originalDueDate === item.dueDate && !full
        ? ''
        : full
          ? item.originalDueDate
          : flagged(item.originalDueDate),
      item.closed === null ? (item.notUpdated && !full ? 'open, not updated' : 'open') : item.closed.outcome,
      ...(full
        ? [item.plan, item.directorate, item.section, item.owner ?? '', item.lastComment?.text ?? '']
        : []),
      ...(full ? [item.notUpdated ? 'true' : 'false'] : []),
    ]),
  );
}

/**
 * A date as recorded, flagged for people (table and Markdown) when it lies outside the
 * business-date range: only an older build could record one, and it is shown, never hidden.
 * CSV and JSON keep the bare value for machines.
 */
function flagged(date: BusinessDate): string {
  return isInBusinessDateRange(date) ? date : `${date} (out of range)`;
}

/** A sign-off state as a report line says it. */
export function signOffWords(state: QuarterEndView['signOff'][number]['state']): string {
  switch (state) {
    case 'approved':
      return 'approved';
    case 'submitted':
      return 'NOT APPROVED (submitted, awaiting approval)';
    case 'changed since approval':
      return 'NOT APPROVED (changed since approval)';
    default:
      return 'NOT APPROVED (not submitted)';
  }
}
