import { type EventEnvelope, foldAction, UnknownActionError } from '@perfledger/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditField } from './audit-field.js';
import { explain } from './explain/explain.js';
import { queryTrail } from './query-trail.js';
import { oldBeforeValue } from './test-support/old-before-value.js';
import { encodeField, expectedTrail } from './test-support/oracle.js';
import { historyArb, playHistory } from './test-support/random-history.js';
import { dumpAuditTable, testLedger } from './test-support/test-ledger.js';

const RUNS = { numRuns: 40 };

async function readAll(ledger: import('@perfledger/core').Ledger): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for await (const event of ledger.readAll()) events.push(event);
  return events;
}

describe('auditTrailProjection (properties)', () => {
  it('gives the same rows inline, by catch-up and after a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), async (steps) => {
        const inline = await testLedger();
        const later = await testLedger(undefined, { projectionMode: 'catch-up' });
        try {
          await playHistory(inline.ledger, inline.clock, steps);
          const incremental = await dumpAuditTable(inline.ledger);
          await inline.ledger.projections.rebuild();
          expect(await dumpAuditTable(inline.ledger)).toEqual(incremental);
          // The same history processed only afterwards, by catch-up.
          await playHistory(later.ledger, later.clock, steps);
          await later.ledger.projections.catchUp();
          const strip = (rows: Record<string, unknown>[]) =>
            rows.map((row) => ({ ...row, event_id: '', recorded_at: '' }));
          expect(strip(await dumpAuditTable(later.ledger))).toEqual(strip(incremental));
        } finally {
          await inline.cleanup();
          await later.cleanup();
        }
      }),
      RUNS,
    );
  });

  it('gives every row the "before" the table lookups of earlier rows gave (the rows of version 1)', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), async (steps) => {
        const t = await testLedger();
        try {
          await playHistory(t.ledger, t.clock, steps);
          for (const row of await dumpAuditTable(t.ledger)) {
            const { code, field, effective_on, position, event_type } = row as {
              code: string;
              field: AuditField;
              effective_on: string;
              position: number;
              event_type: string;
            };
            const before =
              event_type === 'ActionRegistered'
                ? null
                : await oldBeforeValue(t.ledger, code, field, effective_on, position - 1);
            expect(row.before, `${position} ${code} ${field}`).toBe(before);
          }
        } finally {
          await t.cleanup();
        }
      }),
      RUNS,
    );
  });

  it('changes nothing when the same events are processed again', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), async (steps) => {
        const t = await testLedger();
        try {
          await playHistory(t.ledger, t.clock, steps);
          const first = await dumpAuditTable(t.ledger);
          await t.ledger.projections.catchUp();
          const other = await t.reopen();
          await other.projections.catchUp();
          expect(await dumpAuditTable(t.ledger)).toEqual(first);
          expect(await dumpAuditTable(other)).toEqual(first);
        } finally {
          await t.cleanup();
        }
      }),
      RUNS,
    );
  });

  it('as known at position N equals the trail folded by core from the first N events', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), fc.nat(), async (steps, pick) => {
        const t = await testLedger();
        try {
          await playHistory(t.ledger, t.clock, steps);
          const head = (await t.ledger.head()).position;
          const n = head === 0 ? 0 : pick % (head + 1);
          const events = await readAll(t.ledger);
          expect(await queryTrail(t.ledger)).toEqual(expectedTrail(events));
          const known = events.filter((event) => event.position <= n);
          expect(await queryTrail(t.ledger, { knownAt: { position: n } })).toEqual(expectedTrail(known));
        } finally {
          await t.cleanup();
        }
      }),
      RUNS,
    );
  });

  it("explain's state at each change equals core's fold as at the change, as known then", async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), async (steps) => {
        const t = await testLedger();
        try {
          await playHistory(t.ledger, t.clock, steps);
          const events = await readAll(t.ledger);
          for (const code of new Set((await queryTrail(t.ledger)).map((row) => row.code))) {
            for (const field of ['dueDate', 'percentComplete', 'closed'] as const) {
              let story: Awaited<ReturnType<typeof explain>>;
              try {
                story = await explain(t.ledger, code, { field });
              } catch (error) {
                // Rows from direct appends to a stream that was never registered: nothing to explain.
                if (error instanceof UnknownActionError) continue;
                throw error;
              }
              for (const change of story.changes) {
                const known = events.filter(
                  (e) => e.stream === `action:${code}` && e.position <= change.position,
                );
                const state = foldAction(known, change.effectiveOn as never);
                expect(change.percentComplete).toBe(state === undefined ? null : state.percentComplete);
                expect(change.status).toBe(state === undefined ? null : state.status);
                expect(change.closed).toBe(encodeField(state, 'closed'));
              }
              const latest = foldAction(events.filter((e) => e.stream === `action:${code}`));
              expect(story.current).toBe(encodeField(latest, field));
            }
          }
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 30 },
    );
  });
});
