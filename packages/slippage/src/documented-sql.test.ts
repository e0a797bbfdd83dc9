import { readFileSync } from 'node:fs';
import type { Ledger } from '@perfledger/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { slippageReport } from './slippage-report.js';
import { slippageSummary } from './slippage-summary.js';
import { applyHistory, historyArbitrary } from './test-support/random-history.js';
import { openSeedLedger } from './test-support/seed-ledger.js';
import { openTestLedger, type TestLedger } from './test-support/test-ledger.js';

// The SQL examples in the docs are part of the product: auditors paste them into sqlite3.
const doc = readFileSync(new URL('../../../docs/projections/slippage.md', import.meta.url), 'utf8');
const examples = new Map(
  [...doc.matchAll(/```sql\n(-- (.+)\n[\s\S]*?)```/g)].map((match) => [match[2]!, match[1]!]),
);
const run = (ledger: Ledger, name: string) => {
  const sql = examples.get(name);
  if (sql === undefined) throw new Error(`No SQL example named '${name}' in docs/projections/slippage.md`);
  return ledger.store.database.prepare(sql).all() as Record<string, unknown>[];
};

const open: TestLedger[] = [];
afterEach(() => {
  for (const test of open.splice(0)) test.cleanup();
});
const seed = () => {
  const test = openSeedLedger();
  open.push(test);
  return test.ledger;
};

describe('the documented SQL', () => {
  it('has the seven examples', () => {
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

  it('lists one action’s revisions in effective order', () => {
    const rows = run(seed(), 'revisions of one action');
    expect(rows.map((row) => [row.from_date, row.to_date, row.approver])).toEqual([
      ['2019-06-30', '2020-03-31', 'Policy and Performance Committee'],
      ['2020-03-31', '2020-12-31', 'Cabinet'],
    ]);
  });

  it('gives the same due dates and slippage as slippageReport, now and as published', () => {
    const ledger = seed();
    const now = slippageReport(ledger).actions.map((action) => ({
      code: action.code,
      original_due_date: action.originalDueDate,
      current_due_date: action.currentDueDate,
      revision_count: action.revisionCount,
      days_slipped: action.daysSlipped,
    }));
    expect(run(ledger, 'original and current due dates')).toEqual(now);
    const published = slippageReport(ledger, {
      basis: { knownAt: '2024-01-15T23:59:59Z', asAt: '2023-12-31' },
    });
    expect(run(ledger, 'due dates as published')).toEqual(
      published.actions.map((action) => ({
        code: action.code,
        original_due_date: action.originalDueDate,
        due_date_as_published: action.currentDueDate,
      })),
    );
    expect(published.actions.find((action) => action.code === '1.02.20')?.currentDueDate).toBe('2023-12-31');
  });

  it('gives the same directorates and quarterly totals as the API', () => {
    const ledger = seed();
    expect(run(ledger, 'directorate as now known')).toEqual(
      slippageReport(ledger).actions.map((action) => ({
        code: action.code,
        directorate: action.directorate,
      })),
    );
    expect(run(ledger, 'revisions by fiscal quarter')).toEqual(
      slippageSummary(ledger, { by: 'quarter' }).groups.map((group) => ({
        quarter: group.key,
        revisions: group.revisions,
        actions: group.actions,
        days_moved: group.daysMoved,
      })),
    );
  });

  it('finds restatements and unapproved revisions', () => {
    const ledger = seed();
    expect(run(ledger, 'revisions recorded after their quarter ended').map((row) => row.code)).toEqual([
      'RBCS1620_05',
      '1.02.20',
    ]);
    expect(run(ledger, 'revisions without an approver').map((row) => row.code)).toEqual(['RBCS1620_05']);
  });

  it('agrees with slippageReport on random histories (raw, back-dated revisions included)', () => {
    fc.assert(
      fc.property(historyArbitrary, (steps) => {
        const test = openTestLedger();
        try {
          applyHistory(test.ledger, test.clock, steps);
          const expected = slippageReport(test.ledger).actions.map((action) => ({
            code: action.code,
            original_due_date: action.originalDueDate,
            current_due_date: action.currentDueDate,
            revision_count: action.revisionCount,
            days_slipped: action.daysSlipped,
          }));
          expect(run(test.ledger, 'original and current due dates')).toEqual(expected);
          expect(run(test.ledger, 'directorate as now known')).toEqual(
            slippageReport(test.ledger).actions.map((action) => ({
              code: action.code,
              directorate: action.directorate,
            })),
          );
        } finally {
          test.cleanup();
        }
      }),
      { numRuns: 30 },
    );
  });
});
