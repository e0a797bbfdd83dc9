import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo, main } from '@perfledger/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../examples/quarterly/src/run-demo.js';
import { codeBlocks } from './markdown-snippets.js';
import { markdownPages, repositoryRoot } from './repository.js';

// Shell blocks marked <!-- snippet: run --> are walkthroughs on the demo ledger: each `perfledger`
// line runs, in order, in a directory where the demo has just run, and must exit 0.

const blocks = markdownPages()
  .flatMap((page) => codeBlocks(page, readFileSync(join(repositoryRoot, page), 'utf8')))
  .filter((block) => block.directive === 'run' && (block.language === 'sh' || block.language === 'bash'));

const root = mkdtempSync(join(tmpdir(), 'perfledger-docs-cli-'));
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

beforeAll(async () => {
  await runDemo({ root, io, log: () => {} });
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('runnable shell walkthroughs', () => {
  it('finds the auditor guide’s walkthrough', () => {
    expect(blocks.map((b) => b.page)).toContain(join('docs', 'auditors-guide.md'));
  });

  it.each(blocks.map((b) => [`${b.page}:${b.line}`, b] as const))(
    '%s runs, every command exiting 0',
    async (_, block) => {
      const commands = block.code
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.startsWith('perfledger '));
      expect(commands.length).toBeGreaterThan(0);
      for (const command of commands) {
        transcript = '';
        const code = await main(command.split(/\s+/).slice(1), io);
        expect(code, `${command}\n${transcript}`).toBe(0);
      }
    },
  );
});
