import { html, type SafeHtml } from './safe-html.js';

const WIDTH = 96;
const HEIGHT = 24;
const PAD = 3;

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A small inline SVG line of an indicator's values over its periods, with its text
 * alternative: the SVG is an image whose accessible name lists every period and value, and
 * the same list is in a `<title>` (a tooltip). Missing values are gaps in the line; the last
 * point is marked. Fewer than two values draw no line, only the text.
 *
 * @example
 * ```ts
 * sparkline('BV12', [{ period: '2018/19', value: 8.7 }, { period: '2019/20 Q1', value: 9.3 }], (v) => String(v)).value;
 * // '<svg class="sparkline" role="img" aria-label="Trend of BV12: 2018/19 8.7; 2019/20 Q1 9.3" …'
 * ```
 */
export function sparkline(
  code: string,
  trend: readonly { readonly period: string; readonly value: number | null }[],
  format: (value: number) => string = (value) => String(value),
): SafeHtml {
  const text = trend
    .map((point) => `${point.period} ${point.value === null ? 'no value' : format(point.value)}`)
    .join('; ');
  const label = `Trend of ${code}: ${text === '' ? 'no values' : text}`;
  const known = trend.filter((point) => point.value !== null).map((point) => point.value as number);
  if (known.length < 2) return html`<span class="sparkline-text">${text === '' ? '—' : text}</span>`;
  const min = Math.min(...known);
  const max = Math.max(...known);
  const step = trend.length === 1 ? 0 : (WIDTH - 2 * PAD) / (trend.length - 1);
  const y = (value: number) =>
    max === min ? HEIGHT / 2 : PAD + ((max - value) / (max - min)) * (HEIGHT - 2 * PAD);
  // One path, with a gap (a new "M") after each missing value.
  let path = '';
  let pen = false;
  let last: { x: number; y: number } | undefined;
  trend.forEach((point, index) => {
    if (point.value === null) {
      pen = false;
      return;
    }
    const x = round(PAD + index * step);
    const py = round(y(point.value));
    path += `${pen ? 'L' : 'M'}${x} ${py} `;
    pen = true;
    last = { x, y: py };
  });
  return html`<svg class="sparkline" role="img" aria-label="${label}" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" xmlns="http://www.w3.org/2000/svg"><title>${label}</title><path d="${path.trim()}" fill="none" stroke="currentColor" stroke-width="1.5"/>${
    last === undefined ? null : html`<circle cx="${last.x}" cy="${last.y}" r="2.5" fill="currentColor"/>`
  }</svg>`;
}
