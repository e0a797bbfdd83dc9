export { BROWSER_ENV_VAR, BROWSER_NAMES, type FindBrowserOptions, findBrowser } from './find-browser.js';
export { BrowserNotFoundError, PdfRenderError } from './pdf-errors.js';
export { type RenderPdfOptions, renderPdf } from './render-pdf.js';
