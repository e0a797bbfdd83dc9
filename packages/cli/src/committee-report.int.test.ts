import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// Issue 14: the report a committee receives, as `perfledger report quarter` writes it: the title
// block from options and the config file, every action in per-plan appendices in the order the
// council registered them, the recommendations, the headline, the TOTAL row, and PDF refusals.

const HEADER = 'code,title,directorate,section,plan,stage,due_date,percent_complete,status,comments';
const PROSPERITY = 'Promoting Prosperity PDP 2019-20';
const CORPORATE = 'Corporate PDP 2019-20';

let dir: string;
const { run, out, err } = cliHarness(() => dir);

const row = (code: string, plan: string, section: string, status: string, comment = '') =>
  [code, `Action ${code}`, 'Place', section, plan, 'In Progress', '31-Mar-2020', '50%', status, comment].join(
    ',',
  );

beforeEach(async () => {
  dir = makeTempDir('perfledger-committee-report-');
  // Rows in the council's order, which is not the order of the codes.
  const rows = [
    row('ZP_02', PROSPERITY, 'Town Centres', 'Completed', 'Opened in May.'),
    row('AP_01', PROSPERITY, 'Economic Development', 'Behind > 1 quarter', 'Consultant appointed late.'),
    row('MP_03', PROSPERITY, 'Town Centres', 'To be closed', 'Funding bid unsuccessful.'),
    row('BC_01', CORPORATE, 'Finance', 'Slightly behind'),
    row('AC_02', CORPORATE, 'Finance', 'Completed'),
  ];
  writeFileSync(join(dir, 'q1.csv'), `${[HEADER, ...rows].join('\n')}\n`);
  expect(
    await run('import', join(dir, 'q1.csv'), '--as-of', '2019-06-30', '--status-key', 'delivery-plan'),
  ).toBe(0);
});
afterEach(() => removeTempDir(dir));

async function html(...args: string[]): Promise<string> {
  expect(
    await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--format', 'html', ...args),
  ).toBe(0);
  return out();
}

describe('report quarter: the committee report', () => {
  it('prints every action in per-plan appendices, in the order plans and actions were registered', async () => {
    const page = await html();
    const positions = ['ZP_02', 'MP_03', 'AP_01', 'BC_01', 'AC_02'].map((code) =>
      page.indexOf(`<tr class="action-row" data-code="${code}"`),
    );
    expect(positions.every((p) => p > 0)).toBe(true);
    // Grouped by section (first seen: Town Centres, then Economic Development), plans in registration order.
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(page).toContain(`<h2 id="appendix-1-heading">Appendix 1: ${PROSPERITY}</h2>`);
    expect(page).toContain(`<h2 id="appendix-2-heading">Appendix 2: ${CORPORATE}</h2>`);
    expect(page).toContain('Funding bid unsuccessful.');
    // The summary table per plan, in the same order, with a TOTAL row and "0" for none.
    const table = page.slice(page.indexOf('id="group-counts"'));
    expect(table.indexOf(PROSPERITY)).toBeLessThan(table.indexOf(CORPORATE));
    expect(table).toMatch(/<th scope="row">TOTAL<\/th><td class="num">2 \(40%\)<\/td>/);
    expect(page).toContain(
      '<p class="headline" id="headline">60% of actions have been achieved or are in progress.</p>',
    );
  });

  it('words the recommendations from the status meanings', async () => {
    const page = await html();
    expect(page).toContain(
      'Δ “Behind &gt; 1 quarter”, which require amendment to the timescale or scope: 1 action.',
    );
    expect(page).toContain('× “To be closed”, which require the action to be closed: 1 action.');
    expect(page).toMatch(/<li data-code="MP_03"><strong>MP_03<\/strong> Action MP_03/);
  });

  it('takes the title block from the config file, the options winning, and says what is missing', async () => {
    writeFileSync(
      join(dir, 'perfledger.config.json'),
      JSON.stringify({
        report: {
          organisation: 'Example District Council',
          committee: 'Scrutiny',
          author: 'Head of Governance',
        },
      }),
    );
    const page = await html('--committee', 'Cabinet', '--meeting-date', '2019-09-19');
    expect(page).toContain('<dd class="organisation">Example District Council</dd>');
    expect(page).toContain('<dd class="committee">Cabinet</dd>');
    expect(page).toContain('<dd class="meeting-date">19 September 2019</dd>');
    expect(page).toContain('<dd class="author">Head of Governance</dd>');
    expect(page).toContain('<dd class="contact"><span class="not-stated">Not stated</span></dd>');
    expect(page).toContain(`<dd class="plans-covered">${PROSPERITY}; ${CORPORATE}</dd>`);
  });

  it('refuses a config file with a misplaced report key, naming it', async () => {
    writeFileSync(join(dir, 'perfledger.config.json'), JSON.stringify({ report: { comittee: 'Cabinet' } }));
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--format', 'html')).toBe(1);
    expect(err()).toMatch(/VALIDATION_FAILED[\s\S]*comittee/);
  });

  it('--plan prints only that plan’s appendix; an unknown plan is refused and nothing is written', async () => {
    const page = await html('--plan', CORPORATE, '--appendix-by', 'none');
    expect(page).toContain(`Appendix 1: ${CORPORATE}`);
    expect(page).not.toContain(`Appendix 2:`);
    expect(page).not.toContain('<tr class="action-row" data-code="ZP_02"');
    // The summary still covers every plan.
    expect(page).toContain(`<th scope="row">${PROSPERITY}</th>`);
    const file = join(dir, 'report.html');
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '1',
        '--format',
        'html',
        '--plan',
        'Housing',
        '--out',
        file,
      ),
    ).toBe(1);
    expect(err()).toContain(
      `'Housing' is not a plan of the view; its plans are '${PROSPERITY}', '${CORPORATE}'`,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('prints the headline and a TOTAL row in the table output, with a configurable sentence', async () => {
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '1',
        '--headline',
        '{count} of {total} actions ({percent}) are on course.',
      ),
    ).toBe(0);
    const text = out();
    expect(text).toContain('3 of 5 actions (60%) are on course.');
    const total = text.split('\n').find((line) => line.startsWith('TOTAL'));
    expect(total?.split(/\s{2,}/)).toEqual(['TOTAL', '2 (40%)', '1 (20%)', '1 (20%)', '1 (20%)', '5']);
    const corporate = text.split('\n').find((line) => line.startsWith(CORPORATE));
    // "0" rather than "0 (0%)".
    expect(corporate?.split(/\s{2,}/)).toEqual([CORPORATE, '1 (50%)', '1 (50%)', '0', '0', '2']);
    expect(
      await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--headline', '{pct} done'),
    ).toBe(1);
    expect(err()).toContain('unknown placeholder {pct}');
  });

  it('publishes with the title block recorded, so the report is reproduced whatever the config says later', async () => {
    writeFileSync(join(dir, 'perfledger.config.json'), JSON.stringify({ report: { committee: 'Cabinet' } }));
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '1',
        '--format',
        'html',
        '--publish',
        '--allow-unapproved',
        '--report-id',
        'CAB-1',
        '--plan',
        CORPORATE,
        '--author',
        'Head of Governance',
      ),
    ).toBe(0);
    writeFileSync(join(dir, 'perfledger.config.json'), JSON.stringify({ report: { committee: 'Council' } }));
    expect(await run('report', 'reproduce', 'CAB-1')).toBe(0);
    expect(out()).toMatch(/reproduced|matches/i);
  });

  it('refuses a PDF without --out, a published PDF, and a missing browser, writing nothing', async () => {
    const quarter = ['report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--format', 'pdf'];
    expect(await run(...quarter)).toBe(2);
    expect(err()).toContain('--format pdf writes a file: give it with --out FILE.pdf.');
    const file = join(dir, 'report.pdf');
    expect(await run(...quarter, '--out', file, '--publish')).toBe(2);
    expect(err()).toContain('A PDF cannot be published');
    expect(await run(...quarter, '--out', file, '--browser', join(dir, 'no-such-chromium'))).toBe(1);
    expect(err()).toContain(
      `error [BROWSER_NOT_FOUND]: No executable browser at '${join(dir, 'no-such-chromium')}'`,
    );
    expect(existsSync(file)).toBe(false);
    expect(await run(...quarter, '--meeting-date', '19/09/2019', '--out', file)).toBe(2);
    expect(err()).toContain("--meeting-date must be a date YYYY-MM-DD, not '19/09/2019'.");
  });
});

describe.skipIf(!existsSync('/usr/bin/chromium'))('report quarter --format pdf', () => {
  it('writes the PDF of the same report through Chromium', async () => {
    const file = join(dir, 'report.pdf');
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '1',
        '--format',
        'pdf',
        '--out',
        file,
        '--browser',
        '/usr/bin/chromium',
      ),
    ).toBe(0);
    expect(err()).toContain(`Wrote ${file}`);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
