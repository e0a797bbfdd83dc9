import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSnippets } from './compile-snippets.js';
import { codeBlocks, isTypeScript } from './markdown-snippets.js';
import { markdownPages, repositoryRoot } from './repository.js';

const pages = markdownPages();
const blocks = pages.flatMap((page) => codeBlocks(page, readFileSync(join(repositoryRoot, page), 'utf8')));
const typescript = blocks.filter(isTypeScript);

describe('documentation snippets', () => {
  it('finds the pages and their TypeScript blocks', () => {
    expect(pages).toContain('README.md');
    expect(pages).toContain(join('docs', 'README.md'));
    expect(typescript.length).toBeGreaterThan(40);
  });

  it('every TypeScript block compiles (or is marked <!-- snippet: skip -->)', () => {
    const compiled = typescript.filter((block) => block.directive !== 'skip');
    const problems = compileSnippets(
      compiled,
      join(repositoryRoot, 'docs-check', '.snippets', 'compile'),
      repositoryRoot,
    );
    const report = problems.map((p) => `${p.page}:${p.line}: ${p.message}`).join('\n');
    expect(report, `snippets that do not compile:\n${report}`).toBe('');
  });

  it('skips are rare and deliberate', () => {
    const skipped = typescript.filter((block) => block.directive === 'skip');
    expect(skipped.length).toBeLessThanOrEqual(Math.ceil(typescript.length / 10));
  });

  it('uses only known snippet directives', () => {
    const unknown = blocks.filter((b) => b.directive !== undefined && !['skip', 'run'].includes(b.directive));
    expect(unknown.map((b) => `${b.page}:${b.line}: ${b.directive}`)).toEqual([]);
  });
});
