import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factsOf } from './quarter-end-fact.js';
import { quarterEndFactsTable, quarterEndProjection } from './quarter-end-projection.js';
import { historyArb, playHistory } from './test-support/random-history.js';
import { createTestLedger, dumpFacts } from './test-support/test-ledger.js';

describe('quarterEndProjection', () => {
  it('declares its table, and returns each event’s facts as rows in column order', () => {
    expect(quarterEndFactsTable.columns.map((column) => [column.name, column.type])).toEqual([
      ['code', 'text'],
      ['field', 'text'],
      ['effective_on', 'text'],
      ['position', 'integer'],
      ['value', 'scalar'],
      ['recorded_at', 'text'],
    ]);
    expect(quarterEndFactsTable.primaryKey).toEqual(['code', 'field', 'effective_on', 'position']);
    expect(quarterEndFactsTable.indexes).toEqual([
      {
        name: 'quarter_end_facts_registrations',
        columns: ['code', 'effective_on', 'position'],
        where: { field: 'registered_on' },
      },
    ]);
    const event = {
      type: 'ProgressUpdated',
      stream: 'action:FP1922_02',
      effectiveOn: '2019-06-30',
      position: 7,
      recordedAt: '2019-07-02T09:00:00.000000Z',
      data: { percentComplete: 90 },
    } as never;
    expect([...quarterEndProjection.rows(event, [])]).toEqual([
      {
        table: 'quarter_end_facts',
        values: ['FP1922_02', 'percent_complete', '2019-06-30', 7, 90, '2019-07-02T09:00:00.000000Z'],
      },
    ]);
  });

  it('writes one fact per field an event sets, carrying the event’s position and both times', async () => {
    const t = await createTestLedger();
    try {
      await t.ledger.execute(
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
      await t.ledger.execute({
        type: 'UpdateProgress',
        code: 'FP1922_02',
        effectiveOn: '2019-06-30',
        percentComplete: 90,
      });
      const rows = (await dumpFacts(t.ledger)) as { field: string; value: unknown; position: number }[];
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
        'returned',
        'section',
        'status',
        'status_key',
        'title',
      ]);
      const progress = rows.filter((row) => row.field === 'percent_complete');
      expect(progress).toEqual([
        expect.objectContaining({ value: null, effective_on: '2019-04-01', position: 1 }),
        expect.objectContaining({ value: 90, effective_on: '2019-06-30', position: 2 }),
      ]);
      // Percentages stay integers and recorded times are the ledger's.
      const [event] = await t.ledger.readStream('action:FP1922_02', { fromVersion: 2 });
      expect(progress[1]).toMatchObject({ recorded_at: event!.recordedAt });
    } finally {
      await t.cleanup();
    }
  });

  it('keeps a title that looks like a number as text', async () => {
    const t = await createTestLedger();
    try {
      await t.ledger.execute({
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
      const rows = await t.ledger.query.all<{ field: string; value: unknown }>(
        "SELECT field, value FROM quarter_end_facts WHERE field IN ('title', 'percent_complete') ORDER BY field",
      );
      expect(rows).toEqual([
        { field: 'percent_complete', value: null },
        { field: 'title', value: '2020' },
      ]);
    } finally {
      await t.cleanup();
    }
  });

  it('ignores events of streams that are not actions', async () => {
    const t = await createTestLedger();
    try {
      const [envelope] = (
        await t.ledger.append('other:stream', [
          { type: 'ProgressUpdated', effectiveOn: '2023-06-30' as never, data: { percentComplete: 5 } },
        ])
      ).events;
      expect(factsOf(envelope!)).toEqual([]);
      expect(await dumpFacts(t.ledger)).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });

  it('incremental processing (inline, or catch-up in any batch size) equals a rebuild, row for row', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, fc.integer({ min: 1, max: 7 }), async (steps, batchSize) => {
        const inline = await createTestLedger();
        const catchUp = await createTestLedger({ mode: 'catch-up' });
        try {
          await playHistory(inline.ledger, inline.clock, steps);
          // Catch-up runs every few steps, so batches and checkpoints fall at arbitrary places.
          for (let i = 0; i < steps.length; i += 5) {
            await playHistory(catchUp.ledger, catchUp.clock, steps.slice(i, i + 5));
            await catchUp.ledger.projections.catchUp({ batchSize });
          }
          const incremental = await dumpFacts(inline.ledger);
          expect(await dumpFacts(catchUp.ledger)).toEqual(
            incremental.map((row) => ({ ...row, recorded_at: expect.any(String) })),
          );
          await inline.ledger.projections.rebuild();
          expect(await dumpFacts(inline.ledger)).toEqual(incremental);
          const caughtUp = await dumpFacts(catchUp.ledger);
          await catchUp.ledger.projections.rebuild(undefined, { batchSize: 1 });
          expect(await dumpFacts(catchUp.ledger)).toEqual(caughtUp);
        } finally {
          await inline.cleanup();
          await catchUp.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('processing the same events again changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (steps) => {
        const t = await createTestLedger();
        try {
          await playHistory(t.ledger, t.clock, steps);
          const before = await dumpFacts(t.ledger);
          await t.ledger.projections.catchUp();
          expect(await dumpFacts(t.ledger)).toEqual(before);
          // A second ledger over the same file, from another connection, with the projection.
          const other = await t.reopen();
          expect(await dumpFacts(other)).toEqual(before);
          // The rows themselves, written a second time: every key is present, so nothing is added.
          await t.ledger.store.transaction(async (session) => {
            for await (const event of t.ledger.readAll()) {
              await session.projections.insertRows(quarterEndFactsTable, [
                ...quarterEndProjection.rows(event, []),
              ]);
            }
          });
          expect(await dumpFacts(t.ledger)).toEqual(before);
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 30 },
    );
  });
});
