import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_OPTION_KEYS } from '@perfledger/import';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProgram } from './program.js';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

const HEADER = 'code,title,directorate,section,stage,due_date,percent_complete,status,comments\n';
const row = (code: string, percent = '5%') =>
  `${code},Title,Resources,Finance,In Progress,31/03/2025,${percent},Green,Going well\n`;

let dir: string;
const { run, out, err, io } = cliHarness(() => dir);

beforeEach(() => {
  dir = makeTempDir('perfledger-cli-limits-');
  writeFileSync(join(dir, 'q.csv'), HEADER + row('DC02') + row('A1'));
});
afterEach(() => removeTempDir(dir));

const importArgs = (file: string, ...more: string[]) => [
  'import',
  file,
  '--as-of',
  '2024-06-30',
  '--plan',
  'P',
  ...more,
];

describe('perfledger import --max-bytes / --max-rows', () => {
  it('refuses a file over --max-bytes, naming the flag, and appends nothing', async () => {
    expect(await run(...importArgs('q.csv', '--max-bytes', '100'))).toBe(1);
    expect(err()).toMatch(/INPUT_TOO_LARGE/);
    expect(err()).toMatch(/over the limit of 100 bytes/);
    expect(err()).toMatch(/--max-bytes/);
    // A refused import creates no database file.
    expect(existsSync(join(dir, 'perfledger.db'))).toBe(false);
  });

  it('refuses more rows than --max-rows, and imports within it', async () => {
    expect(await run(...importArgs('q.csv', '--max-rows', '1'))).toBe(1);
    expect(err()).toMatch(/more than 1 data row.*--max-rows/);
    expect(existsSync(join(dir, 'perfledger.db'))).toBe(false);
    expect(await run(...importArgs('q.csv', '--max-rows', '2'))).toBe(0);
    expect(out()).toMatch(/2 rows, 2 new actions/);
  });

  it('exits 2 when a limit is not a whole number of at least 1', async () => {
    for (const value of ['0', '-5', '1.5', 'lots', '']) {
      expect(await run(...importArgs('q.csv', '--max-bytes', value))).toBe(2);
      expect(err()).toMatch(/--max-bytes must be a whole number of at least 1/);
      expect(await run(...importArgs('q.csv', '--max-rows', value))).toBe(2);
    }
  });

  it.runIf(process.platform === 'linux')('refuses a .csv symbolic link to /dev/zero at once', async () => {
    symlinkSync('/dev/zero', join(dir, 'zero.csv'));
    expect(await run(...importArgs('zero.csv'))).toBe(1);
    expect(err()).toMatch(/NOT_A_REGULAR_FILE/);
    expect(err()).toMatch(/zero\.csv' is a character device/);
  });

  it('says when a row’s code matched an existing action in another case', async () => {
    expect(await run(...importArgs('q.csv'))).toBe(0);
    writeFileSync(join(dir, 'q2.csv'), HEADER + row('dc02', '50%'));
    expect(await run('import', 'q2.csv', '--as-of', '2024-09-30')).toBe(0);
    expect(out()).toMatch(/Row 2: 'dc02' updates the existing action 'DC02'/);
  });
});

describe('the importer’s messages name only options that exist', () => {
  it('every --flag is an option of perfledger import, and every option name one of the library’s', () => {
    const command = createProgram(io()).commands.find((c) => c.name() === 'import')!;
    const flags = new Set(command.options.map((option) => option.long));
    const src = join(import.meta.dirname, '..', '..', 'import', 'src');
    const texts = readdirSync(src)
      .filter((name) => name.endsWith('.ts') && !name.includes('.test.'))
      .map((name) => readFileSync(join(src, name), 'utf8'));
    // Only inside string literals: quotes and template literals, never comments.
    const literals = texts.flatMap((text) => text.match(/'[^'\n]*'|`[^`]*`|"[^"\n]*"/g) ?? []);
    const named = literals.flatMap((literal) => literal.match(/--[a-z][a-z-]*/g) ?? []);
    expect(named.length).toBeGreaterThan(0);
    for (const flag of named) expect(flags, flag).toContain(flag);
    const options = literals.flatMap((literal) => [...literal.matchAll(/\boption (\w+)/g)].map((m) => m[1]!));
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) expect(IMPORT_OPTION_KEYS, option).toContain(option);
    expect(literals.join('\n')).not.toMatch(/pass the format explicitly/);
  });
});
