import { formatDueDateText, formatShortDateText } from './calendar-date.js';
import type {
  CommitteeReportInput,
  ExceptionItem,
  PlanAppendix,
  StatusCount,
} from './committee-report-input.js';
import { formatCountCell, formatWholeNumber } from './format-count-with-percent.js';
import { plural } from './plural.js';
import { html, type SafeHtml } from './safe-html.js';
import type { StatusPalette } from './status-colours.js';
import { statusTag } from './status-tag.js';

/**
 * The appendices: one per plan, in the input's order, each starting on a new printed page with
 * the plan's overall performance (its counts by status, "0" for none) and then every action,
 * under the plan's own headings, with its status symbol and words, due date (original and
 * current when it moved), % complete and latest commentary.
 *
 * @example
 * ```ts
 * renderAppendices(input, palette).value; // '<section class="appendix" id="appendix-1" …'
 * ```
 */
export function renderAppendices(input: CommitteeReportInput, palette: StatusPalette): SafeHtml | null {
  const appendices = input.appendices;
  if (appendices === undefined || appendices.length === 0) return null;
  // One set of columns for every appendix: the statuses of the whole report, in its order.
  const statuses = input.counts.map((entry) => entry.status);
  return html`${appendices.map((appendix, index) => renderAppendix(appendix, index + 1, statuses, palette))}`;
}

function renderAppendix(
  appendix: PlanAppendix,
  number: number,
  statuses: readonly string[],
  palette: StatusPalette,
): SafeHtml {
  const id = `appendix-${number}`;
  const columns = [...statuses];
  for (const entry of appendix.counts) {
    if (!columns.some((status) => status.toLowerCase() === entry.status.toLowerCase()))
      columns.push(entry.status);
  }
  const countOf = (counts: readonly StatusCount[], status: string): number =>
    counts.find((entry) => entry.status.toLowerCase() === status.toLowerCase())?.count ?? 0;
  return html`<section class="appendix" id="${id}" aria-labelledby="${id}-heading">
<h2 id="${id}-heading">Appendix ${number}: ${appendix.plan}</h2>
<p class="appendix-lead">${plural(appendix.total, 'action')} in the plan at the quarter end${
    appendix.groupedBy === null ? '' : `, by ${appendix.groupedBy}`
  }.</p>
<div class="table-scroll">
<table class="groups-table appendix-overall" id="${id}-overall">
<caption>Overall performance: ${appendix.plan}</caption>
<thead><tr>${columns.map((status) => html`<th scope="col" class="num-head">${statusTag(status, palette)}</th>`)}<th scope="col" class="num-head">Total number of actions</th></tr></thead>
<tbody><tr>${columns.map((status) => html`<td class="num">${formatCountCell(countOf(appendix.counts, status), appendix.total)}</td>`)}<td class="num">${formatWholeNumber(appendix.total)}</td></tr></tbody>
</table>
</div>
${appendix.groups.map((group, groupIndex) => {
  const groupId = `${id}-group-${groupIndex + 1}`;
  const heading = group.name === null ? `Actions: ${appendix.plan}` : group.name;
  return html`<div class="appendix-group">
${group.name === null ? null : html`<h3 id="${groupId}-heading">${group.name}</h3>`}
<div class="table-scroll">
<table class="actions-table" id="${groupId}"${group.name === null ? null : html` aria-labelledby="${groupId}-heading"`}>
${group.name === null ? html`<caption class="sr-only">${heading}</caption>` : null}
<colgroup><col style="width:12%"><col style="width:22%"><col style="width:10%"><col style="width:13%"><col style="width:11%"><col style="width:9%"><col style="width:23%"></colgroup>
<thead><tr><th scope="col">Code</th><th scope="col">Action</th><th scope="col">Lead officer</th><th scope="col">Status</th><th scope="col">Due</th><th scope="col" class="num-head">% complete</th><th scope="col" class="commentary-head">Latest commentary</th></tr></thead>
<tbody>
${group.items.map((item) => actionRow(item, palette))}
</tbody>
</table>
</div>
</div>`;
})}
</section>`;
}

/** One action: the facts and the officer's latest commentary on one row, never split across pages. */
function actionRow(item: ExceptionItem, palette: StatusPalette): SafeHtml {
  const moved =
    item.originalDueDate !== null &&
    item.originalDueDate !== undefined &&
    item.dueDate !== null &&
    item.dueDate !== undefined &&
    item.originalDueDate !== item.dueDate;
  return html`<tr class="action-row" data-code="${item.code}">
<th scope="row" class="code">${item.code}</th>
<td class="title">${item.title}</td>
<td>${item.owner || '—'}</td>
<td>${statusTag(item.reportedStatus, palette)}</td>
<td class="nowrap">${item.dueDate ? formatDueDateText(item.dueDate) : '—'}${
    moved ? html`<span class="sub">originally ${formatDueDateText(item.originalDueDate ?? '')}</span>` : null
  }</td>
<td class="num">${item.percentComplete === null || item.percentComplete === undefined ? 'unknown' : `${item.percentComplete}%`}</td>
<td class="commentary">${item.lastComment ? html`${item.lastComment}${item.lastCommentOn ? html`<span class="sub">${formatShortDateText(item.lastCommentOn)}</span>` : null}` : html`<span class="none">No commentary</span>`}</td>
</tr>`;
}
