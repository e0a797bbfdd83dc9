import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo, main } from '@perfledger/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../examples/quarterly/src/run-demo.js';
import { shapeDifferences, shapeOf } from './json-shape.js';
import { repositoryRoot } from './repository.js';

const page = readFileSync(join(repositoryRoot, 'docs', 'reference', 'json-formats.md'), 'utf8');
const examples = [...page.matchAll(/<!-- json-of: (.*?) -->\n\n```json\n([\s\S]*?)\n```/g)].map((match) => ({
  command: match[1] ?? '',
  json: match[2] ?? '',
}));

const root = mkdtempSync(join(tmpdir(), 'perfledger-json-formats-'));
let stdout = '';
const io: CliIo = {
  stdout: (text) => {
    stdout += text;
  },
  stderr: () => {},
  interactive: false,
  cwd: root,
};

beforeAll(async () => {
  // The documented examples come from the demo's ledger: build the same one here.
  cpSync(join(repositoryRoot, 'examples', 'quarterly', 'data'), join(root, 'data'), { recursive: true });
  await runDemo({ root, io, log: () => {} });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function actual(command: string): Promise<unknown> {
  const [first, ...rest] = command.split(' ');
  if (first === 'file') return JSON.parse(readFileSync(join(root, rest.join(' ')), 'utf8'));
  // Words split on spaces; a "quoted argument" may hold spaces ("2019/20 Q1").
  const args = (command.match(/"[^"]*"|\S+/g) ?? []).map((word) => word.replace(/^"(.*)"$/, '$1'));
  stdout = '';
  const code = await main(args.includes('--db') ? args : [...args, '--db', 'out/perfledger-demo.db'], io);
  expect(code, `perfledger ${command}`).toBe(0);
  return JSON.parse(stdout);
}

describe('the JSON formats reference (docs/reference/json-formats.md)', () => {
  it('compares shapes: keys and their order, not values', () => {
    expect(shapeDifferences(shapeOf({ a: 1, b: { c: 2 } }), shapeOf({ a: null, b: { d: 2 } }))).toEqual([
      '$.b.c: documented, not printed',
      '$.b.d: printed, not documented',
    ]);
    expect(
      shapeDifferences(
        shapeOf([{ a: 1, b: null }]),
        shapeOf([
          { a: 2, b: { c: 1 } },
          { a: 3, b: null },
        ]),
      ),
    ).toEqual([]);
    expect(shapeDifferences(shapeOf({ a: 1, b: 2 }), shapeOf({ b: 2, a: 1 }))).toEqual([
      '$: keys in another order',
    ]);
  });

  it('has an example for every JSON-printing command', () => {
    expect(examples.map((e) => e.command.split(' --')[0])).toEqual([
      'report quarter',
      'report list',
      'report restatement 112',
      'slippage DEM1922_01',
      'trail DEM1922_01',
      'explain DEM1922_01',
      'import data/2019-20-q1.csv',
      'indicators import data/indicators-2019-20-q1.csv',
      'indicators report',
      'verify',
      'file out/checkpoint.json',
    ]);
  });

  it.each(examples)("shows exactly the fields '$command' prints, in order", async ({ command, json }) => {
    const documented = shapeOf(JSON.parse(json));
    expect(shapeDifferences(documented, shapeOf(await actual(command)))).toEqual([]);
  });
});
