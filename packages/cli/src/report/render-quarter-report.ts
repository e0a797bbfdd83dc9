import {
  type CommitteeReportInput,
  committeeReportInputOf,
  formatCountCell,
  renderCommitteeReport,
} from '@perfledger/committee-report';
import { renderPdf } from '@perfledger/committee-report/pdf';
import { type BusinessDate, type EventEnvelope, isInBusinessDateRange, type Ledger } from '@perfledger/core';
import { formatCount, type QuarterEndView, quarterEndView } from '@perfledger/quarter-end';
import { slippageReport } from '@perfledger/slippage';
import { withIndicators } from '../commands/indicators-section.js';
import { renderJson, renderRows } from '../output/render-rows.js';
import type { QuarterReportParameters } from './quarter-report-parameters.js';

/** A rendered quarter-end report and the view it was rendered from. */
export interface RenderedQuarterReport {
  /** The report; for `pdf`, the HTML the PDF was printed from. */
  readonly content: string;
  /** The PDF's bytes, for `pdf` only. */
  readonly pdf?: Uint8Array;
  readonly view: QuarterEndView;
  readonly headHash: string;
}

/** What the config file adds to a rendered report: the colours of its status keys' values (HTML). */
export interface QuarterReportStyle {
  readonly statusColours?: Readonly<Record<string, string>>;
}

/** How a report is rendered beyond its parameters: the config file's style, and for a PDF the browser. */
export interface QuarterReportRendering {
  readonly style?: QuarterReportStyle;
  /** The Chromium executable a PDF is printed with; required for `pdf`. */
  readonly browser?: string;
}

/**
 * Renders the quarter-end report from the log as known at `parameters.position`, in the
 * requested format. Deterministic: nothing depends on the wall clock or on later events.
 */
export async function renderQuarterReport(
  ledger: Ledger,
  parameters: QuarterReportParameters,
  generator: string,
  rendering: QuarterReportRendering = {},
): Promise<RenderedQuarterReport> {
  const { browser, style = {} } = rendering;
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
    case 'html':
    case 'pdf': {
      const input = await committeeInputOf(ledger, view, parameters, generator, event, headHash, style);
      // The quarter's indicators, at the same log position, when any speaks for the quarter.
      const content = renderCommitteeReport(await withIndicators(ledger, input, view, knownAt));
      if (parameters.format === 'html') return { view, headHash, content };
      if (browser === undefined) throw new Error('renderQuarterReport: a pdf needs the browser path');
      return { view, headHash, content, pdf: await renderPdf(content, { executablePath: browser }) };
    }
    case 'md':
    case 'table': {
      const input = await committeeInputOf(ledger, view, parameters, generator, event, headHash, style);
      return { view, headHash, content: summary(parameters.format, view, parameters, input) };
    }
  }
}

/**
 * The committee report's input: the view mapped with the title block, the appendices in the
 * council's order (the positions of the actions' registrations), the recommendations and the
 * headline. Everything comes from the parameters and the log prefix, so it is reproducible.
 */
async function committeeInputOf(
  ledger: Ledger,
  view: QuarterEndView,
  parameters: QuarterReportParameters,
  generator: string,
  event: EventEnvelope | undefined,
  headHash: string,
  style: QuarterReportStyle,
): Promise<CommitteeReportInput> {
  const knownAt = { position: parameters.position };
  const slippage = await slippageReport(ledger, { knownAt, asAt: view.quarterEnd });
  const title = parameters.title ?? {};
  return committeeReportInputOf(view, {
    statusKeys: ledger.statusKeys,
    // The recorded time of the report's position: the same log prefix gives the same bytes.
    generatedAt: event?.recordedAt ?? `${view.quarterEnd}T00:00:00Z`,
    basis: parameters.basis,
    provenance: { position: parameters.position, headHash, generator },
    slippage,
    ...(parameters.by === undefined ? {} : { by: parameters.by }),
    ...(style.statusColours === undefined ? {} : { statusColours: style.statusColours }),
    ...(title.organisation === undefined ? {} : { organisation: title.organisation }),
    order: await registrationOrder(ledger, parameters.position),
    titleBlock: {
      ...(title.committee === undefined ? {} : { committee: title.committee }),
      ...(title.meetingDate === undefined ? {} : { meetingDate: title.meetingDate }),
      ...(title.author === undefined ? {} : { author: title.author }),
      ...(title.contact === undefined ? {} : { contact: title.contact }),
    },
    appendices: {
      ...(parameters.plans === undefined ? {} : { plans: parameters.plans }),
      ...(parameters.appendixBy === undefined ? {} : { groupBy: parameters.appendixBy }),
    },
    headline: {
      ...(parameters.headline?.template === undefined ? {} : { template: parameters.headline.template }),
      ...(parameters.headline?.statuses === undefined ? {} : { statuses: parameters.headline.statuses }),
    },
    recommendations: true,
  });
}

/** The action codes in the order they were first registered, as known at `upTo`. */
async function registrationOrder(ledger: Ledger, upTo: number): Promise<string[]> {
  const codes: string[] = [];
  if (upTo === 0) return codes;
  for await (const event of ledger.readAll({ upTo, types: ['ActionRegistered'] })) {
    const code = (event.data as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
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

function summary(
  format: 'table' | 'md',
  view: QuarterEndView,
  parameters: QuarterReportParameters,
  input: CommitteeReportInput,
): string {
  const heading = (text: string) => (format === 'md' ? `## ${text}\n\n` : `${text}\n\n`);
  const countRows = (counts: Readonly<Record<string, number>>) => [
    ...Object.entries(counts).map(([status, count]) => [status, formatCount(count, view.total)]),
    ['Total', String(view.total)],
  ];
  const countColumns = [{ header: 'Status' }, { header: 'Actions', align: 'right' as const }];
  const parts = [
    format === 'md' ? `# ${basisLine(view, parameters)}\n\n` : `${basisLine(view, parameters)}\n\n`,
    input.headline === undefined ? '' : `${input.headline}\n\n`,
    heading('By reported status'),
    renderRows(format, countColumns, countRows(view.counts)),
    `\n${heading('By derived status (from the facts: closed, overdue, due soon)')}`,
    renderRows(format, countColumns, countRows(view.derivedCounts)),
  ];
  if (parameters.by !== undefined && input.groups !== undefined) {
    const statuses = Object.keys(view.counts);
    const countIn = (counts: readonly { status: string; count: number }[], status: string): number =>
      counts.find((entry) => entry.status === status)?.count ?? 0;
    parts.push(
      `\n${heading(input.groupsHeading ?? `By ${parameters.by}`)}`,
      renderRows(
        format,
        [
          { header: parameters.by },
          ...statuses.map((s) => ({ header: s, align: 'right' as const })),
          { header: 'Total', align: 'right' as const },
        ],
        [
          // In the council's order (first registration), with a TOTAL row; "0" rather than "0 (0%)".
          ...input.groups.map((group) => [
            group.name,
            ...statuses.map((s) => formatCountCell(countIn(group.counts, s), group.total)),
            String(group.total),
          ]),
          [
            'TOTAL',
            ...statuses.map((s) => formatCountCell(view.counts[s] ?? 0, view.total)),
            String(view.total),
          ],
        ],
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
