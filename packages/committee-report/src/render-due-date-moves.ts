import { formatDueDateText, formatShortDateText } from './calendar-date.js';
import type { CommitteeReportInput, DueDateMove } from './committee-report-input.js';
import { dueDateTimeline } from './due-date-timeline.js';
import { plural } from './plural.js';
import { html, type SafeHtml } from './safe-html.js';
import { formatDaysMoved, formatQuartersMoved, slipMeasures } from './slip-measures.js';

const legend = html`<ul class="legend" aria-hidden="true">
<li><svg aria-hidden="true" width="14" height="14" viewBox="0 0 14 14"><circle class="original-due" cx="7" cy="7" r="5"/></svg>Original due date</li>
<li><svg aria-hidden="true" width="30" height="14" viewBox="0 0 30 14"><path class="revision revision-later" d="M 2 11 Q 14 0 24 11"/><path class="arrow-later" d="M 23 7 L 28 12 L 21 13 Z"/></svg>Revision to a later date</li>
<li><svg aria-hidden="true" width="30" height="14" viewBox="0 0 30 14"><path class="revision revision-earlier" d="M 2 3 Q 14 14 24 3"/><path class="arrow-earlier" d="M 23 7 L 28 2 L 21 1 Z"/></svg>Revision to an earlier date</li>
<li><svg aria-hidden="true" width="14" height="14" viewBox="0 0 14 14"><path class="current-due" d="M 7 1 L 13 7 L 7 13 L 1 7 Z"/></svg>Current due date</li>
<li><svg aria-hidden="true" width="22" height="14" viewBox="0 0 22 14"><rect class="report-quarter" x="0" y="0" width="22" height="14"/><line class="quarter-end-line" x1="21" y1="0" x2="21" y2="14"/></svg>This report's quarter and its end</li>
</ul>`;

/**
 * Due dates that moved: the timeline chart, its legend, and a table (the chart's text
 * alternative) listing every revision with its dates, reason and approver.
 */
export function renderDueDateMoves(input: CommitteeReportInput): SafeHtml {
  const moves = input.dueDateMoves;
  const startMonth = input.fiscalYearStartMonth ?? 4;
  if (moves.length === 0) {
    return html`<section id="due-date-moves" aria-labelledby="due-date-moves-heading">
<h2 id="due-date-moves-heading">Due dates moved</h2>
<p class="none">No action's due date has been revised.</p>
</section>`;
  }
  const chart = dueDateTimeline({
    id: 'timeline',
    moves,
    quarterStart: input.quarterStart,
    quarterEnd: input.quarterEnd,
    startMonth,
  });
  return html`<section id="due-date-moves" aria-labelledby="due-date-moves-heading">
<h2 id="due-date-moves-heading">Due dates moved</h2>
<p>${plural(moves.length, 'action')} ${moves.length === 1 ? 'has' : 'have'} had ${moves.length === 1 ? 'its' : 'their'} due date revised. The original due date is never lost; each revision is listed below with its reason.</p>
${chart ? html`<figure class="chart" id="timeline-figure">${chart}</figure>${legend}` : null}
<div class="table-scroll">
<table class="moves-table" id="due-date-moves-table">
<caption>Due-date revisions (text version of the timeline)</caption>
<thead><tr><th scope="col">Code</th><th scope="col">Action</th><th scope="col">Original due</th><th scope="col">Revisions</th><th scope="col">Current due</th><th scope="col" class="num">Slipped</th></tr></thead>
<tbody>
${moves.map((move) => moveRow(move, startMonth))}
</tbody>
</table>
</div>
</section>`;
}

function moveRow(move: DueDateMove, startMonth: number): SafeHtml {
  const slip = slipMeasures(move.originalDueDate, move.currentDueDate, startMonth);
  return html`<tr data-code="${move.code}">
<th scope="row" class="code">${move.code}</th>
<td>${move.title}</td>
<td class="nowrap">${formatDueDateText(move.originalDueDate)}</td>
<td><ol class="revision-list">${move.revisions.map(
    (revision) =>
      html`<li><strong class="nowrap">${formatDueDateText(revision.from)} → ${formatDueDateText(revision.to)}</strong> <span class="nowrap">(${formatDaysMoved(daysBetween(revision.from, revision.to))})</span><span class="revision-reason">${revision.reason || '—'}</span><span class="sub">Effective ${formatShortDateText(revision.effectiveOn)}${revision.approver ? `; approved by ${revision.approver}` : ''}</span></li>`,
  )}</ol></td>
<td class="nowrap">${formatDueDateText(move.currentDueDate)}</td>
<td class="num">${formatDaysMoved(slip.days)}<span class="sub">${formatQuartersMoved(slip.quarters)}</span></td>
</tr>`;
}

function daysBetween(from: string, to: string): number {
  return slipMeasures(from, to, 4).days;
}
