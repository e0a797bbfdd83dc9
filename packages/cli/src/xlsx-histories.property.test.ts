import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isInBusinessDateRange, ukFiscalCalendar } from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standardProjections } from './projections.js';
import {
  commandArbitrary,
  legacyEventsArbitrary,
  playCommands,
  seedLegacy,
} from './test-support/any-date-history.js';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// Whatever the write side accepts (and whatever an older build wrote, dates outside the range
// included), every workbook renders and reads back: random histories over the whole
// business-date range, through the CLI, each workbook read with exceljs and checked against the
// JSON output of the same command.
const RUNS = 8;
const harness = cliHarness();

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  return book;
}

/** A date cell holds a date that reads back as the recorded day, or (outside what a spreadsheet shows) the text recorded. */
function expectDateCell(cell: ExcelJS.Cell, recorded: string | null): void {
  if (recorded === null) expect(cell.type).toBe(ExcelJS.ValueType.Null);
  else if (cell.type === ExcelJS.ValueType.Date)
    expect((cell.value as Date).toISOString().slice(0, 10)).toBe(recorded);
  else expect(cell.value).toBe(recorded);
}

describe('random histories', () => {
  it('always render as workbooks that read back with the figures of the JSON output', async () => {
    await fc.assert(
      fc.asyncProperty(
        legacyEventsArbitrary,
        fc.array(commandArbitrary, { minLength: 1, maxLength: 20 }),
        async (legacy, commands) => {
          const dir = makeTempDir('perfledger-xlsx-histories-');
          const cli = async (...args: string[]) => {
            const code = await harness.runIn(dir, '--db', join(dir, 'ledger.db'), ...args);
            expect({ args, code, err: harness.err().replace(/^Wrote .*\n$/, '') }).toEqual({
              args,
              code: 0,
              err: '',
            });
            return harness.out();
          };
          try {
            const ledger = await openLedger({
              file: join(dir, 'ledger.db'),
              projections: standardProjections,
            });
            try {
              await seedLegacy(ledger, legacy);
              await playCommands(ledger, commands);
            } finally {
              await ledger.close();
            }
            const trail = JSON.parse(await cli('trail', '--format', 'json')) as {
              effectiveOn: string;
              position: number;
            }[];
            await cli('trail', '--format', 'xlsx', '--out', 'trail.xlsx');
            const trailSheet = (await readBack(join(dir, 'trail.xlsx'))).getWorksheet('Trail')!;
            expect(trailSheet.rowCount).toBe(trail.length + 1);
            trail.forEach((row, i) => {
              expect(trailSheet.getRow(i + 2).getCell(1).value).toBe(row.position);
              expectDateCell(trailSheet.getRow(i + 2).getCell(3), row.effectiveOn);
            });

            const slippage = JSON.parse(await cli('slippage', '--format', 'json')) as {
              originalDueDate: string;
              currentDueDate: string;
              daysSlipped: number;
            }[];
            await cli('slippage', '--format', 'xlsx', '--out', 'slippage.xlsx');
            const slippageSheet = (await readBack(join(dir, 'slippage.xlsx'))).getWorksheet('Slippage')!;
            expect(slippageSheet.rowCount).toBe(slippage.length + 1);
            slippage.forEach((action, i) => {
              const row = slippageSheet.getRow(i + 2);
              expectDateCell(row.getCell(5), action.originalDueDate);
              expectDateCell(row.getCell(6), action.currentDueDate);
              expect(row.getCell(8).value).toBe(action.daysSlipped);
            });

            const quarters = new Map(
              trail
                .map((row) => row.effectiveOn)
                .filter((date) => isInBusinessDateRange(date as never))
                .map((date) => {
                  const quarter = ukFiscalCalendar.quarterOf(date as never);
                  return [quarter.label, quarter] as const;
                }),
            );
            for (const quarter of [...quarters.values()].slice(0, 2)) {
              const args = [
                'report',
                'quarter',
                '--fy',
                quarter.fy.label,
                '--quarter',
                String(quarter.quarter),
              ];
              const view = JSON.parse(await cli(...args, '--format', 'json')) as {
                total: number;
                items: { dueDate: string; percentComplete: number | null }[];
              };
              const file = `q-${quarter.fy.label.replace('/', '-')}-${quarter.quarter}.xlsx`;
              await cli(...args, '--by', 'section', '--format', 'xlsx', '--out', file);
              const book = await readBack(join(dir, file));
              const actions = book.getWorksheet('Actions')!;
              expect(actions.rowCount).toBe(view.items.length + 1);
              view.items.forEach((item, i) => {
                expectDateCell(actions.getRow(i + 2).getCell(10), item.dueDate);
                const done = actions.getRow(i + 2).getCell(9).value;
                expect(done).toBe(item.percentComplete === null ? null : item.percentComplete / 100);
              });
              const counts = book.getWorksheet('Reported status')!;
              expect(counts.getRow(counts.rowCount).getCell(2).value).toBe(view.total);
            }
          } finally {
            removeTempDir(dir);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 240_000);
});
