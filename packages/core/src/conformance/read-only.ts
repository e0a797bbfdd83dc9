import { describe, expect, it } from 'vitest';
import type { ProjectionTable } from '../projections/projection.js';
import type { EventStore } from '../store/event-store.js';
import { conformanceProjections } from './conformance-projections.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { comment, expectLedgerError, readLog, snapshotOf, withEngine } from './fixtures.js';
import { ledgerOn, registration } from './ledger-on.js';

const table: ProjectionTable = {
  name: 'conformance_ro',
  columns: [{ name: 'id', type: 'integer' }],
  primaryKey: ['id'],
  indexes: [{ name: 'conformance_ro_by_id', columns: ['id'] }],
};

/** Every write the port offers, each tried on its own. */
function writesOf(store: EventStore): Record<string, () => Promise<unknown>> {
  return {
    append: () => store.append([{ stream: 'action:RO', events: [comment('refused')] }]),
    'append with an idempotency key': () =>
      store.append([{ stream: 'action:RO', events: [comment('refused')] }], { idempotencyKey: 'ro-key' }),
    putMeta: () => store.putMeta('conformance:ro', 'refused'),
    // Refused before anything is looked at, even an empty batch.
    appendCopied: () => store.appendCopied('conformance-origin', []),
    resetTables: () => store.projections.resetTables([table]),
    createIndexes: () => store.projections.createIndexes([table]),
    insertRows: () => store.projections.insertRows(table, [{ table: table.name, values: [1] }]),
    putCheckpoint: () =>
      store.projections.putCheckpoint({ name: 'conformance_ro', version: 1, position: 0, state: 'ready' }),
    'append inside a transaction': () =>
      store.transaction((session) => session.append([{ stream: 'action:RO', events: [comment('refused')] }])),
    'putMeta inside a transaction': () =>
      store.transaction((session) => session.putMeta('conformance:ro', 'refused')),
  };
}

/** Statements the query port must refuse on any store, read-only or not. */
const WRITING_SQL = [
  'INSERT INTO conformance_ro (id) VALUES (2)',
  'UPDATE conformance_ro SET id = 3',
  'DELETE FROM conformance_ro',
  'DELETE FROM events',
  'DROP TABLE conformance_ro',
  'CREATE TABLE conformance_sneaky (id INTEGER)',
  'WITH doomed AS (SELECT id FROM conformance_ro) DELETE FROM conformance_ro WHERE id IN (SELECT id FROM doomed)',
  'SELECT 1; DELETE FROM conformance_ro',
];

/**
 * A read-only store refuses every write with `READ_ONLY` and writes nothing; it reads what the
 * writer committed. The query port runs only `SELECT`s on every store.
 *
 * @example
 * ```ts
 * describeReadOnly(sqliteEngine);
 * ```
 */
export function describeReadOnly(engine: EngineUnderTest): void {
  describe('read-only store', () => {
    it('refuses every write with READ_ONLY and writes nothing', async () => {
      await withEngine(engine, {}, async ({ store, reopenReadonly }) => {
        await store.append([{ stream: 'action:RO', events: [comment('written')] }], {
          idempotencyKey: 'ro-key',
        });
        await store.projections.resetTables([table]);
        const readonly = await reopenReadonly();
        expect(readonly.readonly).toBe(true);
        expect(store.readonly).toBe(false);
        const before = await snapshotOf(store);
        for (const [name, write] of Object.entries(writesOf(readonly))) {
          const error = await expectLedgerError(write(), 'READ_ONLY').catch((failure: unknown) => {
            throw new Error(`${name} on a read-only store: ${String(failure)}`);
          });
          expect(error.code, name).toBe('READ_ONLY');
        }
        expect(await snapshotOf(store)).toEqual(before);
        expect(await store.getMeta('conformance:ro')).toBeUndefined();
        expect(await store.query.all('SELECT id FROM conformance_ro')).toEqual([]);
        expect(await store.projections.checkpoint('conformance_ro')).toBeUndefined();
      });
    });

    it('reads everything the writer committed, including appends made after it opened', async () => {
      await withEngine(engine, {}, async ({ store, reopenReadonly }) => {
        await store.append([{ stream: 'action:RO', events: [comment('one')] }]);
        const readonly = await reopenReadonly();
        expect(await readLog(readonly)).toEqual(await readLog(store));
        await store.append([{ stream: 'action:RO', events: [comment('two')] }]);
        expect(await readLog(readonly)).toEqual(await readLog(store));
        expect(await readonly.head()).toEqual(await store.head());
        expect(await readonly.origin()).toBe(await store.origin());
        expect(await readonly.readStream('action:RO')).toEqual(await store.readStream('action:RO'));
        expect(await readonly.replayed('nope')).toBeUndefined();
      });
    });

    it('a ledger on a read-only store refuses commands with READ_ONLY and still reads and verifies', async () => {
      await withEngine(engine, {}, async ({ store, reopenReadonly }) => {
        const writer = await ledgerOn(store, { projections: conformanceProjections });
        await writer.execute(registration('RO1'));
        const reader = await ledgerOn(await reopenReadonly(), { projections: conformanceProjections });
        expect(reader.readonly).toBe(true);
        await expectLedgerError(reader.execute(registration('RO2')), 'READ_ONLY');
        await expectLedgerError(reader.projections.rebuild(), 'READ_ONLY');
        expect((await reader.getAction('RO1'))?.code).toBe('RO1');
        expect((await reader.verify()).ok).toBe(true);
        expect(await reader.getAction('RO2')).toBeUndefined();
      });
    });

    it.each(WRITING_SQL)(
      'the query port refuses %s with READ_ONLY, on a read-write store too',
      async (sql) => {
        await withEngine(engine, {}, async ({ store, reopenReadonly }) => {
          await store.append([{ stream: 'action:RO', events: [comment('kept')] }]);
          await store.projections.resetTables([table]);
          await store.projections.insertRows(table, [{ table: table.name, values: [1] }]);
          const before = await snapshotOf(store);
          for (const target of [store, await reopenReadonly()]) {
            await expectLedgerError(target.query.all(sql), 'READ_ONLY');
            await expectLedgerError(target.query.get(sql), 'READ_ONLY');
          }
          expect(await snapshotOf(store)).toEqual(before);
          expect(await store.query.all('SELECT id FROM conformance_ro')).toEqual([{ id: 1 }]);
        });
      },
    );

    it('the query port runs SELECT and WITH … SELECT with ? parameters, and reads in batches', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.projections.resetTables([table]);
        await store.projections.insertRows(
          table,
          Array.from({ length: 7 }, (_, i) => ({ table: table.name, values: [i + 1] })),
        );
        expect(await store.query.get('SELECT count(*) AS n FROM conformance_ro WHERE id > ?', [2])).toEqual({
          n: 5,
        });
        expect(
          await store.query.all(
            'WITH small AS (SELECT id FROM conformance_ro WHERE id <= ?) SELECT id FROM small ORDER BY id',
            [2],
          ),
        ).toEqual([{ id: 1 }, { id: 2 }]);
        expect(await store.query.get('SELECT id FROM conformance_ro WHERE id = ?', [99])).toBeUndefined();
        const batches: unknown[][] = [];
        for await (const batch of store.query.batches('SELECT id FROM conformance_ro ORDER BY id', [], 3)) {
          expect(batch.length).toBeLessThanOrEqual(3);
          batches.push(batch);
        }
        expect(batches.flat()).toEqual(Array.from({ length: 7 }, (_, i) => ({ id: i + 1 })));
      });
    });
  });
}
