import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../ledger/ledger.js';
import type { SqlValue } from '../store/event-store.js';
import { commandHistory, playHistory } from './command-histories.js';
import { conformanceProjections, expectedRows, selectAll, sortByKey } from './conformance-projections.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { readLog, runsFor, withEngine } from './fixtures.js';
import { ledgerOn, progressUpdate, registration } from './ledger-on.js';

/** Every conformance projection table's rows, read through the ledger's query port. */
async function projectedRows(ledger: Ledger): Promise<Map<string, Record<string, SqlValue>[]>> {
  const rows = new Map<string, Record<string, SqlValue>[]>();
  for (const projection of conformanceProjections) {
    for (const table of projection.tables) {
      rows.set(
        table.name,
        sortByKey(table, await ledger.query.all<Record<string, SqlValue>>(selectAll(table))),
      );
    }
  }
  return rows;
}

/**
 * Projections the ledger owns: rows applied inline with each append equal the rows a full
 * rebuild writes, and both equal the projections' rows computed in memory.
 *
 * @example
 * ```ts
 * describeProjectionRebuild(sqliteEngine);
 * ```
 */
export function describeProjectionRebuild(engine: EngineUnderTest): void {
  describe('projections: rebuild equals incremental', () => {
    it('inline projections hold the rows of every accepted append, and nothing of a refused one', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const ledger = await ledgerOn(store, { projections: conformanceProjections });
        await ledger.execute(registration('P1'));
        await ledger.execute(progressUpdate('P1', 40, '2023-05-01'));
        await ledger
          .execute({ type: 'ChangeStatus', code: 'P1', effectiveOn: '2023-05-01', status: 'Green' })
          .catch(() => undefined);
        const before = await projectedRows(ledger);
        await expect(
          ledger.executeAll([
            progressUpdate('P1', 50, '2023-06-01'),
            progressUpdate('NOT_REGISTERED', 50, '2023-06-01'),
          ]),
        ).rejects.toThrow();
        expect(await projectedRows(ledger)).toEqual(before);
        expect(before).toEqual(expectedRows(conformanceProjections, await readLog(store)));
        expect(before.get('conformance_changes')).toEqual([
          { position: 2, stream: 'action:P1', effective_on: '2023-05-01', before: null, after: 40 },
        ]);
      });
    });

    it('property: over random accepted command histories, inline rows equal the rows after rebuild()', async () => {
      await fc.assert(
        fc.asyncProperty(commandHistory, (steps) =>
          withEngine(engine, {}, async ({ store }) => {
            const ledger = await ledgerOn(store, { projections: conformanceProjections });
            await playHistory(ledger, steps);
            const incremental = await projectedRows(ledger);
            expect(incremental).toEqual(expectedRows(conformanceProjections, await readLog(store)));
            await ledger.projections.rebuild();
            expect(await projectedRows(ledger)).toEqual(incremental);
            // A rebuild of one projection leaves the others as they were.
            await ledger.projections.rebuild(['conformance_changes']);
            expect(await projectedRows(ledger)).toEqual(incremental);
          }),
        ),
        { numRuns: runsFor(engine, 0.75), endOnFailure: true },
      );
    });

    it('a ledger opened on an existing log builds its projections from it; reopening adds nothing twice', async () => {
      await withEngine(engine, {}, async ({ store, reopen }) => {
        const plain = await ledgerOn(store);
        await plain.execute(registration('P1'));
        await plain.execute(progressUpdate('P1', 10, '2023-05-01'));
        await plain.execute(progressUpdate('P1', 20, '2023-05-02'));
        const expected = expectedRows(conformanceProjections, await readLog(store));
        const projected = await ledgerOn(store, { projections: conformanceProjections });
        expect(await projectedRows(projected)).toEqual(expected);
        const again = await ledgerOn(await reopen(), { projections: conformanceProjections });
        expect(await projectedRows(again)).toEqual(expected);
        await again.execute(progressUpdate('P1', 30, '2023-05-03'));
        expect(await projectedRows(again)).toEqual(
          expectedRows(conformanceProjections, await readLog(store)),
        );
      });
    });

    it("projectionMode 'catch-up' leaves the rows to catchUp(), which reaches the same rows", async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const ledger = await ledgerOn(store, {
          projections: conformanceProjections,
          projectionMode: 'catch-up',
        });
        await ledger.execute(registration('P1'));
        await ledger.execute(progressUpdate('P1', 10, '2023-05-01'));
        await ledger.projections.catchUp();
        expect(await projectedRows(ledger)).toEqual(
          expectedRows(conformanceProjections, await readLog(store)),
        );
        const head = (await ledger.head()).position;
        await ledger.projections.require('conformance_facts', head);
      });
    });

    it('require() catches a writable ledger up; a read-only one behind the position, or a projection not registered, is PROJECTION_NOT_READY', async () => {
      await withEngine(engine, {}, async ({ store, reopenReadonly }) => {
        const writer = await ledgerOn(store, {
          projections: conformanceProjections,
          projectionMode: 'catch-up',
        });
        await writer.projections.catchUp();
        await writer.execute(registration('P1'));
        const head = (await writer.head()).position;
        const reader = await ledgerOn(await reopenReadonly(), {
          projections: conformanceProjections,
          projectionMode: 'catch-up',
        });
        await expect(reader.projections.require('conformance_facts', head)).rejects.toMatchObject({
          code: 'PROJECTION_NOT_READY',
          projection: 'conformance_facts',
          position: 0,
          required: head,
        });
        await expect(writer.projections.require('not_registered', 0)).rejects.toMatchObject({
          code: 'PROJECTION_NOT_READY',
        });
        await writer.projections.require('conformance_facts', head);
        await reader.projections.require('conformance_facts', head);
        expect(await projectedRows(reader)).toEqual(
          expectedRows(conformanceProjections, await readLog(store)),
        );
      });
    });
  });
}
