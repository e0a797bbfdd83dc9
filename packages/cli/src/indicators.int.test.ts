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
