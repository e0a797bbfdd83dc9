import type { CommitteeReportInput } from './committee-report-input.js';
import { plural } from './plural.js';
import { html, type SafeHtml } from './safe-html.js';

/**
 * The recommendations, worded as councils write them: to note the appendices, and to note the
 * actions flagged with each status that asks the committee for something (an amended timescale
 * or scope, a closure), listing those actions. A status with no action flagged says so.
 *
 * @example
 * ```ts
 * renderRecommendations(input)?.value; // '<section id="recommendations" …'
 * ```
 */
export function renderRecommendations(input: CommitteeReportInput): SafeHtml | null {
  const recommendations = input.recommendations;
  const appendices = input.appendices?.length ?? 0;
  if (recommendations === undefined && appendices === 0) return null;
  const noteAppendices =
    appendices === 0
      ? null
      : html`<li>To note the performance information relating to the ${appendices === 1 ? 'plan' : 'plans'} as detailed at ${
          appendices === 1 ? 'Appendix 1' : `Appendices 1–${appendices}`
        }.</li>`;
  const flagged =
    recommendations === undefined || recommendations.length === 0
      ? null
      : html`<li>To note the actions which have been flagged with:
<ol class="roman">
${recommendations.map(
  (recommendation) =>
    html`<li class="recommendation recommendation-${recommendation.meaning}"><p>${recommendation.wording}: ${
      recommendation.items.length === 0
        ? 'no action this quarter.'
        : `${plural(recommendation.items.length, 'action')}.`
    }</p>${
      recommendation.items.length === 0
        ? null
        : html`<ul class="flagged">${recommendation.items.map(
            (item) =>
              html`<li data-code="${item.code}"><strong>${item.code}</strong> ${item.title}${item.owner ? html` <span class="muted">(${item.owner})</span>` : null}</li>`,
          )}</ul>`
    }</li>`,
)}
</ol></li>`;
  return html`<section id="recommendations" aria-labelledby="recommendations-heading">
<h2 id="recommendations-heading">Recommendations</h2>
<p>The committee is asked:</p>
<ol class="recommendations">
${noteAppendices}
${flagged}
</ol>
</section>`;
}
