import { html, type SafeHtml } from './safe-html.js';
import type { StatusPalette } from './status-colours.js';

/**
 * A status word with a small colour swatch before it. The swatch is decorative (`aria-hidden`):
 * the word carries the meaning. An unknown status prints as an em dash.
 *
 * @example
 * ```ts
 * statusTag('Amber', palette).value; // '<span class="status"><span class="swatch" …></span>Amber</span>'
 * ```
 */
export function statusTag(status: string | null | undefined, palette: StatusPalette): SafeHtml {
  if (status === null || status === undefined || status.trim() === '')
    return html`<span class="status">—</span>`;
  return html`<span class="status"><span class="swatch" style="background:${palette.colourOf(status)}" aria-hidden="true"></span>${status}</span>`;
}
