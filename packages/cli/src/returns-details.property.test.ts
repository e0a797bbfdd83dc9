import { auditFields, explain, queryTrail } from '@perfledger/audit-trail';
import { importSnapshot, SnapshotImportError } from '@perfledger/import';
import { quarterEndView } from '@perfledger/quarter-end';
import { slippageReport } from '@perfledger/slippage';
import { createTempLedger } from '@perfledger/sqlite/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standardProjections } from './projections.js';
import { renderQuarterReport } from './report/render-quarter-report.js';

// Issue 17 (items 3, 4, 5, 7): whatever the importer accepts — period due dates, blank or
// contradictory percentages, comments that are reasons, a plan's remembered status key — every
// read side can process: the quarter-end view, every report format (the committee report
// included), slippage, the audit trail and explain.

const HEADER = 'code,title,directorate,section,plan,stage,due_date,percent_complete,status,comments';
const PLAN = 'Promoting Prosperity PDP 2019-20';

const cellArb = fc.record({
  stage: fc.constantFrom('In Progress', 'Completed', 'Cancelled', ''),
  due: fc.constantFrom(
    'Q4',
    'Q2',
    'Q4 2019/20',
    '2020/21',
    '2020-21',
    'March 2020',
    'Sept 2020',
    '31/12/2019',
    '',
  ),
  percent: fc.constantFrom('', '0%', '40', '80%', '100%'),
  status: fc.constantFrom('Completed', 'Slightly behind', 'Behind > 1 quarter', '×', ''),
  comment: fc.constantFrom('', 'Design stage.', 'Funding bid pending.', 'Handed over.'),
});
const quarterArb = fc.dictionary(fc.constantFrom('PP01', 'PP02', 'PP03', 'PP04'), cellArb, { minKeys: 1 });

type Cells = typeof cellArb extends fc.Arbitrary<infer T> ? T : never;

function csv(rows: Readonly<Record<string, Cells>>, first: boolean): string {
  const lines = Object.entries(rows).map(([code, c]) =>
    [
      code,
      `Action ${code}`,
      'Place',
      'Economic Development',
      PLAN,
      c.stage,
      // A new action needs a due date.
      first && c.due === '' ? 'Q4' : c.due,
      c.percent,
      c.status,
      c.comment,
    ].join(','),
  );
  return `${[HEADER, ...lines].join('\n')}\n`;
}

describe('what the importer accepts, every read side processes', () => {
  it('property: random delivery-plan returns over two quarters', async () => {
    await fc.assert(
      fc.asyncProperty(quarterArb, quarterArb, async (q1, q2) => {
        const temp = await createTempLedger({ projections: standardProjections });
        try {
          const { ledger } = temp;
          const first = await importSnapshot(
            ledger,
            { name: 'q1.csv', format: 'csv', content: csv(q1, true) },
            { asOf: '30 June 2019', statusKey: 'delivery-plan' },
          );
          // Every period due date is reported, with the words as written.
          const periods = Object.values(q1).filter((c) => c.due !== '31/12/2019').length;
          expect(first.periodDueDates).toHaveLength(periods);
          // The second quarter leaves the status key out: the plan's key is remembered.
          try {
            await importSnapshot(
              ledger,
              { name: 'q2.csv', format: 'csv', content: csv(q2, false) },
              { asOf: '2019-09-30' },
            );
          } catch (error) {
            // Refused as a whole (a closed action changed, a new row with no due date): fine.
            if (!(error instanceof SnapshotImportError)) throw error;
          }
          for (const action of await ledger.getActions()) expect(action.statusKey).toBe('delivery-plan');

          for (const quarter of [1, 2] as const) {
            const view = await quarterEndView(ledger, { fy: '2019/20', quarter });
            for (const item of view.items) {
              const p = item.percentComplete;
              expect(p === null || (Number.isInteger(p) && p >= 0 && p <= 100)).toBe(true);
            }
            const position = (await ledger.head()).position;
            for (const format of ['table', 'md', 'csv', 'json', 'html'] as const) {
              const rendered = await renderQuarterReport(
                ledger,
                { fy: '2019/20', quarter, format, warningWindowDays: 30, basis: { kind: 'now' }, position },
                'test',
              );
              // A blank % complete is never shown as 0 %: only a stated 0 % is.
              if (format === 'json') {
                const items = JSON.parse(rendered.content).items as { percentComplete: number | null }[];
                expect(items.map((i) => i.percentComplete)).toEqual(view.items.map((i) => i.percentComplete));
              }
              if (format === 'table') {
                for (const item of view.items) {
                  const line = rendered.content.split('\n').find((l) => l.startsWith(`${item.code} `)) ?? '';
                  if (item.percentComplete === null) expect(line).toMatch(/\bunknown\b/);
                  if (item.percentComplete !== 0) expect(line).not.toMatch(/(^|\s)0%/);
                }
              }
            }
          }
          await slippageReport(ledger);
          await queryTrail(ledger);
          for (const action of await ledger.getActions()) {
            for (const field of auditFields) await explain(ledger, action.code, { field });
          }
        } finally {
          await temp.cleanup();
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
