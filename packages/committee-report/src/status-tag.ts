import { html, type SafeHtml } from './safe-html.js';
import type { StatusPalette } from './status-colours.js';

/**
 * A status word with a small colour swatch and, when the report has one, its symbol (✓ Δ ×)
 * before it. Swatch and symbol are decorative (`aria-hidden`): the word carries the meaning. An unknown status prints as an em dash.
 *
 * @example
 * ```ts
 * statusTag('Amber', palette).value; // '<span class="status"><span class="swatch" …></span>Amber</span>'
 * ```
 */
export function statusTag(status: string | null | undefined, palette: StatusPalette): SafeHtml {
  if (status === null || status === undefined || status.trim() === '')
    return html`<span class="status">—</span>`;
  const symbol = palette.symbolOf(status);
  return html`<span class="status"><span class="swatch" style="background:${palette.colourOf(status)}" aria-hidden="true"></span>${symbol === undefined ? null : html`<span class="status-symbol" aria-hidden="true">${symbol}</span> `}${status}</span>`;
}
