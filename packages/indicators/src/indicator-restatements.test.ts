import { publishReport, ValidationError } from '@perfledger/core';
import type { TempLedger } from '@perfledger/sqlite/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indicatorRestatements } from './indicator-restatements.js';
import { indicatorView } from './indicator-view.js';
import { openIndicatorLedger, registerIndicator, run } from './test-support/indicator-ledger.js';

let temp: TempLedger;
beforeEach(async () => {
  temp = await openIndicatorLedger();
});
afterEach(async () => {
  await temp.cleanup();
});

async function seedAndPublish(): Promise<number> {
  const { ledger } = temp;
  await run(ledger, [
    registerIndicator('BV8', { title: 'Invoices paid within 30 days' }),
    { type: 'RecordIndicatorValue', code: 'BV8', period: '2019/20 Q1', value: 99.5 },
    { type: 'SetIndicatorTarget', code: 'BV8', period: '2019/20', target: 99 },
    registerIndicator('FOI', { title: 'FOI requests on time' }),
    { type: 'RecordIndicatorValue', code: 'FOI', period: '2019/20 Q1', value: 95 },
    { type: 'SetIndicatorTarget', code: 'FOI', period: '2019/20', target: 100 },
  ]);
  const head = await ledger.head();
  await publishReport(ledger, {
    fy: '2019/20',
    quarter: 1,
    content: JSON.stringify(await indicatorView(ledger, { period: '2019/20 Q1' })),
    format: 'json',
    generator: '@perfledger/indicators@0.1.0',
    basedOn: { position: head.position, hash: head.hash },
  });
  return head.position;
}

describe('indicatorRestatements', () => {
  it('lists the lines changed after the published Q1 report, with the events that changed them', async () => {
    const { ledger } = temp;
    const published = await seedAndPublish();
    await ledger.execute(
      {
        type: 'CorrectIndicatorValue',
        code: 'BV8',
        period: '2019/20 Q1',
        value: 98.1,
        reason: 'Late invoices found',
      },
      { actor: 'internal.audit' },
    );
    await ledger.execute({
      type: 'SetIndicatorTolerance',
      code: 'FOI',
      effectiveOn: '2019-04-01',
      tolerance: { kind: 'percent', amber: 5 },
    });
    // A change to another period restates nothing in Q1.
    await ledger.execute({ type: 'RecordIndicatorValue', code: 'FOI', period: '2019/20 Q2', value: 97 });

    const result = await indicatorRestatements(ledger, { period: 'Q1 2019/20' });
    expect(result.published?.position).toBe(published);
    expect(result.report).toMatchObject({ fy: '2019/20', quarter: 1 });
    expect(result.items.map((item) => [item.code, item.change, item.fields])).toEqual([
      ['BV8', 'changed', ['value', 'targetMet', 'derivedStatus']],
      ['FOI', 'changed', ['tolerance', 'derivedStatus']],
    ]);
    expect(result.items[0]?.events.map((e) => [e.type, e.actor, e.description])).toEqual([
      [
        'IndicatorValueCorrected',
        'internal.audit',
        '2019/20 Q1 value corrected from 99.5 to 98.1 (Late invoices found)',
      ],
    ]);
    expect(result.items[0]?.before?.value).toBe(99.5);
    expect(result.items[0]?.after?.value).toBe(98.1);
  });

  it('with nothing changed, or no report published and no cut-off given, restates nothing', async () => {
    await seedAndPublish();
    expect((await indicatorRestatements(temp.ledger, { period: '2019/20 Q1' })).items).toEqual([]);
    const none = await indicatorRestatements(temp.ledger, { period: '2019/20 Q2' });
    expect([none.published, none.items]).toEqual([null, []]);
  });

  it('refuses a misplaced option', async () => {
    await expect(
      indicatorRestatements(temp.ledger, { period: '2019/20 Q1', fy: '2019/20' } as never),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
