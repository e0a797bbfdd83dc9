import { readFileSync } from 'node:fs';
import type { Ledger } from '@perfledger/core';
import { afterEach, describe, expect, it } from 'vitest';
import { quarterEndView } from './quarter-end-view.js';
import { restatements } from './restatements.js';
import { Q2_PUBLISHED, seedLedger } from './test-support/seed-ledger.js';
import type { TestLedger } from './test-support/test-ledger.js';

// The SQL in the docs is part of the product: auditors paste it into sqlite3, and apps run it
// through the ledger's portable query port, so it is run here the second way.
const doc = readFileSync(new URL('../../../docs/projections/quarter-end.md', import.meta.url), 'utf8');
const examples = new Map(
  [...doc.matchAll(/```sql\n-- (.+)\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!.trim().replace(/;$/, '')]),
);
const run = (ledger: Ledger, name: string) => {
  const sql = examples.get(name);
  if (sql === undefined) throw new Error(`No SQL example named '${name}' in docs/projections/quarter-end.md`);
  return ledger.query.all(sql);
};

const open: TestLedger[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.cleanup();
});
const seed = async () => {
  const t = await seedLedger();
  open.push(t);
  return t.ledger;
};
const Q2 = { fy: '2019/20', quarter: 2 } as const;

describe('the documented SQL', () => {
  it('has the five examples', () => {
    expect([...examples.keys()]).toEqual([
      'history of one field',
      'Q2 2019/20 as now known',
      'Q2 2019/20 as published',
      'counts by reported status',
      'facts recorded after publication for the quarter',
    ]);
  });

  it('shows every value a field has taken', async () => {
    expect(
      (await run(await seed(), 'history of one field')).map((row) => [row.effective_on, row.value]),
    ).toEqual([
      // Registration leaves % complete unknown (NULL), never 0.
      ['2019-04-01', null],
      ['2019-09-30', 50],
      ['2019-09-30', 60],
    ]);
  });

  it('gives the same lines as quarterEndView, as now known and as published', async () => {
    const ledger = await seed();
    const now = (await quarterEndView(ledger, Q2)).items.map((item) => ({
      code: item.code,
      title: item.title,
      due_date: item.dueDate,
      percent_complete: item.percentComplete,
      status: item.status,
      closed: item.closed?.outcome ?? null,
      closed_on: item.closed?.effectiveOn ?? expect.any(String),
    }));
    expect(await run(ledger, 'Q2 2019/20 as now known')).toEqual(now);
    const published = (await quarterEndView(ledger, { ...Q2, knownAt: Q2_PUBLISHED })).items.map((item) => ({
      code: item.code,
      percent_complete: item.percentComplete,
      status: item.status,
    }));
    expect(await run(ledger, 'Q2 2019/20 as published')).toEqual(published);
  });

  it('counts as quarterEndView does', async () => {
    const ledger = await seed();
    const view = await quarterEndView(ledger, Q2);
    const expected = Object.entries(view.counts)
      .filter(([, count]) => count > 0)
      .map(([status, actions]) => ({
        status,
        actions,
        percent: Math.round((actions * 1000) / view.total) / 10,
      }))
      .sort((a, b) => (a.status < b.status ? -1 : 1));
    expect(await run(ledger, 'counts by reported status')).toEqual(expected);
  });

  it('finds the facts behind the restatements', async () => {
    const ledger = await seed();
    const rows = await run(ledger, 'facts recorded after publication for the quarter');
    const events = (await restatements(ledger, { ...Q2, knownAt: Q2_PUBLISHED })).items.flatMap(
      (r) => r.events,
    );
    expect([...new Set(rows.map((row) => row.recorded_at))]).toHaveLength(events.length);
    expect(rows.map((row) => [row.code, row.field, row.type, row.actor])).toContainEqual([
      'FP1922_03',
      'percent_complete',
      'ProgressUpdated',
      'finance.officer',
    ]);
    expect(new Set(rows.map((row) => row.code))).toEqual(new Set(['FP1922_03', 'ICT1920_01']));
  });
});
