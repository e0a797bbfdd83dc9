import { formatDueDateText, formatShortDateText } from './calendar-date.js';
import type { CommitteeReportInput, ExceptionItem } from './committee-report-input.js';
import { html, type SafeHtml } from './safe-html.js';
import type { StatusPalette } from './status-colours.js';
import { statusTag } from './status-tag.js';

interface ExceptionList {
  readonly id: string;
  readonly heading: string;
  readonly explanation: string;
  readonly empty: string;
  readonly items: readonly ExceptionItem[];
}

/**
 * The exceptions: decisions asked of the committee (when given), actions reported red, actions
 * overdue at the quarter end, and actions whose reported status disagrees with the derived one,
 * each a table with both statuses side by side.
 */
export function renderExceptions(input: CommitteeReportInput, palette: StatusPalette): SafeHtml {
  const decisions = input.exceptions.decisions;
  const lists: readonly ExceptionList[] = [
    ...(decisions === undefined
      ? []
      : [
          {
            id: 'exceptions-decisions',
            heading: 'Decisions asked of the committee',
            explanation:
              'Open actions whose officers ask the committee to decide, such as agreeing to close an action that cannot be delivered.',
            empty: 'No action asks the committee for a decision.',
            items: decisions,
          },
        ]),
    {
      id: 'exceptions-red',
      heading: 'Reported red',
      explanation: 'Actions whose officers reported the most serious status.',
      empty: 'No actions were reported red.',
      items: input.exceptions.red,
    },
    {
      id: 'exceptions-overdue',
      heading: 'Overdue',
      explanation: 'Actions past their due date at the quarter end and not closed.',
      empty: 'No actions were overdue at the quarter end.',
      items: input.exceptions.overdue,
    },
    {
      id: 'exceptions-disagreements',
      heading: 'Reported and derived status disagree',
      explanation:
        'Actions whose reported status does not match the status derived from the facts, such as a Green action that is past its due date.',
      empty: 'Every reported status agrees with the derived status.',
      items: input.exceptions.disagreements,
    },
    ...(input.exceptions.notUpdated === undefined
      ? []
      : [
          {
            id: 'exceptions-not-updated',
            heading: 'Not updated',
            explanation:
              'Open actions with no return and no change for the quarter: the figures shown are the previous quarter’s, not a new statement.',
            empty: 'Every open action was updated for the quarter.',
            items: input.exceptions.notUpdated,
          },
        ]),
  ];
  return html`<section id="exceptions" aria-labelledby="exceptions-heading">
<h2 id="exceptions-heading">Exceptions</h2>
${lists.map((list) => exceptionList(list, palette))}
</section>`;
}

function exceptionList(list: ExceptionList, palette: StatusPalette): SafeHtml {
  const headingId = `${list.id}-heading`;
  const heading = html`<h3 id="${headingId}">${list.heading} <span class="exception-count">(${list.items.length})</span></h3>`;
  if (list.items.length === 0) {
    return html`<div class="exception-list" id="${list.id}">${heading}<p class="none">${list.empty}</p></div>`;
  }
  return html`<div class="exception-list" id="${list.id}">${heading}
<div class="table-scroll">
<table class="exceptions-table" aria-labelledby="${headingId}">
<caption class="note">${list.explanation}</caption>
<colgroup><col style="width:13%"><col style="width:22%"><col style="width:15%"><col style="width:12%"><col style="width:11%"><col style="width:15%"><col style="width:12%"></colgroup>
<thead><tr><th scope="col">Code</th><th scope="col">Action</th><th scope="col">Owner / section</th><th scope="col">Due</th><th scope="col" class="num">Complete</th><th scope="col">Reported</th><th scope="col">Derived</th></tr></thead>
${list.items.map((item) => exceptionRows(item, palette))}
</table>
</div>
</div>`;
}

/** Two rows per action: the facts, then its last comment across the full width. */
function exceptionRows(item: ExceptionItem, palette: StatusPalette): SafeHtml {
  const disagree =
    item.reportedStatus &&
    item.derivedStatus &&
    item.reportedStatus.toLowerCase() !== item.derivedStatus.toLowerCase();
  const mismatch = disagree ? html` class="mismatch"` : null;
  return html`<tbody class="exception" data-code="${item.code}">
<tr class="exception-facts">
<th scope="rowgroup" class="code" rowspan="2">${item.code}</th>
<td class="title">${item.title}</td>
<td>${item.owner || '—'}${item.section ? html`<span class="sub">${item.section}</span>` : null}</td>
<td class="nowrap">${item.dueDate ? formatDueDateText(item.dueDate) : '—'}</td>
<td class="num">${item.percentComplete === null || item.percentComplete === undefined ? 'unknown' : `${item.percentComplete}%`}</td>
<td${mismatch}>${statusTag(item.reportedStatus, palette)}</td>
<td${mismatch}>${statusTag(item.derivedStatus, palette)}</td>
</tr>
<tr class="exception-comment"><td colspan="6"><span class="comment-label">Last comment${item.lastCommentOn ? `, ${formatShortDateText(item.lastCommentOn)}` : ''}:</span> ${item.lastComment || '—'}</td></tr>
</tbody>`;
}
