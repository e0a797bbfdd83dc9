import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '@perfledger/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { runDemo } from './run-demo.js';

const root = mkdtempSync(join(tmpdir(), 'perfledger-example-quarterly-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('examples/quarterly (npm run demo)', () => {
  it('runs the main job end to end in a directory of its own', async () => {
    let transcript = '';
    const io: CliIo = {
      stdout: (text) => {
        transcript += text;
      },
      stderr: (text) => {
        transcript += text;
      },
      interactive: false,
      cwd: root,
    };
    const result = await runDemo({
      root,
      io,
      log: (line) => {
        transcript += `${line}\n`;
      },
    });

    expect(result.db).toBe(join(root, 'out', 'perfledger-demo.db'));
    expect(transcript).toContain(
      '15 rows, 15 new actions, 61 events appended, 15 rows changed, 0 rows unchanged.\nReturn 2019/20 Q1: 15 statements recorded.',
    );
    // Sign-off: Q1 published without it, needing the flag; Q2 submitted and approved per plan.
    expect(transcript).toMatch(
      /Published WITHOUT APPROVAL of the return of 'ICT and Business Transformation/,
    );
    expect(transcript).toMatch(/Q2 return of 'Resources Business Plan 2019-22': approved\./);
    // A Q1 correction restates Q1 and leaves Q2 standing; the Q2 correction restates Q2.
    expect(transcript).toContain(
      '1 statements recorded, 1 correcting the return already recorded for that quarter.',
    );
    expect(transcript).toMatch(/against as now known: restated Q1, Q2\./);
    expect(transcript).toMatch(/Q1 +RBCS1620_05 +changed +status +Warning +In Progress/);
    expect(transcript).not.toMatch(/Q2 +RBCS1620_05/);
    expect(transcript).toContain("so it is that quarter's record, not a back-dated correction");
    // The bad Q3 draft is refused whole, every problem named.
    expect(transcript).toContain(
      "row 16, due_date: '31-Apr-2020' is not a real date: April 2020 has 30 days",
    );
    expect(transcript).toMatch(
      /Quarter-end report 2019\/20 Q3 \(2019-10-01 to 2019-12-31\), as now known \(ledger position 155\)/,
    );
    expect(transcript).toMatch(/DEM1518_02 +2019-06-30 +2020-12-31 +1 +550 +6 +behind/);
    expect(transcript).toContain('the due date of DEM1922_01 moved from 28 Feb 2020 to 30 Jun 2020');
    expect(transcript).toMatch(/The 2019\/20 Q2 report published at position 112 matches/);
    expect(transcript).toMatch(/FP1922_03 +changed +percentComplete, lastComment/);
    expect(transcript).toMatch(/Chain OK: 155 events/);
    expect(transcript).toMatch(
      /Checkpoint out\/checkpoint\.json OK: the first 155 events are unchanged \(signature valid\)/,
    );
    // The offline proof of the published Q2 report: cosigned, bundled, verified with no database.
    expect(transcript).toMatch(/Cosigned perfledger\/[0-9a-f-]{36} at size 155 \(extends size 0\)/);
    expect(transcript).toMatch(
      /Proof out\/2019-20-q2\.html\.proof\.json OK: the ReportPublished event \S+ at position 112 is in perfledger\/[0-9a-f-]{36} at size 155 .*cosigned by witness\//,
    );
    expect(transcript).toContain('Report out/2019-20-q2.html OK: it hashes to');
    expect(transcript).toMatch(/Projection audit OK at position 155: audit_trail \d+ rows/);
    expect(transcript).toMatch(/error \[OUTPUT_IS_LEDGER\]/);
    // Section 6: seed 001's indicator tables, imported once; the second import appends nothing.
    expect(transcript).toContain('104 rows, 26 indicators (26 new), 178 events appended.');
    expect(transcript).toMatch(/IndicatorValueRecorded +78/);
    expect(transcript).toContain('104 rows, 26 indicators (0 new), 0 events appended.');
    expect(transcript).toMatch(
      /Indicators 2019\/20 Q1 \(2019-04-01 to 2019-06-30\), as now known \(ledger position 333\)/,
    );
    expect(transcript).toContain('Reported status disagrees with the figures (5)');
    expect(transcript).toContain(
      'LALocal_07: reported Satisfactory (on track) but the target is not met: 1 against 0',
    );
    expect(transcript).toMatch(/2018\/19 +8\.7 +— +— +improving/);
    expect(transcript).toContain(
      'BV12 (Working Days Lost Due to Sickness Absence (Rolling Annual Figure)) is Alert for 2019/20 Q1',
    );
    expect(readFileSync(join(result.out, '2019-20-q1-indicators.html'), 'utf8')).toContain(
      '<h2 id="indicators-heading">Indicators, 2019/20 Q1</h2>',
    );
    const page = readFileSync(result.html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/i);
    expect(page).toContain('<dd class="committee">Finance and Resources Committee</dd>');
    expect(page).toContain('<dd class="contact"><span class="not-stated">Not stated</span></dd>');
    expect(page).toContain('<h2 id="appendix-1-heading">Appendix 1: Resources Business Plan 2019-22</h2>');
    // An XLSX workbook is a ZIP archive.
    expect(readFileSync(result.xlsx).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    // The PDF when a Chromium is there; otherwise the demo says why there is none, and goes on.
    if (result.pdf === undefined) expect(transcript).toContain('No PDF this time: No Chromium found');
    else expect(readFileSync(result.pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (existsSync('/usr/bin/chromium')) expect(result.pdf).toBe(join(result.out, '2019-20-q3.pdf'));
    for (const file of [
      '2019-20-q1.md',
      '2019-20-q2.html',
      'checkpoint.json',
      'checkpoint.txt',
      '2019-20-q2.html.proof.json',
      'keys/auditor.pub',
    ]) {
      expect(existsSync(join(result.out, file)), file).toBe(true);
    }
  });
});
