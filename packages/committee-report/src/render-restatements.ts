import type { Restatements } from './committee-report-input.js';
import { formatInstant } from './format-instant.js';
import { html, type SafeHtml } from './safe-html.js';

/**
 * Restatements: for each action whose quarter-end row differs between "as reported" (known at
 * the cut-off) and "as now known", the fields that changed, old value beside new.
 */
export function renderRestatements(restatements: Restatements): SafeHtml {
  const cutOff = formatInstant(restatements.asReportedAt) ?? restatements.asReportedAt;
  const intro = html`<p>Differences between the quarter as reported (known at ${cutOff}) and as now known. A difference means a fact about the quarter was recorded or corrected after the cut-off.</p>`;
  if (restatements.items.length === 0) {
    return html`<section id="restatements" aria-labelledby="restatements-heading">
<h2 id="restatements-heading">Restatements</h2>
${intro}
<p class="none">Nothing has been restated: the quarter as now known matches the quarter as reported.</p>
</section>`;
  }
  return html`<section id="restatements" aria-labelledby="restatements-heading">
<h2 id="restatements-heading">Restatements</h2>
${intro}
<table class="restatements-table" id="restatements-table">
<caption>Actions restated since ${cutOff}</caption>
<thead><tr><th scope="col">Code</th><th scope="col">Action</th><th scope="col">Field</th><th scope="col">As reported</th><th scope="col">As now known</th></tr></thead>
${restatements.items.map(
  (item) => html`<tbody class="restatement" data-code="${item.code}">
${(item.changes.length > 0 ? item.changes : [{ field: '—', asReported: null, asNowKnown: null }]).map(
  (change, index, changes) =>
    html`<tr>${index === 0 ? html`<th scope="rowgroup" class="code" rowspan="${changes.length}">${item.code}</th><td rowspan="${changes.length}">${item.title}</td>` : null}<td>${change.field}</td><td class="restated-old">${change.asReported ?? '—'}</td><td>${change.asNowKnown ?? '—'}</td></tr>`,
)}
</tbody>`,
)}
</table>
</section>`;
}
