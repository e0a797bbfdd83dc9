import { readFileSync } from 'node:fs';
import type { Ledger } from '@perfledger/core';
import type { TempLedger } from '@perfledger/sqlite/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openIndicatorLedger, registerIndicator, run } from './test-support/indicator-ledger.js';

// The SQL examples of docs/indicators-model.md are part of the product: auditors paste them into
// sqlite3 or psql, and they run unchanged through the ledger's portable query port.
const doc = readFileSync(new URL('../../../docs/indicators-model.md', import.meta.url), 'utf8');
const examples = new Map([...doc.matchAll(/```sql\n-- (.+)\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!]));
const query = (ledger: Ledger, name: string) => {
  const sql = examples.get(name);
  if (sql === undefined) throw new Error(`No SQL example named '${name}' in docs/indicators-model.md`);
  return ledger.query.all<Record<string, unknown>>(sql.trim().replace(/;$/, ''));
};

let temp: TempLedger;
let publishedAt = 0;
beforeEach(async () => {
  temp = await openIndicatorLedger();
  await run(temp.ledger, [
    registerIndicator('BV12', { unit: 'days', polarity: 'lower' }),
    { type: 'SetIndicatorTarget', code: 'BV12', period: '2019/20', target: 8 },
    {
      type: 'SetIndicatorTolerance',
      code: 'BV12',
      effectiveOn: '2019-04-01',
      tolerance: { kind: 'percent', amber: 5 },
    },
    {
      type: 'SetIndicatorTolerance',
      code: 'BV12',
      effectiveOn: '2019-10-01',
      tolerance: { kind: 'percent', amber: 10 },
    },
    { type: 'RecordIndicatorValue', code: 'BV12', period: '2019/20 Q1', value: 9.3 },
  ]);
  publishedAt = (await temp.ledger.head()).position;
  await run(
    temp.ledger,
    [
      {
        type: 'CorrectIndicatorValue',
        code: 'BV12',
        period: '2019/20 Q1',
        value: 9.1,
        reason: 'Payroll data revised',
      },
      {
        type: 'SetIndicatorTarget',
        code: 'BV12',
        period: '2019/20',
        target: 7.5,
        reason: 'Cabinet, 12 Sept 2019',
      },
    ],
    { actor: 'hr.analyst' },
  );
});
afterEach(async () => {
  await temp.cleanup();
});

describe('the SQL of docs/indicators-model.md', () => {
  it('has the five examples', () => {
    expect([...examples.keys()]).toEqual([
      'every correction',
      'first and current values',
      'revised targets',
      'tolerance in force',
      'recorded after publication',
    ]);
  });

  it('answers what the page says it answers', async () => {
    const { ledger } = temp;
    expect(await query(ledger, 'every correction')).toMatchObject([
      {
        code: 'BV12',
        period: '2019/20 Q1',
        from_value: 9.3,
        value: 9.1,
        reason: 'Payroll data revised',
        actor: 'hr.analyst',
      },
    ]);
    expect(await query(ledger, 'first and current values')).toEqual([
      { code: 'BV12', period: '2019/20 Q1', first_value: 9.3, value_now: 9.1 },
    ]);
    expect(await query(ledger, 'revised targets')).toMatchObject([
      {
        period: '2019/20',
        from_kind: 'number',
        from_value: 8,
        target_value: 7.5,
        reason: 'Cabinet, 12 Sept 2019',
      },
    ]);
    expect(await query(ledger, 'tolerance in force')).toEqual([
      { code: 'BV12', kind: 'percent', amber: 5, effective_on: '2019-04-01' },
    ]);
    const sql = examples
      .get('recorded after publication')!
      .replace('position > 120', `position > ${publishedAt}`);
    expect(await ledger.query.all(sql.trim().replace(/;$/, ''))).toMatchObject([
      { entry: 'corrected', value: 9.1 },
    ]);
  });
});
