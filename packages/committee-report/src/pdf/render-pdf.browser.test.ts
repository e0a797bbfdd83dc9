import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCommitteeReport } from '../render-committee-report.js';
import { sampleCommitteeReportInput } from '../test-support/sample-committee-report-input.js';
import { PdfRenderError } from './pdf-errors.js';
import { renderPdf } from './render-pdf.js';

const chromiumPath = '/usr/bin/chromium';
const poppler = ['pdfinfo', 'pdftotext', 'pdftoppm'].every(
  (tool) => spawnSync(tool, ['-v'], { encoding: 'utf8' }).error === undefined,
);

function run(tool: string, args: readonly string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr}`);
  return result.stdout;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The share of pixels darker than near-white in a binary PGM (P5, 8-bit) image. */
function inkShare(pgm: Buffer): number {
  const header = pgm
    .subarray(0, 64)
    .toString('latin1')
    .match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  expect(header).not.toBeNull();
  const [whole, width, height] = header!;
  const pixels = pgm.subarray(whole.length);
  expect(pixels.length).toBe(Number(width) * Number(height));
  let ink = 0;
  for (const value of pixels) if (value < 230) ink += 1;
  return ink / pixels.length;
}

describe.skipIf(!existsSync(chromiumPath) || !poppler)('renderPdf in headless Chromium', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'perfledger-pdf-'));
    file = join(dir, 'report.pdf');
    const pdf = await renderPdf(renderCommitteeReport(sampleCommitteeReportInput), {
      executablePath: chromiumPath,
    });
    writeFileSync(file, pdf);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints A4 pages, each appendix on its own page', () => {
    const info = run('pdfinfo', [file]);
    const pages = Number(info.match(/^Pages:\s+(\d+)/m)?.[1]);
    // Title, recommendations and summary; exceptions; moved dates and restatements; two appendices.
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(10);
    // A4 is 595 × 842 points (give or take a rounding).
    const size = info.match(/^Page size:\s+([\d.]+) x ([\d.]+) pts/m);
    expect(Math.round(Number(size?.[1]))).toBe(595);
    expect(Math.round(Number(size?.[2]))).toBe(842);
    const lastPage = run('pdftotext', ['-f', String(pages), '-l', String(pages), '-layout', file, '-']);
    expect(lastPage).toContain('Appendix 2: Corporate');
  });

  it('has the summary figures, the headline and the recommendations in its text', () => {
    const text = run('pdftotext', ['-layout', file, '-']).replace(/[ \t]+/g, ' ');
    expect(text).toContain('77.5% of actions have been achieved or are in progress.');
    for (const figure of ['20 (50%)', '11 (27.5%)', '8 (20%)', '1 (2.5%)']) expect(text).toContain(figure);
    expect(text).toMatch(/TOTAL 20 \(50%\) 11 \(27\.5%\) 8 \(20%\) 1 \(2\.5%\) 40/);
    expect(text).toContain('To note the actions which have been flagged with');
    expect(text).toContain('Cabinet');
    expect(text).toMatch(/Page 1 of \d+/);
  });

  it('renders a first page that is A4-sized and not blank', () => {
    run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')]);
    // 595 × 842 points at 50 dpi.
    const { width, height } = pngSize(readFileSync(join(dir, 'page.png')));
    expect(width).toBeGreaterThanOrEqual(412);
    expect(width).toBeLessThanOrEqual(414);
    expect(height).toBeGreaterThanOrEqual(584);
    expect(height).toBeLessThanOrEqual(586);
    run('pdftoppm', ['-gray', '-r', '50', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')]);
    const ink = inkShare(readFileSync(join(dir, 'page.pgm')));
    // The dark title block alone covers a good share; a blank page would be 0.
    expect(ink).toBeGreaterThan(0.1);
    expect(ink).toBeLessThan(0.8);
  });

  it('fails with a typed error when the browser will not start', async () => {
    // /bin/false is executable but is no browser.
    await expect(
      renderPdf('<p>x</p>', { executablePath: '/bin/false', timeoutMs: 10_000 }),
    ).rejects.toBeInstanceOf(PdfRenderError);
  });
});
