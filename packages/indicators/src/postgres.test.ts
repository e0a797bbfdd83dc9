import { createLedger, type Ledger } from '@perfledger/core';
import { postgresStore } from '@perfledger/postgres';
import { findTestServer, steppingClock, withTestLedger } from '@perfledger/postgres/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indicatorHistory } from './indicator-history.js';
import { indicatorProjection } from './indicator-projection.js';
import { indicatorView } from './indicator-view.js';
import { dumpIndicatorTables, registerIndicator, run } from './test-support/indicator-ledger.js';
import { applyRandomCommands, indicatorHistoryArbitrary } from './test-support/random-indicator-history.js';

const server = await findTestServer();
if (server.skipped !== undefined) console.warn(server.skipped);

async function onPostgres(work: (ledger: Ledger) => Promise<void>): Promise<void> {
  const url = server.url!;
  await withTestLedger(url, async (name) => {
    const store = await postgresStore({
      connectionString: url,
      ledger: name,
      clock: steppingClock('2019-07-20T09:00:00Z', 1_000),
    });
    const ledger = await createLedger({ store, projections: [indicatorProjection] });
    try {
      await work(ledger);
    } finally {
      await ledger.close();
    }
  });
}

describe.skipIf(server.url === undefined)('indicators on PostgreSQL (the real server)', () => {
  it('reads back what was written: yes/no, money, corrections, bands', async () => {
    await onPostgres(async (ledger) => {
      await run(ledger, [
        registerIndicator('DEBT', { unit: 'money', polarity: 'lower', frequency: 'annual' }),
        { type: 'RecordIndicatorValue', code: 'DEBT', period: '2018/19', value: 26_200_000 },
        { type: 'RecordIndicatorValue', code: 'DEBT', period: '2019/20', value: 20_000_000.5 },
        { type: 'CorrectIndicatorValue', code: 'DEBT', period: '2019/20', value: -0.25, reason: 'Restated' },
        registerIndicator('YES', { unit: 'yesno', frequency: 'annual' }),
        { type: 'RecordIndicatorValue', code: 'YES', period: '2019/20', value: true },
        { type: 'SetIndicatorTarget', code: 'YES', period: '2019/20', target: true },
        registerIndicator('BAND', {
          unit: 'ratio',
          polarity: 'band',
          frequency: 'annual',
          statusKey: 'pentana-indicator',
        }),
        { type: 'SetIndicatorTarget', code: 'BAND', period: '2019/20', target: { low: 0.95, high: 1.05 } },
        { type: 'RecordIndicatorValue', code: 'BAND', period: '2019/20', value: 1.1 },
      ]);
      const view = await indicatorView(ledger, { period: '2019/20' });
      expect(view.items.map((i) => [i.code, i.value, i.previous, i.targetMet, i.derivedStatus])).toEqual([
        ['BAND', 1.1, null, false, 'Alert'],
        ['DEBT', -0.25, 26_200_000, null, null],
        ['YES', true, null, true, 'Green'],
      ]);
      expect((await indicatorHistory(ledger, 'debt'))?.periods[1]).toMatchObject({
        firstValue: 20_000_000.5,
        value: -0.25,
      });
    });
  });

  it('a rebuild equals incremental processing, row for row, and the view reads the same after it', async () => {
    await fc.assert(
      fc.asyncProperty(indicatorHistoryArbitrary, async (commands) => {
        await onPostgres(async (ledger) => {
          await applyRandomCommands(ledger, commands);
          const incremental = await dumpIndicatorTables(ledger);
          const view = await indicatorView(ledger, { period: '2019/20 Q1' });
          await ledger.projections.rebuild(['indicators']);
          expect(await dumpIndicatorTables(ledger)).toEqual(incremental);
          expect(await indicatorView(ledger, { period: '2019/20 Q1' })).toEqual(view);
        });
      }),
      { numRuns: 5 },
    );
  });
});
