import { join } from 'node:path';
import { openLedger } from '@perfledger/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardProjections } from './projections.js';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

const { runIn: run, out } = cliHarness();
let dir: string;

beforeAll(async () => {
  dir = makeTempDir('perfledger-indicator-codes-');
  const ledger = await openLedger({ file: join(dir, 'perfledger.db'), projections: standardProjections });
  try {
    await ledger.executeAll(
      [
        {
          type: 'RegisterIndicator',
          code: 'BV12',
          title: 'Working Days Lost Due to Sickness Absence',
          unit: 'days',
          polarity: 'lower',
          frequency: 'quarterly',
          plan: 'Corporate Plan 2018-23',
          statusKey: 'rag',
          effectiveOn: '2019-04-01',
        },
        { type: 'SetIndicatorTarget', code: 'BV12', period: '2019/20', target: 7.5 },
        { type: 'RecordIndicatorValue', code: 'BV12', period: '2019/20 Q1', value: 9.3 },
        {
          type: 'CorrectIndicatorValue',
          code: 'BV12',
          period: '2019/20 Q1',
          value: 9.1,
          reason: 'Payroll data revised',
        },
      ],
      { actor: 'hr.analyst' },
    );
  } finally {
    await ledger.close();
  }
});
afterAll(() => removeTempDir(dir));

describe('explain and trail take indicator codes', () => {
  it('perfledger explain BV12 says why it is Red, with the correction', async () => {
    expect(await run(dir, 'explain', 'bv12', '--period', 'Q1 2019/20')).toBe(0);
    expect(out()).toMatch(
      /^BV12 \(Working Days Lost Due to Sickness Absence\) is Red for 2019\/20 Q1 by the figures: 9\.1 against a target of 7\.5/,
    );
    expect(out()).toContain('It was corrected from 9.3 to 9.1');
    expect(await run(dir, 'explain', 'BV12', '--format', 'json')).toBe(0);
    expect(JSON.parse(out())).toMatchObject({
      kind: 'indicator',
      code: 'BV12',
      period: '2019/20 Q1',
      item: { value: 9.1 },
    });
  });

  it('perfledger trail BV12 lists the value and its correction', async () => {
    expect(await run(dir, 'trail', 'BV12', '--format', 'json')).toBe(0);
    const rows = JSON.parse(out()) as { field: string; before: string | null; after: string | null }[];
    expect(rows.filter((row) => row.field === 'value').map((row) => [row.before, row.after])).toEqual([
      [null, '9.3'],
      ['9.3', '9.1'],
    ]);
    expect(await run(dir, 'trail', 'BV12', '--format', 'csv')).toBe(0);
    expect(out().split('\r\n')[0]).toBe(
      'position,recordedAt,effectiveOn,actor,code,period,field,before,after,reason,eventType',
    );
  });
});
