import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explain } from './explain/explain.js';
import { councilLedger } from './test-support/council-scenario.js';

// The auditor's guide promises that its SQL runs as written; hold it to that.
const guide = readFileSync(new URL('../../../docs/projections/audit-trail.md', import.meta.url), 'utf8');
const blocks = (language: string) =>
  [...guide.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1]!);

describe('docs/projections/audit-trail.md', () => {
  it('has SQL examples that run and return rows on the seed scenario', async () => {
    const t = await councilLedger();
    try {
      const sql = blocks('sql');
      expect(sql.length).toBeGreaterThanOrEqual(8);
      for (const query of sql) {
        const rows = await t.ledger.query.all(query);
        expect(rows.length, query).toBeGreaterThan(0);
      }
      const [exact] = await t.ledger.query.all<{ value: string }>(sql.at(-1)!);
      expect(exact?.value).toBe('5'); // as known at position 8, before the Q1 correction
    } finally {
      await t.cleanup();
    }
  });

  it('shows the explanation the code gives', async () => {
    const t = await councilLedger();
    try {
      const story = await explain(t.ledger, 'DEM1518_02', {
        publications: [{ fy: '2019/20', quarter: 3, publishedAt: '2020-01-20T10:00:00Z' }],
      });
      expect(blocks('text')[0]?.trim()).toBe(story.text);
    } finally {
      await t.cleanup();
    }
  });
});
