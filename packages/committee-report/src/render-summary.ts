import { formatLongDate, parseCalendarDate } from './calendar-date.js';
import type { CommitteeReportInput, StatusCount } from './committee-report-input.js';
import { formatCountCell, formatCountWithPercent, formatWholeNumber } from './format-count-with-percent.js';
import { plural } from './plural.js';
import { html, type SafeHtml } from './safe-html.js';
import { statusBarChart, statusLabelWidth } from './status-bar-chart.js';
import type { StatusPalette } from './status-colours.js';
import { statusTag } from './status-tag.js';

/**
 * The committee's sentence: "20 (50%) Completed, 11 (27.5%) Slightly behind and 1 (2.5%) To be
 * closed." Zero counts are left out; an empty list gives an empty string.
 *
 * @example
 * ```ts
 * summarySentence([{ status: 'Green', count: 3 }, { status: 'Red', count: 1 }], 4); // '3 (75%) Green and 1 (25%) Red'
 * ```
 */
export function summarySentence(counts: readonly StatusCount[], total: number): string {
  const parts = counts
    .filter((entry) => entry.count > 0)
    .map((entry) => `${formatCountWithPercent(entry.count, total)} ${entry.status}`);
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * The summary: key figures, the sentence a committee reads first, the counts by reported and by
 * derived status (each a table beside its bar chart), and the optional breakdown by group.
 */
export function renderSummary(input: CommitteeReportInput, palette: StatusPalette): SafeHtml {
  const end = parseCalendarDate(input.quarterEnd);
  const asAt = end ? formatLongDate(end) : input.quarterEnd;
  const label = input.statusKeyLabel ?? 'Reported';
  const sentence = summarySentence(input.counts, input.total);
  // One label column for both charts, so their bars start at the same place.
  const labelWidth = statusLabelWidth([...input.counts, ...input.derivedCounts].map((entry) => entry.status));
  const decisions = input.exceptions.decisions;
  const cards: readonly { label: string; value: number; alert: boolean }[] = [
    { label: 'Actions in the plan', value: input.total, alert: false },
    ...(decisions === undefined
      ? []
      : [{ label: 'Decisions asked', value: decisions.length, alert: decisions.length > 0 }]),
    { label: 'Reported red', value: input.exceptions.red.length, alert: input.exceptions.red.length > 0 },
    { label: 'Overdue', value: input.exceptions.overdue.length, alert: input.exceptions.overdue.length > 0 },
    {
      label: 'Status disagreements',
      value: input.exceptions.disagreements.length,
      alert: input.exceptions.disagreements.length > 0,
    },
    { label: 'Due dates moved', value: input.dueDateMoves.length, alert: false },
    ...(input.exceptions.notUpdated === undefined
      ? []
      : [
          {
            label: 'Not updated',
            value: input.exceptions.notUpdated.length,
            alert: input.exceptions.notUpdated.length > 0,
          },
        ]),
  ];
  return html`<section id="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<ul class="${cards.length >= 6 ? 'cards cards-6' : 'cards'}" aria-label="Key figures">
${cards.map(
  (card) =>
    html`<li class="${card.alert ? 'card card-alert' : 'card'}"><span class="card-value">${formatWholeNumber(card.value)}</span><span class="card-label">${card.label}</span></li>`,
)}
</ul>
${input.headline === undefined ? null : html`<p class="headline" id="headline">${input.headline}</p>`}
<p class="lead">${
    input.total === 0
      ? `No actions were in the plan at the end of Quarter ${input.quarter} (${asAt}).`
      : `At the end of Quarter ${input.quarter} (${asAt}) the plan had ${plural(input.total, 'action')}: ${sentence}.`
  }</p>
${input.groups && input.groups.length > 0 ? groupsTable(input, palette) : null}
${countsBlock({
  id: 'reported',
  heading: label === 'Reported' ? 'By reported status' : `By reported status (${label})`,
  caption: `Actions by ${label === 'Reported' ? 'reported' : `reported ${label}`} status`,
  note: 'As set by the responsible officers.',
  counts: input.counts,
  total: input.total,
  palette,
  labelWidth,
})}
${countsBlock({
  id: 'derived',
  heading: 'By derived status',
  caption: 'Actions by derived status',
  note: 'Computed from the facts: Completed or Cancelled when closed, Overdue when past the due date, Warning when close to it, otherwise In Progress.',
  counts: input.derivedCounts,
  total: input.total,
  palette,
  labelWidth,
})}
</section>`;
}

interface CountsBlockOptions {
  readonly id: string;
  readonly heading: string;
  readonly labelWidth: number;
  readonly caption: string;
  readonly note: string;
  readonly counts: readonly StatusCount[];
  readonly total: number;
  readonly palette: StatusPalette;
}

function countsBlock(options: CountsBlockOptions): SafeHtml {
  const { id, heading, caption, note, counts, total, palette, labelWidth } = options;
  const table = html`<table class="counts-table" id="${id}-counts">
<caption class="sr-only">${caption}</caption>
<thead><tr><th scope="col">Status</th><th scope="col" class="num">Actions (%)</th></tr></thead>
<tbody>
${counts.map(
  (entry) =>
    html`<tr data-status="${entry.status}"><th scope="row">${statusTag(entry.status, palette)}</th><td class="num">${formatCountWithPercent(entry.count, total)}</td></tr>`,
)}
</tbody>
<tfoot><tr><th scope="row">Total</th><td class="num">${formatWholeNumber(total)}</td></tr></tfoot>
</table>
<p class="note">${note}</p>`;
  const chart =
    counts.length === 0
      ? html`<p class="none">No statuses to chart.</p>`
      : html`<figure class="chart" id="${id}-chart">${statusBarChart({ id: `${id}-chart-svg`, title: caption, counts, total, palette, labelWidth })}</figure>`;
  return html`<h3 id="${id}-heading">${heading}</h3><div class="summary-grid"><div>${table}</div>${chart}</div>`;
}

function groupsTable(input: CommitteeReportInput, palette: StatusPalette): SafeHtml {
  const groups = input.groups ?? [];
  const statuses: string[] = input.counts.map((entry) => entry.status);
  const known = new Set(statuses.map((status) => status.toLowerCase()));
  for (const group of groups) {
    for (const entry of group.counts) {
      if (!known.has(entry.status.toLowerCase())) {
        known.add(entry.status.toLowerCase());
        statuses.push(entry.status);
      }
    }
  }
  const countOf = (counts: readonly StatusCount[], status: string): number =>
    counts.find((entry) => entry.status.toLowerCase() === status.toLowerCase())?.count ?? 0;
  const cell = (count: number, total: number): SafeHtml =>
    html`<td class="num">${formatCountCell(count, total)}</td>`;
  return html`<h3 id="groups-heading">${input.groupsHeading ?? 'By group'}</h3>
<div class="table-scroll">
<table class="groups-table" id="group-counts">
<caption class="sr-only">${input.groupsHeading ?? 'Actions by group'}: counts by reported status with a TOTAL row</caption>
<thead><tr><th scope="col">${input.groupsColumn ?? 'Group'}</th>${statuses.map((status) => html`<th scope="col" class="num-head">${statusTag(status, palette)}</th>`)}<th scope="col" class="num-head">Total</th></tr></thead>
<tbody>
${groups.map(
  (group) =>
    html`<tr><th scope="row">${group.name}</th>${statuses.map((status) => cell(countOf(group.counts, status), group.total))}<td class="num">${formatWholeNumber(group.total)}</td></tr>`,
)}
</tbody>
<tfoot><tr><th scope="row">TOTAL</th>${statuses.map((status) => cell(countOf(input.counts, status), input.total))}<td class="num">${formatWholeNumber(input.total)}</td></tr></tfoot>
</table>
</div>`;
}
