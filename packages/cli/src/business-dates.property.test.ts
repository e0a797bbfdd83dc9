import { join } from 'node:path';
import { explain, queryTrail, trailToCsv, trailToJson } from '@perfledger/audit-trail';
import {
  type BusinessDate,
  createFiscalCalendar,
  isBusinessDate,
  isInBusinessDateRange,
  type Ledger,
  ukFiscalCalendar,
} from '@perfledger/core';
import { quarterEndView, restatements } from '@perfledger/quarter-end';
import { slippageReport, slippageSummary } from '@perfledger/slippage';
import { openLedger } from '@perfledger/sqlite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standardProjections } from './projections.js';
import {
  CODES,
  commandArbitrary,
  EDGE_DATES,
  legacyEventsArbitrary,
  playCommands,
  seedLegacy,
} from './test-support/any-date-history.js';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// The rule of issue 11, item 2: whatever the write side accepts (and whatever an older build
// wrote), every read model and renderer can process. Random histories over the whole
// business-date range, every read model and every CLI report format: none may throw.

const CLI_RUNS = 12;
const LIBRARY_RUNS = 40;

const harness = cliHarness();

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const code = await harness.runIn(cwd, '--db', join(cwd, 'ledger.db'), ...args);
  return { code, out: harness.out(), err: harness.err() };
}

/** Every date a history holds, plus the edges: the dates to read it at. */
async function datesOf(ledger: Ledger): Promise<BusinessDate[]> {
  const dates = new Set<string>(EDGE_DATES);
  for await (const event of ledger.readAll()) {
    dates.add(event.effectiveOn);
    for (const value of Object.values(event.data as Record<string, unknown>)) {
      if (isBusinessDate(value)) dates.add(value);
    }
  }
  return [...dates].filter(isBusinessDate).sort() as BusinessDate[];
}

async function readEverything(
  ledger: Ledger,
  dates: readonly BusinessDate[],
  startMonth: number,
): Promise<void> {
  const head = (await ledger.head()).position;
  for (const asAt of dates) {
    await ledger.getActions({ asAt });
    for (const code of CODES) await ledger.getAction(code, { asAt });
  }
  await ledger.getActions();
  // The UK calendar, January, and one start month drawn per run: every month 1–12 over the runs.
  for (const month of new Set([4, 1, startMonth])) {
    const calendar = createFiscalCalendar({ startMonth: month });
    const quarters = new Map(dates.map((date) => [calendar.quarterOf(date).label, calendar.quarterOf(date)]));
    for (const quarter of [...quarters.values()].slice(0, 6)) {
      // A quarter a user can name (its year has a label within years 1–9998) renders; others are refused input.
      if (!isInBusinessDateRange(quarter.start) && !isInBusinessDateRange(quarter.end)) continue;
      const view = await quarterEndView(ledger, { fy: quarter.fy, quarter: quarter.quarter, calendar });
      expect(view.total).toBe(view.items.length);
      await restatements(ledger, {
        fy: quarter.fy,
        quarter: quarter.quarter,
        calendar,
        knownAt: { position: Math.floor(head / 2) },
      });
    }
    const report = await slippageReport(ledger, { calendar });
    for (const action of report.actions) expect(Number.isSafeInteger(action.daysSlipped)).toBe(true);
    for (const by of ['plan', 'directorate', 'quarter', 'recorded-quarter'] as const) {
      await slippageSummary(ledger, { by, calendar });
    }
    await slippageReport(ledger, { calendar, knownAt: { position: Math.floor(head / 2) } });
  }
  const rows = await queryTrail(ledger);
  trailToCsv(rows);
  trailToJson(rows);
  for (const code of CODES) {
    if ((await ledger.getAction(code)) === undefined) continue;
    for (const field of ['dueDate', 'closed', 'percentComplete'] as const) {
      await explain(ledger, code, { field });
    }
  }
}

describe('random histories over the whole business-date range', () => {
  it('never make a read model throw, accepted or written by an older build', async () => {
    await fc.assert(
      fc.asyncProperty(
        legacyEventsArbitrary,
        fc.array(commandArbitrary, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 12 }),
        async (legacy, commands, startMonth) => {
          const dir = makeTempDir('perfledger-dates-');
          const ledger = await openLedger({ file: join(dir, 'ledger.db'), projections: standardProjections });
          try {
            await seedLegacy(ledger, legacy);
            await playCommands(ledger, commands);
            expect((await ledger.verify()).ok).toBe(true);
            await readEverything(ledger, await datesOf(ledger), startMonth);
          } finally {
            await ledger.close();
            removeTempDir(dir);
          }
        },
      ),
      { numRuns: LIBRARY_RUNS },
    );
  }, 240_000);

  it('never make a CLI report, in any format, fail with anything but a typed refusal of input', async () => {
    await fc.assert(
      fc.asyncProperty(
        legacyEventsArbitrary,
        fc.array(commandArbitrary, { minLength: 1, maxLength: 20 }),
        async (legacy, commands) => {
          const dir = makeTempDir('perfledger-dates-cli-');
          try {
            const ledger = await openLedger({
              file: join(dir, 'ledger.db'),
              projections: standardProjections,
            });
            let dates: BusinessDate[];
            try {
              await seedLegacy(ledger, legacy);
              await playCommands(ledger, commands);
              dates = await datesOf(ledger);
            } finally {
              await ledger.close();
            }
            const ok = async (...args: string[]) => {
              const result = await cli(dir, ...args);
              expect({ args, code: result.code, err: result.err }).toMatchObject({ code: 0, err: '' });
              return result;
            };
            expect((await ok('verify')).out).toMatch(/OK|ok/);
            for (const format of ['table', 'json', 'csv', 'md']) {
              await ok('slippage', '--format', format);
              await ok('trail', '--format', format);
            }
            for (const code of CODES) {
              const result = await cli(dir, 'explain', code);
              // An action the history never registered is a typed refusal (exit 1), never a crash.
              expect(result.code === 0 || /UNKNOWN_ACTION/.test(result.err)).toBe(true);
            }
            const quarters = new Map(
              dates.filter(isInBusinessDateRange).map((date) => {
                const quarter = ukFiscalCalendar.quarterOf(date);
                return [quarter.label, quarter] as const;
              }),
            );
            for (const quarter of [...quarters.values()].slice(0, 3)) {
              for (const format of ['table', 'json', 'csv', 'md', 'html']) {
                await ok(
                  'report',
                  'quarter',
                  '--fy',
                  quarter.fy.label,
                  '--quarter',
                  String(quarter.quarter),
                  '--format',
                  format,
                );
              }
            }
          } finally {
            removeTempDir(dir);
          }
        },
      ),
      { numRuns: CLI_RUNS },
    );
  }, 240_000);
});
