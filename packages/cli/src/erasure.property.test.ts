import { auditFields, explain, queryTrail } from '@perfledger/audit-trail';
import { type CommandInput, personalFieldsOf } from '@perfledger/core';
import { quarterEndView } from '@perfledger/quarter-end';
import { slippageReport } from '@perfledger/slippage';
import { createTempLedger } from '@perfledger/sqlite/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standardProjections } from './projections.js';
import { renderQuarterReport } from './report/render-quarter-report.js';
import { commandArbitrary, playCommands } from './test-support/any-date-history.js';

// Issue 13 (erasure that still verifies): whatever history the write side accepts, with any of
// its personal data erased, still verifies, and every read side processes it (the quarter-end
// view, every report format with the committee report, slippage, the audit trail and explain)
// without showing an erased text anywhere.

/** Gives each comment, reason and note a text of its own, so an erased one is recognisable. */
function named(commands: readonly CommandInput[]): CommandInput[] {
  return commands.map((command, i) => {
    const c = { ...command } as Record<string, unknown>;
    if ('comment' in c) c.comment = `Comment ${i} names J. Smith-${i}`;
    if ('reason' in c) c.reason = `Reason ${i} names A. Patel-${i}`;
    if (i % 3 === 0) c.note = `Note ${i} names K. Jones-${i}`;
    return c as CommandInput;
  });
}

describe('erased personal data: every read side processes it', () => {
  it('property: random accepted histories with random erasures verify and read everywhere', async () => {
    let erasures = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(commandArbitrary, { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        async (commands, picks) => {
          const temp = await createTempLedger({ projections: standardProjections });
          try {
            const { ledger } = temp;
            await ledger.enablePersonalDataErasure();
            // One action whose latest comment is always erased, so the marker must show.
            await ledger.execute({
              type: 'RegisterAction',
              code: 'Z9',
              effectiveOn: '2019-04-01',
              title: 'Kept',
              plan: 'Plan A',
              directorate: 'Place',
              section: 'Finance',
              dueDate: '2020-03-31',
              statusKey: 'rag',
            });
            const kept = await ledger.execute({
              type: 'AddComment',
              code: 'Z9',
              effectiveOn: '2019-06-30',
              comment: 'Z9 comment names M. Khan',
            });
            await playCommands(ledger, named(commands));
            await ledger.erasePersonalData({
              position: kept.lastPosition,
              reason: 'SAR-2024-017',
              actor: 'dpo',
            });
            const log = [];
            for await (const event of ledger.readAll()) log.push(event);
            const erasable = log
              .filter((event) => event.position !== kept.lastPosition)
              .filter((event) =>
                personalFieldsOf(event.type).some(
                  (field) => typeof (event.data as Record<string, unknown>)[field] === 'string',
                ),
              );
            const erasedTexts = new Set<string>(['Z9 comment names M. Khan']);
            for (const pick of picks) {
              const event = erasable.splice(pick % Math.max(1, erasable.length), 1)[0];
              if (event === undefined) break;
              for (const field of personalFieldsOf(event.type)) {
                const text = (event.data as Record<string, unknown>)[field];
                if (typeof text === 'string') erasedTexts.add(text);
              }
              await ledger.erasePersonalData({
                position: event.position,
                reason: 'Retention R4',
                actor: 'dpo',
              });
              erasures += 1;
            }
            expect((await ledger.verify()).ok).toBe(true);
            const outputs: string[] = [];
            const position = (await ledger.head()).position;
            for (const fy of ['2019/20', '2023/24'] as const) {
              for (const quarter of [1, 2, 3, 4] as const) {
                outputs.push(JSON.stringify(await quarterEndView(ledger, { fy, quarter })));
                for (const format of ['table', 'md', 'csv', 'json', 'html'] as const) {
                  const rendered = await renderQuarterReport(
                    ledger,
                    { fy, quarter, format, warningWindowDays: 30, basis: { kind: 'now' }, position },
                    'test',
                  );
                  outputs.push(rendered.content);
                }
              }
            }
            outputs.push(JSON.stringify(await slippageReport(ledger)));
            outputs.push(JSON.stringify(await queryTrail(ledger)));
            for (const action of await ledger.getActions()) {
              for (const field of auditFields)
                outputs.push(JSON.stringify(await explain(ledger, action.code, { field })));
            }
            const all = outputs.join('\n');
            for (const text of erasedTexts) expect(all).not.toContain(text);
            expect((await ledger.getAction('Z9'))?.lastComment?.text).toMatch(
              /^\[erased on \d{4}-\d{2}-\d{2}\]$/,
            );
            expect(all).toContain('[erased on ');
          } finally {
            await temp.cleanup();
          }
        },
      ),
      { numRuns: 16, seed: 1813 },
    );
    // The runs erased more than the one fixed comment.
    expect(erasures).toBeGreaterThan(5);
  }, 300_000);
});
