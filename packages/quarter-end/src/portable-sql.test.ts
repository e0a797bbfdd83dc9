import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// SQLite-only forms (issue 15): read models outside the SQLite engine must not use them, so that
// the same queries run on every engine's query port.
const FORBIDDEN: readonly [string, RegExp][] = [
  ['INSERT OR IGNORE', /\bINSERT\s+OR\s+IGNORE\b/i],
  ['typeof()', /\btypeof\s*\(/i],
  ['pragma_*', /\bpragma_\w+/i],
  ['WITHOUT ROWID', /\bWITHOUT\s+ROWID\b/i],
  ['ANY columns', /\bvalue\s+ANY\b/i],
  ['json_extract', /\bjson_extract\s*\(/i],
  ['GLOB', /\bGLOB\b/],
  ['printf', /\bprintf\s*\(/i],
  ['ifnull', /\bifnull\s*\(/i],
];
// Named parameters, outside string literals (times such as '17:00:00' have digits after the colon).
const NAMED_PARAMETER = /(?<![:\w]):[A-Za-z_]\w*/;

const problems = (where: string, sql: string, named: boolean): string[] => [
  ...FORBIDDEN.filter(([, pattern]) => pattern.test(sql)).map(([name]) => `${where}: ${name}`),
  ...(named && NAMED_PARAMETER.test(sql.replace(/'[^']*'/g, "''")) ? [`${where}: a named :parameter`] : []),
];

describe('portable SQL', () => {
  it('the package’s sources use no SQLite-only forms', () => {
    const dir = new URL('.', import.meta.url);
    const found = readdirSync(dir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .flatMap((name) => problems(name, readFileSync(new URL(name, dir), 'utf8'), false));
    expect(found).toEqual([]);
  });

  it('the documented SQL uses none either, nor named parameters', () => {
    const doc = readFileSync(new URL('../../../docs/projections/quarter-end.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.flatMap((sql, i) => problems(`sql block ${i + 1}`, sql, true))).toEqual([]);
  });
});
