import { ProjectionRunner } from '@perfledger/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factsOf } from './quarter-end-fact.js';
import { quarterEndProjection } from './quarter-end-projection.js';
import { historyArb, playHistory } from './test-support/random-history.js';
import { createTestLedger, dumpFacts } from './test-support/test-ledger.js';

describe('quarterEndProjection', () => {
  it('writes one fact per field an event sets, carrying the event’s position and both times', () => {
    const t = createTestLedger();
    try {
      t.ledger.execute(
        {
          type: 'RegisterAction',
          code: 'FP1922_02',
          effectiveOn: '2019-04-01',
          title: 'Implement web based Financial Management Software',
          plan: 'Business Plan 2019-22',
          directorate: 'Resources',
          section: 'Finance Services',
          dueDate: '2019-06-30',
          statusKey: 'pentana',
        },
        { actor: 'import:business-plan.csv' },
      );
      t.ledger.execute({
        type: 'UpdateProgress',
        code: 'FP1922_02',
        effectiveOn: '2019-06-30',
        percentComplete: 90,
      });
      const rows = dumpFacts(t.ledger.store.database) as {
        field: string;
        value: unknown;
        position: number;
      }[];
      expect(rows.filter((row) => row.position === 1).map((row) => row.field)).toEqual([
        'closed',
        'description',
        'directorate',
        'due_date',
        'last_comment',
        'original_due_date',
        'owner',
        'percent_complete',
        'plan',
        'registered_on',
        'section',
        'status',
        'status_key',
        'title',
      ]);
      const progress = rows.filter((row) => row.field === 'percent_complete');
      expect(progress).toEqual([
        expect.objectContaining({ value: 0, effective_on: '2019-04-01', position: 1 }),
        expect.objectContaining({ value: 90, effective_on: '2019-06-30', position: 2 }),
      ]);
      // Percentages stay integers and recorded times are the ledger's.
      const [event] = [...t.ledger.readAll({ after: 1 })];
      expect(progress[1]).toMatchObject({ recorded_at: event!.recordedAt });
    } finally {
      t.cleanup();
    }
  });

  it('keeps a title that looks like a number as text', () => {
    const t = createTestLedger();
    try {
      t.ledger.execute({
        type: 'RegisterAction',
        code: '1.02.20',
        effectiveOn: '2023-04-01',
        title: '2020',
        plan: 'Corporate Plan 2018-23',
        directorate: 'Place',
        section: 'Regeneration',
        dueDate: '2024-03-31',
        statusKey: 'rag',
      });
      const row = t.ledger.store.database
        .prepare("SELECT value, typeof(value) AS type FROM quarter_end_facts WHERE field = 'title'")
        .get();
      expect(row).toEqual({ value: '2020', type: 'text' });
    } finally {
      t.cleanup();
    }
  });

  it('ignores events of streams that are not actions', () => {
    const t = createTestLedger();
    try {
      const [envelope] = t.ledger.append('other:stream', [
        { type: 'ProgressUpdated', effectiveOn: '2023-06-30' as never, data: { percentComplete: 5 } },
      ]).events;
      expect(factsOf(envelope!)).toEqual([]);
      expect(dumpFacts(t.ledger.store.database)).toEqual([]);
    } finally {
      t.cleanup();
    }
  });

  it('incremental processing (inline, or catch-up in any batch size) equals a rebuild, row for row', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 1, max: 7 }), (steps, batchSize) => {
        const inline = createTestLedger();
        const catchUp = createTestLedger({ mode: 'catch-up', batchSize });
        try {
          playHistory(inline.ledger, inline.clock, steps);
          // Catch-up runs every few steps, so batches and checkpoints fall at arbitrary places.
          for (let i = 0; i < steps.length; i += 5) {
            playHistory(catchUp.ledger, catchUp.clock, steps.slice(i, i + 5));
            catchUp.runner.catchUp();
          }
          const incremental = dumpFacts(inline.ledger.store.database);
          expect(dumpFacts(catchUp.ledger.store.database)).toEqual(
            incremental.map((row) => ({ ...(row as object), recorded_at: expect.any(String) })),
          );
          inline.runner.rebuild();
          expect(dumpFacts(inline.ledger.store.database)).toEqual(incremental);
          const caughtUp = dumpFacts(catchUp.ledger.store.database);
          catchUp.runner.rebuild(undefined, { batchSize: 1 });
          expect(dumpFacts(catchUp.ledger.store.database)).toEqual(caughtUp);
        } finally {
          inline.cleanup();
          catchUp.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('processing the same events again changes nothing', () => {
    fc.assert(
      fc.property(historyArb, (steps) => {
        const t = createTestLedger();
        try {
          playHistory(t.ledger, t.clock, steps);
          const before = dumpFacts(t.ledger.store.database);
          expect(t.runner.catchUp()).toBe(0);
          expect(dumpFacts(t.ledger.store.database)).toEqual(before);
          // A second runner over the same file, from another connection.
          const other = t.reopen();
          new ProjectionRunner(other, [quarterEndProjection]).start();
          expect(dumpFacts(other.store.database)).toEqual(before);
          // The handler itself, fed every event a second time.
          const handle = quarterEndProjection.handler(t.ledger.store.database);
          t.ledger.store.transaction(() => {
            for (const event of t.ledger.readAll()) handle(event);
          });
          expect(dumpFacts(t.ledger.store.database)).toEqual(before);
        } finally {
          t.cleanup();
        }
      }),
      { numRuns: 30 },
    );
  });
});
