import { foldAction, ProjectionRunner, UnknownActionError } from '@perfledger/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditTrailProjection } from './audit-trail-projection.js';
import { explain } from './explain/explain.js';
import { queryTrail } from './query-trail.js';
import { encodeField, expectedTrail } from './test-support/oracle.js';
import { historyArb, playHistory } from './test-support/random-history.js';
import { dumpAuditTable, startAudit, testLedger } from './test-support/test-ledger.js';

const RUNS = { numRuns: 40 };

describe('auditTrailProjection (properties)', () => {
  it('gives the same rows inline, by catch-up and after a rebuild', () => {
    fc.assert(
      fc.property(historyArb(), (steps) => {
        const inline = testLedger();
        const later = testLedger();
        try {
          const runner = startAudit(inline.ledger);
          playHistory(inline.ledger, inline.clock, steps);
          const incremental = dumpAuditTable(inline.ledger);
          runner.rebuild();
          expect(dumpAuditTable(inline.ledger)).toEqual(incremental);

          // The same history processed only afterwards, by catch-up in small batches.
          playHistory(later.ledger, later.clock, steps);
          const catchUp = new ProjectionRunner(later.ledger, [auditTrailProjection], {
            mode: 'catch-up',
            batchSize: 3,
          });
          catchUp.start();
          const strip = (rows: unknown[]) =>
            rows.map((row) => ({ ...(row as Record<string, unknown>), event_id: '', recorded_at: '' }));
          expect(strip(dumpAuditTable(later.ledger))).toEqual(strip(incremental));
        } finally {
          inline.cleanup();
          later.cleanup();
        }
      }),
      RUNS,
    );
  });

  it('changes nothing when the same events are processed again', () => {
    fc.assert(
      fc.property(historyArb(), (steps) => {
        const t = testLedger();
        try {
          const runner = startAudit(t.ledger);
          playHistory(t.ledger, t.clock, steps);
          const first = dumpAuditTable(t.ledger);
          expect(runner.catchUp()).toBe(0);
          runner.start();
          const other = t.reopen();
          new ProjectionRunner(other, [auditTrailProjection]).start();
          expect(dumpAuditTable(t.ledger)).toEqual(first);
          expect(dumpAuditTable(other)).toEqual(first);
        } finally {
          t.cleanup();
        }
      }),
      RUNS,
    );
  });

  it('as known at position N equals the trail folded by core from the first N events', () => {
    fc.assert(
      fc.property(historyArb(), fc.nat(), (steps, pick) => {
        const t = testLedger();
        try {
          startAudit(t.ledger);
          playHistory(t.ledger, t.clock, steps);
          const head = t.ledger.head().position;
          const n = head === 0 ? 0 : pick % (head + 1);
          const events = [...t.ledger.readAll()];
          expect(queryTrail(t.ledger)).toEqual(expectedTrail(events));
          const known = events.filter((event) => event.position <= n);
          expect(queryTrail(t.ledger, { basis: { knownAt: { position: n } } })).toEqual(expectedTrail(known));
        } finally {
          t.cleanup();
        }
      }),
      RUNS,
    );
  });

  it("explain's state at each change equals core's fold as at the change, as known then", () => {
    fc.assert(
      fc.property(historyArb(), (steps) => {
        const t = testLedger();
        try {
          startAudit(t.ledger);
          playHistory(t.ledger, t.clock, steps);
          const events = [...t.ledger.readAll()];
          for (const code of new Set(queryTrail(t.ledger).map((row) => row.code))) {
            for (const field of ['dueDate', 'percentComplete', 'closed'] as const) {
              let story: ReturnType<typeof explain>;
              try {
                story = explain(t.ledger, code, { field });
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
          t.cleanup();
        }
      }),
      { numRuns: 30 },
    );
  });
});
