import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCommitteeReport } from './render-committee-report.js';
import { sampleCommitteeReportInput } from './test-support/sample-committee-report-input.js';

const chromiumPath = '/usr/bin/chromium';
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Calendar days between two ISO dates, computed independently of the code under test. */
function days(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

// Set COMMITTEE_REPORT_SCREENSHOT_DIR to keep the report and its screenshots (to look at them);
// otherwise a temporary directory is used and removed.
describe.skipIf(!existsSync(chromiumPath))('the committee report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let workDir: string;
  let screenshotDir: string;
  let reportUrl: string;
  const requests: string[] = [];
  const pageProblems: string[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'perfledger-committee-report-'));
    screenshotDir = process.env.COMMITTEE_REPORT_SCREENSHOT_DIR ?? join(workDir, 'screenshots');
    await mkdir(screenshotDir, { recursive: true });
    const file = join(process.env.COMMITTEE_REPORT_SCREENSHOT_DIR ? screenshotDir : workDir, 'report.html');
    await writeFile(file, renderCommitteeReport(sampleCommitteeReportInput), 'utf8');
    reportUrl = pathToFileURL(file).href;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => pageProblems.push(`console.${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
    await page.goto(reportUrl, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('loads without any network request, console message or script error', () => {
    expect(requests).toEqual([reportUrl]);
    expect(pageProblems).toEqual([]);
  });

  it('takes a full-page screenshot, on screen and as printed', async () => {
    const screen = join(screenshotDir, 'committee-report.png');
    await page.screenshot({ path: screen, fullPage: true });
    const png = await readFile(screen);
    expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
    expect(png.length).toBeGreaterThan(20_000);

    await page.emulateMedia({ media: 'print' });
    const printed = join(screenshotDir, 'committee-report-print.png');
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: printed, fullPage: true });
    expect((await readFile(printed)).subarray(0, 8).equals(pngSignature)).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('fits the page width without horizontal scrolling', async () => {
    // A string, so this file needs no DOM typings: the test type-check runs without lib "dom".
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('has one h1 and a heading for every section', async () => {
    expect(await page.locator('h1').allTextContents()).toEqual([
      'Corporate Plan 2018-23: Priority Delivery Plans',
    ]);
    expect(await page.locator('h2').allTextContents()).toEqual([
      'Recommendations',
      'Summary',
      'Exceptions',
      'Due dates moved',
      'Restatements',
      'Appendix 1: Promoting Prosperity',
      'Appendix 2: Corporate',
    ]);
    await expect
      .poll(() => page.locator('.period').textContent())
      .toBe('2023/24 Quarter 3 (1 October – 31 December 2023)');
    expect(await page.locator('.basis').textContent()).toBe('As known at 2024-01-15 09:00 UTC');
    expect(await page.locator('.provenance').textContent()).toContain('position 1,234, head 9f2c0a41d7e3');
  });

  it('prints the counts by reported and by derived status as committees do', async () => {
    const rows = (table: string) =>
      page
        .locator(`${table} tbody tr`)
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.querySelector('th')?.textContent?.trim(),
            tr.querySelector('td')?.textContent?.trim(),
          ]),
        );
    // The delivery plan's symbols print before the words (✓ Δ ×), never instead of them.
    expect(await rows('#reported-counts')).toEqual([
      ['✓ Completed', '20 (50%)'],
      ['Slightly behind', '11 (27.5%)'],
      ['Δ Behind > 1 quarter', '8 (20%)'],
      ['× To be closed', '1 (2.5%)'],
    ]);
    expect(await rows('#derived-counts')).toEqual([
      ['✓ Completed', '19 (47.5%)'],
      ['In Progress', '9 (22.5%)'],
      ['Warning', '3 (7.5%)'],
      ['Overdue', '8 (20%)'],
      ['Cancelled', '1 (2.5%)'],
    ]);
    expect(await page.locator('#reported-counts tfoot td').textContent()).toBe('40');
    const groupTotal = await page.locator('#group-counts tfoot td').allTextContents();
    expect(groupTotal).toEqual(['20 (50%)', '11 (27.5%)', '8 (20%)', '1 (2.5%)', '40']);
  });

  it('draws one labelled, numbered bar per status, scaled to the largest count', async () => {
    const chart = page.getByRole('img', { name: 'Actions by reported delivery-plan status' });
    await expect.poll(() => chart.count()).toBe(1);
    const rows = chart.locator('.bar-row');
    const bars: { label: string | null; value: string | null; width: number; fill: string | null }[] = [];
    for (let index = 0; index < (await rows.count()); index += 1) {
      const row = rows.nth(index);
      bars.push({
        label: await row.locator('.bar-label').textContent(),
        value: await row.locator('.bar-value').textContent(),
        width: (await row.locator('rect.bar').boundingBox())?.width ?? 0,
        fill: await row.locator('rect.bar').getAttribute('fill'),
      });
    }
    expect(bars.map((bar) => [bar.label, bar.value])).toEqual([
      ['Completed', '20 (50%)'],
      ['Slightly behind', '11 (27.5%)'],
      ['Behind > 1 quarter', '8 (20%)'],
      ['To be closed', '1 (2.5%)'],
    ]);
    const [completed, slightly, , closed] = bars;
    expect(completed!.width / slightly!.width).toBeCloseTo(20 / 11, 1);
    expect(closed!.width).toBeGreaterThan(0);
    expect(new Set(bars.map((bar) => bar.fill)).size).toBe(4);
    expect(await page.locator('#derived-chart .bar-row').count()).toBe(5);
    expect(await chart.locator('desc').textContent()).toContain('Slightly behind: 11 (27.5%)');
  });

  it('lists the exceptions with both statuses side by side', async () => {
    const codes = (list: string) =>
      page
        .locator(`#${list} tbody`)
        .evaluateAll((groups) => groups.map((group) => group.getAttribute('data-code')));
    expect(await codes('exceptions-decisions')).toEqual(['FP1922_11']);
    expect(await codes('exceptions-red')).toEqual(['FP1922_02']);
    expect(await codes('exceptions-overdue')).toEqual(['FP1922_02', 'LA1821_01.1']);
    expect(await codes('exceptions-disagreements')).toEqual(['LA1821_01.1', '1.01.02']);
    const cells = await page
      .locator('#exceptions-red tbody')
      .first()
      .locator('th, td')
      .evaluateAll((nodes) => nodes.map((node) => node.textContent?.replace(/\s+/g, ' ').trim()));
    expect(cells).toEqual([
      'FP1922_02',
      'Improvements to Cannock Railway Station: outline business case',
      'Head of Economic ProsperityPromoting Prosperity',
      '30 Sep 2023',
      '40%',
      'Δ Behind > 1 quarter',
      'Overdue',
      expect.stringMatching(/^Last comment, 31 Dec 2023: There have been delays/),
    ]);
    expect(await page.locator('#exceptions-red h3').textContent()).toBe('Reported red (1)');
  });

  it('draws one timeline row per moved due date, with the days slipped', async () => {
    const timeline = page.getByRole('img', { name: /^Timeline of due dates that moved/ });
    await expect.poll(() => timeline.count()).toBe(1);
    const centre = async (locator: Locator) => {
      const box = await locator.boundingBox();
      return box ? box.x + box.width / 2 : Number.NaN;
    };
    const groups = timeline.locator('.timeline-row');
    const rows: {
      code: string | null;
      label: string | null;
      slip: string | null;
      revisions: number;
      originalX: number;
      currentX: number;
    }[] = [];
    for (let index = 0; index < (await groups.count()); index += 1) {
      const group = groups.nth(index);
      rows.push({
        code: await group.getAttribute('data-code'),
        label: await group.locator('.row-code').textContent(),
        slip: await group.locator('.slip-days').textContent(),
        revisions: await group.locator('.revision').count(),
        originalX: await centre(group.locator('.original-due')),
        currentX: await centre(group.locator('.current-due')),
      });
    }
    expect(rows.map((row) => [row.code, row.label, row.slip, row.revisions])).toEqual([
      ['DEM1518_02', 'DEM1518_02', `+${days('2022-06-30', '2024-12-31')} days`, 2],
      ['RBCS1620_05', 'RBCS1620_05', `+${days('2023-06-30', '2023-09-30')} days`, 1],
      ['CP2324_07', 'CP2324_07', `+${days('2023-09-30', '2024-03-31')} days`, 2],
      ['FP1922_09', 'FP1922_09', `−${days('2024-03-31', '2024-06-30')} days`, 1],
    ]);
    for (const row of rows.slice(0, 3)) expect(row.currentX).toBeGreaterThan(row.originalX);
    expect(rows[3]!.currentX).toBeLessThan(rows[3]!.originalX);
    // Whole quarters from 2022/23 Q1 (June 2022) to 2024/25 Q3 (December 2024).
    expect(await timeline.locator('.fy-label').allTextContents()).toEqual(['2022/23', '2023/24', '2024/25']);
    expect(await timeline.locator('.quarter-label').allTextContents()).toEqual([
      ...['Q1', 'Q2', 'Q3', 'Q4'],
      ...['Q1', 'Q2', 'Q3', 'Q4'],
      ...['Q1', 'Q2', 'Q3'],
    ]);
    expect(await page.locator('#due-date-moves-table tbody tr').count()).toBe(4);
  });

  it('shows the restatements, old value beside new', async () => {
    const rows = page.locator('#restatements-table tbody tr');
    expect([
      await rows.nth(0).locator('th, td').allTextContents(),
      await rows.nth(1).locator('th, td').allTextContents(),
    ]).toEqual([
      ['1.01.02', 'Adopt the Local Plan', 'Reported status', 'Slightly behind', 'Completed'],
      ['% complete', '80%', '90%'],
    ]);
  });

  it('renders a script in a title as text and runs nothing', async () => {
    const file = join(workDir, 'hostile.html');
    await writeFile(
      file,
      renderCommitteeReport({
        ...sampleCommitteeReportInput,
        title: '<script>document.title="pwned"</script>',
        exceptions: {
          ...sampleCommitteeReportInput.exceptions,
          red: [
            {
              code: 'X<img src=x onerror=alert(1)>',
              title: '<b>bold</b>',
              lastComment: '"><svg onload=alert(2)>',
            },
          ],
        },
      }),
      'utf8',
    );
    const hostile = await browser.newPage();
    const seen: string[] = [];
    hostile.on('request', (request) => seen.push(request.url()));
    hostile.on('dialog', (dialog) => {
      seen.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await hostile.goto(pathToFileURL(file).href);
    expect(await hostile.locator('h1').textContent()).toBe('<script>document.title="pwned"</script>');
    expect(await hostile.locator('script, img, #exceptions-red svg').count()).toBe(0);
    expect(await hostile.locator('#exceptions-red tbody th').textContent()).toBe(
      'X<img src=x onerror=alert(1)>',
    );
    expect(await hostile.title()).not.toBe('pwned');
    expect(seen).toEqual([pathToFileURL(file).href]);
    await hostile.close();
  });
});
