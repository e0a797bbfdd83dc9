import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, ledgerBytes, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

const fixtures = join(import.meta.dirname, '..', '..', 'import', 'fixtures', 'indicators');
const seed001 = join(fixtures, 'seed-001-2019-20-q1.csv');

let dir: string;
const { run, out, err } = cliHarness(() => dir);
const db = () => join(dir, 'perfledger.db');

beforeEach(() => {
  dir = makeTempDir('perfledger-cli-indicators-');
});
afterEach(() => removeTempDir(dir));

describe('perfledger indicators import', () => {
  it('imports an indicator snapshot, and importing it again appends nothing', async () => {
    expect(
      await run('indicators', 'import', seed001, '--as-of', '2019-06-30', '--actor', 'performance.team'),
    ).toBe(0);
    expect(out()).toMatch(/104 rows, 26 indicators \(26 new\), \d+ events appended\./);
    expect(out()).toMatch(/IndicatorRegistered +26/);
    expect(await run('indicators', 'import', seed001, '--as-of', '2019-06-30', '--format', 'json')).toBe(0);
    expect(JSON.parse(out())).toMatchObject({ eventsAppended: 0, replayed: true, indicators: 26 });
    expect(err()).toBe('');
  });

  it('refuses a file with a value it cannot read with exit 1, naming file, row and column; no ledger is left behind', async () => {
    expect(
      await run(
        'indicators',
        'import',
        join(fixtures, 'seed-003-key-measures-as-printed.csv'),
        '--as-of',
        '2019-03-31',
      ),
    ).toBe(1);
    expect(err()).toMatch(/SNAPSHOT_INVALID/);
    expect(err()).toMatch(/row 8, value: '81% Priority 1 90% Priority 2' holds 2 figures/);
    expect(existsSync(db())).toBe(false);
  });

  it('writes nothing to an existing ledger when a file is refused', async () => {
    expect(await run('indicators', 'import', seed001, '--as-of', '2019-06-30')).toBe(0);
    const before = ledgerBytes(db());
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      `${readFileSync(seed001, 'utf8').trimEnd()}\nBV12,Working Days Lost Due to Sickness Absence (Rolling Annual Figure),Q2 2019/20,9.1,7.5,Low,,,Green,,days,quarterly,Resources Business Plan 2019-22,Resources,Critical Success Indicators\n`,
    );
    expect(await run('indicators', 'import', bad, '--as-of', '2019-09-30')).toBe(1);
    expect(err()).toMatch(/row 106, status: 'Green' is not a value of status key 'pentana-indicator'/);
    expect(ledgerBytes(db()).equals(before)).toBe(true);
  });

  it('is a usage error (exit 2) without --as-of or with a bad one', async () => {
    expect(await run('indicators', 'import', seed001)).toBe(2);
    expect(await run('indicators', 'import', seed001, '--as-of', '31/02/2019')).toBe(2);
    expect(err()).toMatch(/--as-of/);
  });
});

describe('perfledger indicators report and trend', () => {
  beforeEach(async () => {
    expect(await run('indicators', 'import', seed001, '--as-of', '2019-06-30')).toBe(0);
  });

  it('reports a period with counts, every indicator and the disagreements', async () => {
    expect(await run('indicators', 'report', '--period', 'Q1 2019/20')).toBe(0);
    expect(out()).toMatch(
      /^Indicators 2019\/20 Q1 \(2019-04-01 to 2019-06-30\), as now known \(ledger position \d+\)/,
    );
    expect(out()).toMatch(
      /BV12 +Working Days Lost Due to Sickness Absence \(Roll… +9\.3 +7\.5 +no +8\.7 +worsening +Alert +Alert/,
    );
    expect(out()).toMatch(/LALocal_08 .* missing +87,000/);
    expect(out()).toContain(
      'LALocal_07: reported Satisfactory (on track) but the target is not met: 1 against 0',
    );
    expect(out()).toContain('Reported status disagrees with the figures (5)');
  });

  it('prints the documented JSON: period, basis, counts, items and disagreements', async () => {
    expect(await run('indicators', 'report', '--period', '2019/20 Q1', '--format', 'json')).toBe(0);
    const json = JSON.parse(out());
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['period', 'basis', 'counts', 'items', 'disagreements']),
    );
    const bv12 = json.items.find((item: { code: string }) => item.code === 'BV12');
    expect(bv12).toMatchObject({
      value: 9.3,
      target: 7.5,
      polarity: 'lower',
      targetMet: false,
      status: 'Alert',
    });
    expect(json.disagreements.map((d: { code: string }) => d.code)).toEqual([
      'BV79b_ii',
      'FPLocal_03',
      'FPLocal_09',
      'LALocal_07',
      'LALocal_12',
    ]);
  });

  it('renders csv, md and a self-contained html page, to a file with --out', async () => {
    expect(await run('indicators', 'report', '--period', '2019/20 Q1', '--format', 'csv')).toBe(0);
    expect(out().split('\r\n')[0]).toBe(
      'Code,Indicator,Value,Target,Met,Previous,Direction,Reported,Derived',
    );
    expect(
      await run('indicators', 'report', '--period', '2019/20 Q1', '--format', 'md', '--by', 'plan'),
    ).toBe(0);
    expect(out()).toMatch(/^# Indicators 2019\/20 Q1/);
    expect(out()).toContain('## By group');
    const file = join(dir, 'indicators.html');
    expect(
      await run('indicators', 'report', '--period', '2019/20 Q1', '--format', 'html', '--out', file),
    ).toBe(0);
    const page = readFileSync(file, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('aria-label="Trend of BV12: 2017/18 13.6; 2018/19 8.7; 2019/20 Q1 9.3"');
  });

  it('reports as known at a time before the import: nothing yet', async () => {
    expect(
      await run(
        'indicators',
        'report',
        '--period',
        '2019/20 Q1',
        '--known-at',
        '2000-01-01',
        '--format',
        'json',
      ),
    ).toBe(0);
    expect(JSON.parse(out())).toMatchObject({
      total: 0,
      items: [],
      basis: { kind: 'known-at', position: 0 },
    });
  });

  it('shows the trend of one indicator, and refuses an unknown code or period', async () => {
    expect(await run('indicators', 'trend', 'bv12')).toBe(0);
    expect(out()).toMatch(/^BV12 Working Days Lost .* \(days, lower is better, quarterly\)/);
    expect(out()).toMatch(/2018\/19 +8\.7 +— +— +improving/);
    expect(await run('indicators', 'trend', 'NOPE')).toBe(1);
    expect(err()).toMatch(/UNKNOWN_INDICATOR/);
    expect(await run('indicators', 'report', '--period', 'sometime')).toBe(1);
    expect(err()).toMatch(/VALIDATION_FAILED|period/);
  });

  it('adds the quarter’s indicators to the committee report', async () => {
    const file = join(dir, 'q1.html');
    expect(
      await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--format', 'html', '--out', file),
    ).toBe(0);
    const page = readFileSync(file, 'utf8');
    expect(page).toContain('<h2 id="indicators-heading">Indicators, 2019/20 Q1</h2>');
    expect(page).toContain('<li><strong>LALocal_07</strong>');
    const q2 = join(dir, 'q2.html');
    expect(
      await run('report', 'quarter', '--fy', '2019/20', '--quarter', '2', '--format', 'html', '--out', q2),
    ).toBe(0);
    expect(readFileSync(q2, 'utf8')).not.toContain('id="indicators"');
  });
});
