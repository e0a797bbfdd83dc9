import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from './repository.js';

/** The codes of core's `LedgerErrorCode` union, read from its source. */
function unionCodes(): string[] {
  const source = readFileSync(join(repositoryRoot, 'packages/core/src/errors/ledger-error-code.ts'), 'utf8');
  const union = source.slice(source.indexOf('export type LedgerErrorCode'));
  return [...union.matchAll(/\|\s*'([A-Z_]+)'/g)].map((match) => match[1]!);
}

/** The codes named in the first column of the Errors table of docs/reference/api.md. */
function documentedCodes(): string[] {
  const page = readFileSync(join(repositoryRoot, 'docs/reference/api.md'), 'utf8');
  const section = page.slice(page.indexOf('## Errors'));
  const rows = section.split('\n').filter((line) => /^\| `[A-Z_]+`/.test(line));
  return rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([A-Z_]+)`/g)].map((match) => match[1]!));
}

describe('the error-code table of docs/reference/api.md', () => {
  it('lists every code of LedgerErrorCode, and no other', () => {
    const codes = unionCodes();
    expect(codes.length).toBeGreaterThan(20);
    const documented = new Set(documentedCodes());
    expect(codes.filter((code) => !documented.has(code))).toEqual([]);
    expect([...documented].filter((code) => !codes.includes(code))).toEqual([]);
  });
});
