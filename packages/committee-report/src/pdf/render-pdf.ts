import { chromium } from 'playwright-core';
import { PdfRenderError } from './pdf-errors.js';

/**
 * How {@link renderPdf} runs: which Chromium, and how long to wait for it.
 *
 * @example
 * ```ts
 * const options: RenderPdfOptions = { executablePath: findBrowser(), timeoutMs: 60_000 };
 * ```
 */
export interface RenderPdfOptions {
  /** The Chromium to use; see `findBrowser`. */
  readonly executablePath: string;
  /** How long launching and printing may take together; 60 seconds by default. */
  readonly timeoutMs?: number;
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
];

/**
 * Prints a self-contained HTML document (the committee report) to an A4 PDF in headless
 * Chromium, with the document's print styles (`@page`, repeated table headers, no split rows),
 * its colours, page numbers in the footer, a tagged (accessible) structure and an outline from
 * the headings. Nothing is fetched: every request the page makes is refused.
 *
 * @throws PdfRenderError (`PDF_RENDER_FAILED`) when the browser will not start or fails.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { findBrowser, renderPdf } from '@perfledger/committee-report/pdf';
 *
 * writeFileSync('report.pdf', await renderPdf(renderCommitteeReport(input), { executablePath: findBrowser() }));
 * ```
 */
export async function renderPdf(html: string, options: RenderPdfOptions): Promise<Uint8Array> {
  const timeout = options.timeoutMs ?? 60_000;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    browser = await chromium.launch({ executablePath: options.executablePath, args: CHROMIUM_ARGS, timeout });
    const page = await browser.newPage();
    page.setDefaultTimeout(timeout);
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({
      format: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#505a5f;font-family:sans-serif">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
    });
    return new Uint8Array(pdf);
  } catch (error) {
    throw new PdfRenderError(
      options.executablePath,
      (error as Error).message.split('\n')[0] ?? String(error),
    );
  } finally {
    await browser?.close();
  }
}
