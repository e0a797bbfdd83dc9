import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '@perfledger/cli';
import type { Ledger } from '@perfledger/core';
import { openReadonlyLedger } from '@perfledger/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../examples/quarterly/src/run-demo.js';
import { codeBlocks } from './markdown-snippets.js';
import { markdownPages, repositoryRoot } from './repository.js';

const blocks = markdownPages()
  .flatMap((page) => codeBlocks(page, readFileSync(join(repositoryRoot, page), 'utf8')))
  .filter((block) => block.language === 'sql' && block.directive !== 'skip');

const root = mkdtempSync(join(tmpdir(), 'perfledger-sql-snippets-'));
const quiet: CliIo = { stdout: () => {}, stderr: () => {}, interactive: false, cwd: root };
let ledger: Ledger;

beforeAll(async () => {
  cpSync(join(repositoryRoot, 'examples', 'quarterly', 'data'), join(root, 'data'), { recursive: true });
  const { db } = await runDemo({ root, io: quiet, log: () => {} });
  ledger = await openReadonlyLedger(db);
});
afterAll(async () => {
  await ledger.close();
  rmSync(root, { recursive: true, force: true });
});

/** The statements of a block: split after each `;` that ends a line. */
function statements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.replace(/--.*$/gm, '').trim() !== '');
}

describe('SQL in the documentation', () => {
  it('finds the worked SQL of the guides and reference pages', () => {
    const pages = new Set(blocks.map((block) => block.page));
    expect(pages).toContain(join('docs', 'auditors-guide.md'));
    expect(pages).toContain(join('docs', 'reference', 'tables.md'));
  });

  it.each(blocks.map((block) => [`${block.page}:${block.line}`, block] as const))(
    '%s runs, read-only, on the demo ledger',
    async (_, block) => {
      // Through the ledger's read-only query port: a single SELECT (or WITH … SELECT) at a time.
      for (const statement of statements(block.code)) {
        await expect(ledger.query.all(statement), statement).resolves.toBeDefined();
      }
    },
  );

  it("the restatement query of the auditor's guide finds the correction made after Q2 was published", async () => {
    const guide = codeBlocks(
      'auditors-guide.md',
      readFileSync(join(repositoryRoot, 'docs', 'auditors-guide.md'), 'utf8'),
    );
    const query = guide.find((block) => block.code.includes('changes recorded after a quarter'))!.code;
    const rows = await ledger.query.all<{ quarter: number; code: string; field: string; after: string }>(
      query,
    );
    expect(rows.map((row) => [row.quarter, row.code, row.field, row.after])).toEqual([
      // The demo's Q1 correction, after the Q1 report (and the Q2 one) was published.
      [1, 'RBCS1620_05', 'status', 'In Progress'],
      [2, 'FP1922_03', 'percentComplete', '35'],
      [2, 'FP1922_03', 'comment', expect.stringMatching(/^Correction after internal audit/)],
      [2, 'RBCS1620_05', 'status', 'In Progress'],
    ]);
  });
});
