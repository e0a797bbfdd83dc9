import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { CodeBlock } from './markdown-snippets.js';

/** A snippet that does not compile, located in its Markdown page. */
export interface SnippetProblem {
  readonly page: string;
  /** The page's line the problem is on. */
  readonly line: number;
  readonly message: string;
}

/**
 * The names a snippet may use without declaring them, for the guides' short examples that
 * continue an earlier one: an open `ledger`. Everything else must be imported or declared.
 */
export const SNIPPET_PRELUDE = `import type { Ledger } from '@perfledger/core';

declare global {
  /** An open ledger, as opened in the page's first example. */
  const ledger: Ledger;
}
`;

/**
 * Writes each block to its own module under \`dir\` (a folder inside the workspace, so that
 * \`@perfledger/*\` imports resolve to the built packages) and type-checks them all in one
 * TypeScript program with the repository's compiler options. Returns every error, mapped back to
 * the page and line it comes from.
 */
export function compileSnippets(blocks: readonly CodeBlock[], dir: string, root: string): SnippetProblem[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The folder is an ES module scope, so snippets may use top-level await.
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  const prelude = join(dir, 'prelude.d.ts');
  writeFileSync(prelude, `${SNIPPET_PRELUDE}export {};\n`);
  const files = new Map<string, CodeBlock>();
  blocks.forEach((block, index) => {
    const name = `${block.page.replace(/[^a-z0-9]+/gi, '-')}-L${block.line}-${index}.ts`;
    const file = join(dir, name);
    // `export {}` makes every snippet a module, so their top-level names never collide.
    writeFileSync(file, `${block.code}\nexport {};\n`);
    files.set(file, block);
  });

  const config = ts.readConfigFile(join(root, 'tsconfig.base.json'), (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    composite: false,
    incremental: false,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
  };
  const program = ts.createProgram({ rootNames: [prelude, ...files.keys()], options });
  const problems: SnippetProblem[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const block = diagnostic.file === undefined ? undefined : files.get(diagnostic.file.fileName);
    if (diagnostic.file === undefined || block === undefined) {
      problems.push({ page: diagnostic.file?.fileName ?? '(program)', line: 0, message });
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    problems.push({
      page: block.page,
      line: block.line + 1 + line,
      message: `TS${diagnostic.code}: ${message}`,
    });
  }
  return problems;
}
