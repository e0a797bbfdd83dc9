import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// Issue 14, "Spreadsheets": CSV written to a file starts with a UTF-8 byte-order mark so that
// Excel reads "–" and "£" as written; --no-bom leaves it out; stdout never has one.
const fixtures = join(import.meta.dirname, '..', '..', '..', 'examples', 'quarterly', 'data');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

let dir: string;
const { run, out } = cliHarness(() => dir);

const bytes = (file: string) => readFileSync(join(dir, file));

beforeAll(async () => {
  dir = makeTempDir('perfledger-bom-');
  expect(
    await run('import', join(fixtures, '2019-20-q1.csv'), '--as-of', '2019-06-30', '--status-key', 'pentana'),
  ).toBe(0);
});
afterAll(() => removeTempDir(dir));

const commands: readonly (readonly string[])[] = [
  ['report', 'quarter', '--fy', '2019/20', '--quarter', '1'],
  ['slippage'],
  ['trail'],
  ['report', 'restatements', '--fy', '2019/20', '--known-at', '1'],
];

describe('CSV and the byte-order mark', () => {
  it.each(commands)(
    'starts a CSV --out file with a BOM by default, and not with --no-bom: %s',
    async (...args) => {
      const name = args.join('-').replaceAll('/', '');
      expect(await run(...args, '--format', 'csv', '--out', `${name}.csv`)).toBe(0);
      expect(await run(...args, '--format', 'csv', '--out', `${name}-plain.csv`, '--no-bom')).toBe(0);
      expect(await run(...args, '--format', 'csv')).toBe(0);
      const stdout = Buffer.from(out(), 'utf8');
      const withBom = bytes(`${name}.csv`);
      const plain = bytes(`${name}-plain.csv`);
      expect(withBom.subarray(0, 3).equals(BOM)).toBe(true);
      expect(plain.subarray(0, 3).equals(BOM)).toBe(false);
      // The mark is all that differs; stdout has none, so a program reading a pipe sees the header.
      expect(withBom.subarray(3).equals(plain)).toBe(true);
      expect(stdout.subarray(0, 3).equals(BOM)).toBe(false);
      expect(plain.toString('utf8')).toBe(out().endsWith('\n') ? out() : `${out()}\n`);
    },
  );

  it('gives no BOM to other formats written to a file', async () => {
    for (const format of ['json', 'md', 'table']) {
      expect(await run('slippage', '--format', format, '--out', `slippage.${format}`)).toBe(0);
      expect(bytes(`slippage.${format}`).subarray(0, 3).equals(BOM)).toBe(false);
    }
  });
});
