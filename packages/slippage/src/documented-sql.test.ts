import { readFileSync } from 'node:fs';
import type { Ledger } from '@perfledger/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { slippageReport } from './slippage-report.js';
import { slippageSummary } from './slippage-summary.js';
import { applyHistory, historyArbitrary } from './test-support/random-history.js';
import { openSeedLedger } from './test-support/seed-ledger.js';
import { openTestLedger, type TestLedger } from './test-support/test-ledger.js';

// The SQL examples in the docs are part of the product: auditors paste them into sqlite3 (or
// any engine's client), and they run unchanged through the ledger's portable query port.
const doc = readFileSync(new URL('../../../docs/projections/slippage.md', import.meta.url), 'utf8');
const examples = new Map(
  [...doc.matchAll(/```sql\n-- (.+)\n([\s\S]*?)```/g)].map((match) => [match[1]!, match[2]!]),
);
const run = async (ledger: Ledger, name: string) => {
  const sql = examples.get(name);
  if (sql === undefined) throw new Error(`No SQL example named '${name}' in docs/projections/slippage.md`);
  return ledger.query.all(sql.trim().replace(/;$/, ''));
};

/** SQLite-only forms that portable SQL must not use (the issue 15 list, and SQLite's date functions). */
const SQLITE_ONLY = [
  /\bINSERT\s+OR\b/i,
  /(^|[\s(,=])[:@$][a-z_]/i,
  /\btypeof\s*\(/i,
  /\bpragma_/i,
  /\bWITHOUT\s+ROWID\b/i,
  /\bANY\b/,
  /\bjson_extract\s*\(/i,
  /\bGLOB\b/i,
  /\bprintf\s*\(/i,
  /\bifnull\s*\(/i,
  /\b(julianday|date|datetime|strftime|unixepoch)\s*\(/i,
];

const open: TestLedger[] = [];
afterEach(async () => {
  for (const test of open.splice(0)) await test.cleanup();
});
const seed = async () => {
  const test = await openSeedLedger();
  open.push(test);
  return test.ledger;
};

describe('the documented SQL', () => {
  it('has the seven examples', async () => {
    expect([...examples.keys()]).toEqual([
      'revisions of one action',
      'original and current due dates',
      'due dates as published',
      'directorate as now known',
      'revisions by fiscal quarter',
      'revisions recorded after their quarter ended',
      'revisions without an approver',
    ]);
  });

  it('uses portable SQL only: none of the SQLite-only forms', async () => {
    for (const [name, sql] of examples) {
      for (const form of SQLITE_ONLY) expect({ name, found: form.test(sql) }).toEqual({ name, found: false });
    }
  });

  it('lists one action’s revisions in effective order', async () => {
    const rows = await run(await seed(), 'revisions of one action');
    expect(rows.map((row) => [row.from_date, row.to_date, row.approver])).toEqual([
      ['2019-06-30', '2020-03-31', 'Policy and Performance Committee'],
      ['2020-03-31', '2020-12-31', 'Cabinet'],
    ]);
  });

  it('gives the same due dates and slippage as slippageReport, now and as published', async () => {
    const ledger = await seed();
    const now = (await slippageReport(ledger)).actions.map((action) => ({
      code: action.code,
      original_due_date: action.originalDueDate,
      current_due_date: action.currentDueDate,
      revision_count: action.revisionCount,
      days_slipped: action.daysSlipped,
    }));
    expect(await run(ledger, 'original and current due dates')).toEqual(now);
    const published = await slippageReport(ledger, {
      knownAt: '2024-01-15T23:59:59Z',
      asAt: '2023-12-31',
    });
    expect(await run(ledger, 'due dates as published')).toEqual(
      published.actions.map((action) => ({
        code: action.code,
        original_due_date: action.originalDueDate,
        due_date_as_published: action.currentDueDate,
      })),
    );
    expect(published.actions.find((action) => action.code === '1.02.20')?.currentDueDate).toBe('2023-12-31');
  });

  it('gives the same directorates and quarterly totals as the API', async () => {
    const ledger = await seed();
    expect(await run(ledger, 'directorate as now known')).toEqual(
      (await slippageReport(ledger)).actions.map((action) => ({
        code: action.code,
        directorate: action.directorate,
      })),
    );
    expect(await run(ledger, 'revisions by fiscal quarter')).toEqual(
      (await slippageSummary(ledger, { by: 'quarter' })).groups.map((group) => ({
        quarter: group.key,
        revisions: group.revisions,
        actions: group.actions,
        days_moved: group.daysMoved,
      })),
    );
  });

  it('finds restatements and unapproved revisions', async () => {
    const ledger = await seed();
    expect(
      (await run(ledger, 'revisions recorded after their quarter ended')).map((row) => row.code),
    ).toEqual(['RBCS1620_05', '1.02.20']);
    expect((await run(ledger, 'revisions without an approver')).map((row) => row.code)).toEqual([
      'RBCS1620_05',
    ]);
  });

  it('agrees with slippageReport on random histories (raw, back-dated revisions included)', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, async (steps) => {
        const test = await openTestLedger();
        try {
          await applyHistory(test.ledger, test.clock, steps);
          const expected = (await slippageReport(test.ledger)).actions.map((action) => ({
            code: action.code,
            original_due_date: action.originalDueDate,
            current_due_date: action.currentDueDate,
            revision_count: action.revisionCount,
            days_slipped: action.daysSlipped,
          }));
          expect(await run(test.ledger, 'original and current due dates')).toEqual(expected);
          expect(await run(test.ledger, 'directorate as now known')).toEqual(
            (await slippageReport(test.ledger)).actions.map((action) => ({
              code: action.code,
              directorate: action.directorate,
            })),
          );
        } finally {
          await test.cleanup();
        }
      }),
      { numRuns: 30 },
    );
  });
});
