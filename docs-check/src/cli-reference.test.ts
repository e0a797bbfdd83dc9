import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandPaths, helpBlocks, helpText, withHelpBlocks } from './cli-help.js';
import { repositoryRoot } from './repository.js';

const page = readFileSync(join(repositoryRoot, 'docs', 'reference', 'cli.md'), 'utf8');

describe('the CLI reference (docs/reference/cli.md)', () => {
  it("shows every command's --help exactly as the CLI prints it (npm run docs:cli regenerates it)", async () => {
    const documented = new Map(helpBlocks(page).map((block) => [block.command, block.text]));
    const paths = await commandPaths();
    expect(paths.map((path) => path.join(' '))).toContain('report quarter');
    for (const path of paths) {
      const command = path.join(' ');
      expect(documented.get(command), `the help of 'perfledger ${command}'`).toBe(await helpText(path));
    }
    expect([...documented.keys()].sort()).toEqual(paths.map((path) => path.join(' ')).sort());
  });

  it('fills empty help blocks and leaves the prose between them alone', () => {
    const page =
      '<!-- help: perfledger a -->\n```text\n```\n\nprose\n\n<!-- help: perfledger b -->\n```text\nold\n```\n';
    const filled = withHelpBlocks(
      page,
      new Map([
        ['a', 'A1\nA2'],
        ['b', 'B'],
      ]),
    );
    expect(filled).toBe(
      '<!-- help: perfledger a -->\n```text\nA1\nA2\n```\n\nprose\n\n<!-- help: perfledger b -->\n```text\nB\n```\n',
    );
    expect(helpBlocks(filled)).toEqual([
      { command: 'a', text: 'A1\nA2' },
      { command: 'b', text: 'B' },
    ]);
  });

  it('names the exit codes', () => {
    for (const code of ['`0`', '`1`', '`2`']) expect(page).toContain(code);
  });
});
