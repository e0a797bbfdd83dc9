import type { IndicatorSectionInput, IndicatorSectionItem } from './indicator-section-input.js';
import { sparkline } from './indicator-sparkline.js';
import { html, type SafeHtml } from './safe-html.js';
import type { StatusPalette } from './status-colours.js';
import { statusTag } from './status-tag.js';

/**
 * The arrow and words of a direction of travel. The arrow shows which way the value moved
 * (for a lower-is-better indicator, improving is down); the words carry the meaning, so
 * nothing relies on the arrow or on colour. The arrow is hidden from screen readers.
 *
 * @example
 * ```ts
 * directionOfTravel('improving', 'lower').value; // '<span class="travel improving"><span aria-hidden="true">↓</span> improving</span>'
 * ```
 */
export function directionOfTravel(
  direction: IndicatorSectionItem['direction'],
  polarity: IndicatorSectionItem['polarity'],
): SafeHtml {
  if (direction === null) return html`<span class="travel none">no previous value</span>`;
  const arrow =
    direction === 'unchanged' ? '→' : (direction === 'improving') === (polarity !== 'lower') ? '↑' : '↓';
  return html`<span class="travel ${direction}"><span aria-hidden="true">${arrow}</span> ${direction}</span>`;
}

function targetMetText(met: boolean | null): string {
  return met === null ? 'no target' : met ? 'met' : 'not met';
}

function itemRow(item: IndicatorSectionItem, palette: StatusPalette, disagrees: boolean): SafeHtml {
  const mismatch = disagrees ? html` class="mismatch"` : null;
  return html`<tbody class="indicator" data-code="${item.code}">
<tr>
<th scope="rowgroup" class="code" rowspan="${item.note ? 2 : 1}">${item.code}</th>
<td class="title">${item.title}<span class="sub">${item.polarity === 'lower' ? 'lower is better' : item.polarity === 'higher' ? 'higher is better' : 'within a band'}</span></td>
<td class="num">${item.value ?? '—'}</td>
<td class="num">${item.target ?? '—'}<span class="sub">${targetMetText(item.targetMet)}</span></td>
<td class="num">${item.previous ?? '—'}</td>
<td>${directionOfTravel(item.direction, item.polarity)}</td>
<td>${sparkline(item.code, item.trend)}</td>
<td${mismatch}>${statusTag(item.derivedStatus, palette)}</td>
<td${mismatch}>${statusTag(item.status, palette)}</td>
</tr>
${item.note ? html`<tr class="indicator-note"><td colspan="8"><span class="comment-label">Note:</span> ${item.note}</td></tr>` : null}
</tbody>`;
}

/**
 * The indicators section: counts by derived status, the table (value, target and whether it
 * is met, previous, direction of travel in arrow and words, a sparkline with its text, the RAG
 * derived from the figures and the status the officer reported, both as words), and the
 * indicators whose reported status contradicts the figures as an exception list.
 *
 * @example
 * ```ts
 * renderIndicators(section, palette).value; // '<section id="indicators" …'
 * ```
 */
export function renderIndicators(section: IndicatorSectionInput, palette: StatusPalette): SafeHtml {
  const disagreeing = new Set(section.disagreements);
  const total = section.counts.reduce((sum, entry) => sum + entry.count, 0);
  const byCode = new Map(section.items.map((item) => [item.code, item]));
  const exceptions = section.disagreements
    .map((code) => byCode.get(code))
    .filter((item): item is IndicatorSectionItem => item !== undefined);
  return html`<section id="indicators" aria-labelledby="indicators-heading">
<h2 id="indicators-heading">Indicators, ${section.period}</h2>
<p>${total} indicators${section.counts.length === 0 ? '' : `: ${section.counts.map((entry) => `${entry.count} ${entry.status}`).join(', ')}`} (status derived from the figures, the target and the tolerance in force).</p>
<div class="table-scroll">
<table class="indicators-table" aria-labelledby="indicators-heading">
<thead><tr><th scope="col">Code</th><th scope="col">Indicator</th><th scope="col" class="num">Latest</th><th scope="col" class="num">Target</th><th scope="col" class="num">Previous</th><th scope="col">Direction of travel</th><th scope="col">Trend</th><th scope="col">RAG (derived)</th><th scope="col">Reported</th></tr></thead>
${section.items.map((item) => itemRow(item, palette, disagreeing.has(item.code)))}
</table>
</div>
<div class="exception-list" id="exceptions-indicator-disagreements">
<h3 id="exceptions-indicator-disagreements-heading">Indicator exceptions: reported status disagrees with the figures <span class="exception-count">(${exceptions.length})</span></h3>
${
  exceptions.length === 0
    ? html`<p class="none">Every reported indicator status agrees with the figures.</p>`
    : html`<ul class="indicator-disagreements">${exceptions.map(
        (item) =>
          html`<li><strong>${item.code}</strong> ${item.title}: reported ${item.status ?? '—'}, but the value ${item.value ?? '—'} against the target ${item.target ?? '—'} is ${targetMetText(item.targetMet)} (derived ${item.derivedStatus ?? '—'}).</li>`,
      )}</ul>`
}
</div>
</section>`;
}
