import { LedgerError } from '@perfledger/core';

/**
 * No Chromium to render the PDF with: none at the path given (`--browser`, the
 * `PERFLEDGER_BROWSER` environment variable) or none of the usual names on `PATH`. `searched`
 * lists every place looked at. Nothing is written.
 *
 * @example
 * ```ts
 * try {
 *   findBrowser({ env: {} });
 * } catch (error) {
 *   if (error instanceof BrowserNotFoundError) console.error(error.searched);
 * }
 * ```
 */
export class BrowserNotFoundError extends LedgerError {
  /** Always `BROWSER_NOT_FOUND`: match on it, not on the message. */
  declare readonly code: 'BROWSER_NOT_FOUND';
  /** Every path tried, in order. */
  readonly searched: readonly string[];

  constructor(message: string, searched: readonly string[]) {
    super('BROWSER_NOT_FOUND', message);
    this.searched = Object.freeze([...searched]);
  }
}

/**
 * The browser was found but could not render the PDF (it would not start, or crashed). The
 * message carries the browser's own words. Nothing is written.
 *
 * @example
 * ```ts
 * new PdfRenderError('/usr/bin/chromium', 'Target page, context or browser has been closed');
 * ```
 */
export class PdfRenderError extends LedgerError {
  /** Always `PDF_RENDER_FAILED`. */
  declare readonly code: 'PDF_RENDER_FAILED';

  constructor(browser: string, reason: string) {
    super('PDF_RENDER_FAILED', `Chromium at '${browser}' could not render the PDF: ${reason}`);
  }
}
