import type { StatusCount } from './committee-report-input.js';
import { formatCountWithPercent } from './format-count-with-percent.js';
import { html, type SafeHtml } from './safe-html.js';
import type { StatusPalette } from './status-colours.js';
import { truncateText } from './truncate-text.js';

/**
 * What {@link statusBarChart} draws: one bar per status, in the order given.
 */
export interface StatusBarChartOptions {
  /** Unique within the page; prefixes the ids the chart's accessible name points at. */
  readonly id: string;
  /** The chart's accessible name and visible caption: "Actions by reported status". */
  readonly title: string;
  readonly counts: readonly StatusCount[];
  readonly total: number;
  readonly palette: StatusPalette;
  /** Width of the label column; default {@link statusLabelWidth} of this chart's statuses. */
  readonly labelWidth?: number;
}

const width = 640;
const rowHeight = 30;
const barHeight = 18;
const valueWidth = 96;
const padding = 8;
/** A generous average advance of a 13px sans-serif character, to keep labels inside the chart. */
const characterWidth = 7.8;

/**
 * An inline SVG horizontal bar chart of counts by status. Each bar is labelled with its status
 * and its "count (percent)", outlined so that pale colours stay visible, and the SVG carries a
 * `<title>` and a `<desc>` listing every value, so the chart never relies on colour alone.
 * Bars are scaled to the largest count.
 *
 * @example
 * ```ts
 * statusBarChart({ id: 'reported', title: 'Actions by reported status', counts, total: 40, palette }).value;
 * // '<svg class="bar-chart" role="img" aria-labelledby="reported-title" aria-describedby="reported-desc" …'
 * ```
 */
export function statusBarChart(options: StatusBarChartOptions): SafeHtml {
  const { id, title, counts, total, palette } = options;
  const labelWidth = options.labelWidth ?? statusLabelWidth(counts.map((entry) => entry.status));
  const trackWidth = width - labelWidth - valueWidth - padding;
  const maxCount = Math.max(0, ...counts.map((entry) => entry.count));
  const labelCharacters = Math.max(4, Math.floor((labelWidth - padding) / characterWidth));
  const height = counts.length * rowHeight + padding;
  const description = counts
    .map((entry) => `${entry.status}: ${formatCountWithPercent(entry.count, total)}`)
    .join('; ');

  const rows = counts.map((entry, index) => {
    const y = padding / 2 + index * rowHeight;
    const barY = y + (rowHeight - barHeight) / 2;
    const barWidth = maxCount === 0 ? 0 : round((entry.count / maxCount) * trackWidth);
    const value = formatCountWithPercent(entry.count, total);
    const textY = y + rowHeight / 2 + 4.5;
    return html`<g class="bar-row" data-status="${entry.status}" data-count="${entry.count}">
<title>${entry.status}: ${value}</title>
<text class="bar-label" x="${labelWidth - padding}" y="${textY}" text-anchor="end">${truncateText(entry.status, labelCharacters)}</text>
<rect class="bar-track" x="${labelWidth}" y="${barY}" width="${trackWidth}" height="${barHeight}" rx="2"/>
<rect class="bar" x="${labelWidth}" y="${barY}" width="${barWidth}" height="${barHeight}" rx="2" fill="${palette.colourOf(entry.status)}"/>
<text class="bar-value" x="${labelWidth + barWidth + 6}" y="${textY}">${value}</text>
</g>`;
  });

  return html`<svg class="bar-chart" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${description || 'No actions.'}</desc>
${rows}
</svg>`;
}

/**
 * A label column wide enough for the longest status (up to about 26 characters; longer ones are cut with an ellipsis), estimated from its
 * length: SVG text cannot be measured without a browser.
 *
 * @example
 * ```ts
 * statusLabelWidth(['Green', 'Amber', 'Red']); // 90
 * ```
 */
export function statusLabelWidth(statuses: readonly string[]): number {
  const longest = Math.min(28, Math.max(6, ...statuses.map((status) => Array.from(status).length)));
  return Math.min(220, Math.max(90, Math.round(longest * characterWidth) + 2 * padding));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
