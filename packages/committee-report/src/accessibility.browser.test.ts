import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCommitteeReport } from './render-committee-report.js';
import { sampleCommitteeReportInput } from './test-support/sample-committee-report-input.js';

const chromiumPath = '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.2 AA and everything below it, as axe-core tags them. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  readonly id: string;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/**
 * Runs axe-core in the page on the report (injected: the report itself has no scripts, and its
 * Content-Security-Policy forbids them, so the context bypasses CSP for the test only).
 */
async function violationsOf(browser: Browser, html: string, media: 'screen' | 'print'): Promise<string[]> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media });
    await page.addScriptTag({ content: axeSource });
    // A string, so this file needs no DOM typings: the test type-check runs without lib "dom".
    const violations = await page.evaluate<AxeViolation[]>(
      `window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_AA)} }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
    );
    return violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  } finally {
    await context.close();
  }
}

describe.skipIf(!existsSync(chromiumPath))(
  'the committee report is accessible (axe-core, WCAG 2.2 AA)',
  () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: chromiumPath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--no-first-run',
        ],
      });
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('has no violation on screen or in print, with title block, recommendations and appendices', async () => {
      const html = renderCommitteeReport(sampleCommitteeReportInput);
      expect(html).toContain('id="appendix-1"');
      expect(await violationsOf(browser, html, 'screen')).toEqual([]);
      expect(await violationsOf(browser, html, 'print')).toEqual([]);
    });

    it('finds a real violation when one is there, so the check can fail', async () => {
      // An image without a text alternative: axe must report it.
      const broken = renderCommitteeReport(sampleCommitteeReportInput).replace(
        '<main>',
        '<main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
      );
      expect((await violationsOf(browser, broken, 'screen')).some((v) => v.startsWith('image-alt'))).toBe(
        true,
      );
    });
  },
);
