import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { codeBlocks } from './markdown-snippets.js';
import { repositoryRoot } from './repository.js';

const cwd = mkdtempSync(join(tmpdir(), 'perfledger-readme-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe("the README's example", () => {
  it('runs as printed, in a fresh directory, and prints what its comments say', () => {
    const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
    const runnable = codeBlocks('README.md', readme).filter((block) => block.directive === 'run');
    expect(runnable).toHaveLength(1);
    const dir = join(repositoryRoot, 'docs-check', '.snippets', 'run');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
    const script = join(dir, 'readme-example.js');
    const { outputText } = ts.transpileModule(runnable[0]!.code, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(script, outputText);

    const result = spawnSync(process.execPath, [script], { cwd, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    // The quarter-end view: due date now, original due date, derived status.
    expect(lines[0]).toBe('2020-12-31 2019-06-30 In Progress');
    expect(lines[1]).toMatch(
      /^DEM1518_02 was registered on 1 Apr 2019 \(recorded .* UTC\) with a due date of 30 Jun 2019\.$/,
    );
    expect(lines[2]).toMatch(
      /the due date of DEM1518_02 moved from 30 Jun 2019 to 31 Dec 2020 \(\+550 days, 6 quarters\), effective 18 Jul 2019\. Reason: Land Registry migration rescheduled\. Approved by Policy and Performance Committee\./,
    );
    expect(lines.at(-1)).toBe(
      'In all, the due date of DEM1518_02 changed 1 time after registration; it is now 31 Dec 2020.',
    );
  });
});
