import { describe, expect, it } from 'vitest';
import type { ProjectionTable } from '../projections/projection.js';
import type { SqlValue } from '../store/event-store.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { rejectionOf, withEngine } from './fixtures.js';

const keyed: ProjectionTable = {
  name: 'conformance_keyed',
  columns: [
    { name: 'code', type: 'text' },
    { name: 'seq', type: 'integer' },
    { name: 'label', type: 'text' },
    { name: 'value', type: 'scalar', nullable: true },
    { name: 'ratio', type: 'real', nullable: true },
  ],
  primaryKey: ['code', 'seq'],
  unique: [['label']],
  indexes: [
    { name: 'conformance_keyed_by_value', columns: ['value'] },
    { name: 'conformance_keyed_open', columns: ['code'], where: { label: 'open' } },
  ],
};

const other: ProjectionTable = {
  name: 'conformance_other',
  columns: [{ name: 'id', type: 'integer' }],
  primaryKey: ['id'],
};

const select = 'SELECT code, seq, label, value, ratio FROM conformance_keyed ORDER BY code, seq';

/**
 * The port's {@link ProjectionStorage}: declared tables are created in the engine's dialect,
 * rows with a key already present are skipped, a scalar column keeps numbers and text apart,
 * checkpoints are stored, and every write joins the caller's transaction.
 *
 * @example
 * ```ts
 * describeProjectionStorage(sqliteEngine);
 * ```
 */
export function describeProjectionStorage(engine: EngineUnderTest): void {
  describe('projection storage', () => {
    it('resetTables creates the declared tables empty; existingTables names those that exist', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        expect(await store.projections.existingTables(['conformance_keyed', 'conformance_other'])).toEqual(
          [],
        );
        await store.projections.resetTables([keyed, other]);
        expect(
          new Set(await store.projections.existingTables(['conformance_keyed', 'conformance_other', 'nope'])),
        ).toEqual(new Set(['conformance_keyed', 'conformance_other']));
        expect(await store.query.all(select)).toEqual([]);
        await store.projections.insertRows(keyed, [
          { table: keyed.name, values: ['A', 1, 'first', 1, null] },
        ]);
        // A second reset drops the rows.
        await store.projections.resetTables([keyed]);
        expect(await store.query.all(select)).toEqual([]);
      });
    });

    it('a row whose primary key or unique key is already present is skipped; the first stays', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.projections.resetTables([keyed]);
        await store.projections.insertRows(keyed, [
          { table: keyed.name, values: ['A', 1, 'first', 10, 0.5] },
          { table: keyed.name, values: ['A', 1, 'same key', 11, 0.5] },
          { table: keyed.name, values: ['B', 1, 'first', 12, 0.5] },
          { table: keyed.name, values: ['A', 2, 'second', null, null] },
        ]);
        await store.projections.insertRows(keyed, [
          { table: keyed.name, values: ['A', 2, 'again', 13, null] },
          { table: keyed.name, values: ['C', 1, 'third', 14, 0.25] },
        ]);
        expect(await store.query.all(select)).toEqual([
          { code: 'A', seq: 1, label: 'first', value: 10, ratio: 0.5 },
          { code: 'A', seq: 2, label: 'second', value: null, ratio: null },
          { code: 'C', seq: 1, label: 'third', value: 14, ratio: 0.25 },
        ]);
      });
    });

    it('a scalar column keeps a number a number and text text; text columns keep digits as text', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.projections.resetTables([keyed]);
        const values: SqlValue[] = [58, '2020', '58', 0, '', -7, '0042', 9_007_199_254_740_991];
        await store.projections.insertRows(
          keyed,
          values.map((value, i) => ({ table: keyed.name, values: ['0042', i, `label ${i}`, value, null] })),
        );
        const rows = await store.query.all<{ code: unknown; value: unknown }>(
          'SELECT code, value FROM conformance_keyed ORDER BY seq',
        );
        expect(rows.map((r) => r.value)).toEqual(values);
        expect(rows.map((r) => typeof r.value)).toEqual(values.map((v) => typeof v));
        for (const row of rows) expect(row.code).toBe('0042');
        // Equality in SQL keeps the kinds apart too: 58 is not '58'.
        const numbers = await store.query.all('SELECT seq FROM conformance_keyed WHERE value = ?', [58]);
        expect(numbers).toEqual([{ seq: 0 }]);
        const texts = await store.query.all('SELECT seq FROM conformance_keyed WHERE value = ?', ['58']);
        expect(texts).toEqual([{ seq: 2 }]);
      });
    });

    it('indexes can be deferred and created afterwards, more than once', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.projections.resetTables([keyed], { deferIndexes: true });
        await store.projections.insertRows(keyed, [{ table: keyed.name, values: ['A', 1, 'open', 1, null] }]);
        await store.projections.createIndexes([keyed]);
        await store.projections.createIndexes([keyed]);
        expect(await store.query.all('SELECT code FROM conformance_keyed WHERE label = ?', ['open'])).toEqual(
          [{ code: 'A' }],
        );
        // Duplicates are still skipped once the indexes are in place.
        await store.projections.insertRows(keyed, [{ table: keyed.name, values: ['A', 1, 'open', 2, null] }]);
        expect(await store.query.all(select)).toHaveLength(1);
      });
    });

    it('checkpoints are stored and read back', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        expect(await store.projections.checkpoint('conformance_keyed')).toBeUndefined();
        await store.projections.putCheckpoint({
          name: 'conformance_keyed',
          version: 1,
          position: 0,
          state: 'rebuilding',
        });
        await store.projections.putCheckpoint({
          name: 'conformance_other',
          version: 3,
          position: 7,
          state: 'ready',
        });
        await store.projections.putCheckpoint({
          name: 'conformance_keyed',
          version: 2,
          position: 5,
          state: 'ready',
        });
        expect(await store.projections.checkpoint('conformance_keyed')).toMatchObject({
          name: 'conformance_keyed',
          version: 2,
          position: 5,
          state: 'ready',
        });
        const all = await store.projections.checkpoints();
        expect(all.map((c) => [c.name, c.version, c.position, c.state]).sort()).toEqual([
          ['conformance_keyed', 2, 5, 'ready'],
          ['conformance_other', 3, 7, 'ready'],
        ]);
      });
    });

    it('projection writes join the transaction: a failed transaction leaves no table, row or checkpoint', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.projections.resetTables([other]);
        const error = await rejectionOf(
          store.transaction(async (session) => {
            await session.projections.resetTables([keyed]);
            await session.projections.insertRows(keyed, [
              { table: keyed.name, values: ['A', 1, 'x', 1, null] },
            ]);
            await store.projections.insertRows(other, [{ table: other.name, values: [1] }]);
            await session.projections.putCheckpoint({
              name: 'conformance_keyed',
              version: 1,
              position: 1,
              state: 'ready',
            });
            expect(await session.query.all(select)).toHaveLength(1);
            throw new Error('rolled back');
          }),
        );
        expect((error as Error).message).toBe('rolled back');
        expect(await store.projections.existingTables(['conformance_keyed'])).toEqual([]);
        expect(await store.query.all('SELECT id FROM conformance_other')).toEqual([]);
        expect(await store.projections.checkpoint('conformance_keyed')).toBeUndefined();
      });
    });
  });
}
