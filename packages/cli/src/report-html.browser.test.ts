import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

const chromiumPath = '/usr/bin/chromium';
const data = join(import.meta.dirname, '..', '..', '..', 'examples', 'quarterly', 'data');

// The committee report as `perfledger report quarter --format html` writes it, checked in a real
// browser against the same ledger's JSON output (so nothing here is a hard-coded number).
describe.skipIf(!existsSync(chromiumPath))('report quarter --format html in headless Chromium', () => {
  let dir: string;
  let browser: Browser;
  const cli = cliHarness(() => dir);
  async function run(...args: string[]): Promise<string> {
    expect(await cli.run(...args)).toBe(0);
    return cli.out();
  }

  beforeAll(async () => {
    dir = makeTempDir('perfledger-cli-html-');
    const snapshots: [string, string][] = [
      ['2019-20-q1.csv', '2019-06-30'],
      ['2019-20-q2.csv', '2019-09-30'],
      ['2019-20-q3.csv', '2019-12-31'],
    ];
    for (const [file, asOf] of snapshots) {
      await run('import', join(data, file), '--as-of', asOf, '--status-key', 'pentana');
    }
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    removeTempDir(dir);
  });

  it('renders the summary, the chart, the exceptions and the timeline of moved due dates', async () => {
    const report = JSON.parse(
      await run('report', 'quarter', '--fy', '2019/20', '--quarter', '3', '--format', 'json'),
    ) as {
      total: number;
      counts: Record<string, number>;
      items: { code: string; derivedStatus: string; dueDate: string; originalDueDate: string }[];
    };
    await run(
      'report',
      'quarter',
      '--fy',
      '2019/20',
      '--quarter',
      '3',
      '--format',
      'html',
      '--out',
      'q3.html',
    );

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(join(dir, 'q3.html')).href, { waitUntil: 'load' });
    const screenshot = join(dir, 'q3.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(readFileSync(screenshot).subarray(1, 4).toString('latin1')).toBe('PNG');

    // The summary table and the bar chart show every reported status with "count (pct%)".
    for (const [status, count] of Object.entries(report.counts)) {
      const pct = Math.round((count / report.total) * 1000) / 10;
      const cell = page.locator(`#summary tr[data-status="${status}"] td`).first();
      await expect(cell.textContent()).resolves.toBe(`${count} (${pct}%)`);
      await expect(
        page.locator(`#reported-chart g.bar-row[data-status="${status}"]`).getAttribute('data-count'),
      ).resolves.toBe(String(count));
    }

    // Overdue exceptions are exactly the actions whose derived status is Overdue.
    const overdue = report.items.filter((item) => item.derivedStatus === 'Overdue').map((item) => item.code);
    const shown = await page
      .locator('#exceptions-overdue tbody.exception')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));
    expect(shown).toEqual(overdue);

    // The timeline has one row per action whose due date moved, with its slip in days.
    const moved = report.items
      .filter((item) => item.dueDate !== item.originalDueDate)
      .map((item) => item.code);
    const rows = await page
      .locator('svg.timeline-chart g.timeline-row')
      .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-code')));
    expect(rows.sort()).toEqual(moved.sort());
    await expect(page.locator('h1').textContent()).resolves.toMatch(/report/i);

    // Self-contained: the page asked for nothing but itself.
    expect(requests).toEqual([pathToFileURL(join(dir, 'q3.html')).href]);
    await page.close();
  });

  it('has every action in an appendix and no WCAG 2.2 AA violation (axe-core)', async () => {
    const report = JSON.parse(
      await run('report', 'quarter', '--fy', '2019/20', '--quarter', '3', '--format', 'json'),
    ) as { items: { code: string }[] };
    await run(
      'report',
      'quarter',
      '--fy',
      '2019/20',
      '--quarter',
      '3',
      '--format',
      'html',
      '--committee',
      'Cabinet',
      '--out',
      'q3-axe.html',
    );
    // The report forbids scripts (CSP); only this test's context bypasses that to inject axe-core.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dir, 'q3-axe.html')).href, { waitUntil: 'load' });
    const listed = await page
      .locator('tr.action-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));
    expect([...listed].sort()).toEqual(report.items.map((item) => item.code).sort());
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate<string[]>(
      `window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
    );
    expect(violations).toEqual([]);
    await context.close();
  });

  it.skipIf(spawnSync('pdftotext', ['-v']).error !== undefined)(
    'writes a PDF whose text has the summary figures of the JSON report',
    async () => {
      const report = JSON.parse(
        await run('report', 'quarter', '--fy', '2019/20', '--quarter', '3', '--format', 'json'),
      ) as { total: number; counts: Record<string, number> };
      expect(
        await cli.run(
          'report',
          'quarter',
          '--fy',
          '2019/20',
          '--quarter',
          '3',
          '--format',
          'pdf',
          '--out',
          'q3.pdf',
          '--browser',
          chromiumPath,
        ),
      ).toBe(0);
      const pages = Number(
        spawnSync('pdfinfo', [join(dir, 'q3.pdf')], { encoding: 'utf8' }).stdout.match(
          /^Pages:\s+(\d+)/m,
        )?.[1],
      );
      // Summary and exceptions, then one appendix per plan (three plans), each on new pages.
      expect(pages).toBeGreaterThanOrEqual(5);
      expect(pages).toBeLessThanOrEqual(14);
      const text = spawnSync('pdftotext', ['-layout', join(dir, 'q3.pdf'), '-'], { encoding: 'utf8' }).stdout;
      for (const count of Object.values(report.counts).filter((n) => n > 0)) {
        const pct = Math.round((count / report.total) * 1000) / 10;
        expect(text).toContain(`${count} (${pct}%)`);
      }
      expect(text).toMatch(new RegExp(`TOTAL[^\\n]*\\b${report.total}\\b`));
    },
  );
});
