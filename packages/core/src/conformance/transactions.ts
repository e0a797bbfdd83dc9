import { describe, expect, it } from 'vitest';
import type { EngineUnderTest } from './engine-under-test.js';
import { comment, comments, readLog, rejectionOf, snapshotOf, withEngine } from './fixtures.js';
import { ledgerOn, progressUpdate, registration } from './ledger-on.js';

/** A promise and the function that settles it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

/** Lets every queued callback run a few times over. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Transactions: work inside commits together or not at all, reads inside see its own writes,
 * nested transactions join the outer one, and work outside it is neither swept into it nor lost.
 *
 * @example
 * ```ts
 * describeTransactions(sqliteEngine);
 * ```
 */
export function describeTransactions(engine: EngineUnderTest): void {
  describe('transactions', () => {
    it('appends, meta and reads inside one transaction commit together and return its result', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const result = await store.transaction(async (session) => {
          await session.append([{ stream: 'action:TX1', events: comments('a', 2) }]);
          // Through the store itself, in the same async context: joins too.
          await store.append([{ stream: 'action:TX2', events: [comment('b')] }]);
          await session.putMeta('conformance:tx', 'one');
          expect((await session.head()).position).toBe(3);
          expect(await session.streamVersion('action:TX1')).toBe(2);
          expect((await session.readStream('action:TX2')).map((e) => e.position)).toEqual([3]);
          return 'done';
        });
        expect(result).toBe('done');
        expect((await readLog(store)).map((e) => e.stream)).toEqual([
          'action:TX1',
          'action:TX1',
          'action:TX2',
        ]);
        expect(await store.getMeta('conformance:tx')).toBe('one');
      });
    });

    it('a transaction whose work throws writes nothing at all, and the error comes through', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.append([{ stream: 'action:TX1', events: [comment('kept')] }]);
        await store.putMeta('conformance:tx', 'before');
        const before = await snapshotOf(store);
        const failure = new Error('changed my mind');
        const error = await rejectionOf(
          store.transaction(async (session) => {
            await session.append([{ stream: 'action:TX1', events: comments('gone', 2) }]);
            await store.append([{ stream: 'action:TX2', events: [comment('gone too')] }]);
            await session.putMeta('conformance:tx', 'during');
            throw failure;
          }),
        );
        expect(error).toBe(failure);
        expect(await snapshotOf(store)).toEqual(before);
        expect(await store.getMeta('conformance:tx')).toBe('before');
        // The store is usable afterwards, and positions continue without a gap.
        const next = await store.append([
          { stream: 'action:TX1', events: [comment('next')], expectedVersion: 1 },
        ]);
        expect(next.firstPosition).toBe(2);
      });
    });

    it('a nested transaction joins the outer one: it commits with it and rolls back with it', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.transaction(async (outer) => {
          await outer.append([{ stream: 'action:N1', events: [comment('outer')] }]);
          await store.transaction(async (inner) => {
            expect((await inner.head()).position).toBe(1);
            await inner.append([{ stream: 'action:N1', events: [comment('inner')] }]);
          });
          expect((await outer.head()).position).toBe(2);
        });
        expect((await readLog(store)).length).toBe(2);
        const before = await snapshotOf(store);
        await rejectionOf(
          store.transaction(async (outer) => {
            await store.transaction(async (inner) => {
              await inner.append([{ stream: 'action:N2', events: [comment('inner, then undone')] }]);
            });
            await outer.append([{ stream: 'action:N3', events: [comment('outer, undone')] }]);
            throw new Error('outer fails');
          }),
        );
        expect(await snapshotOf(store)).toEqual(before);
      });
    });

    it('an append made outside a running transaction is neither swept into it nor lost when it rolls back', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const inside = signal();
        const release = signal();
        const transaction = store.transaction(async (session) => {
          await session.append([{ stream: 'action:IN', events: [comment('inside')] }]);
          inside.fire();
          await release.promise;
          throw new Error('the transaction fails');
        });
        await inside.promise;
        const outside = store.append([{ stream: 'action:OUT', events: [comment('outside')] }]);
        await settle();
        release.fire();
        expect(((await rejectionOf(transaction)) as Error).message).toBe('the transaction fails');
        const written = await outside;
        expect(written.events.map((e) => e.stream)).toEqual(['action:OUT']);
        const log = await readLog(store);
        expect(log.map((e) => [e.position, e.stream])).toEqual([[1, 'action:OUT']]);
        expect(log[0]).toEqual(written.events[0]);
      });
    });

    it('another connection does not see a transaction before it commits', async () => {
      await withEngine(engine, {}, async ({ store, reopen }) => {
        const other = await reopen();
        await store.transaction(async (session) => {
          await session.append([{ stream: 'action:ISO', events: [comment('uncommitted')] }]);
          expect((await other.head()).position).toBe(0);
          expect(await other.readStream('action:ISO')).toEqual([]);
        });
        expect((await other.head()).position).toBe(1);
      });
    });

    it('through the ledger: commands inside ledger.transaction commit together or not at all; nested calls join', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const ledger = await ledgerOn(store);
        await ledger.transaction(async () => {
          await ledger.execute(registration('LT1'));
          await ledger.transaction(async () => {
            await ledger.execute(progressUpdate('LT1', 20, '2023-05-01'));
          });
          expect((await ledger.getAction('LT1'))?.percentComplete).toBe(20);
        });
        expect((await ledger.readAction('LT1')).length).toBe(2);
        const before = await snapshotOf(store);
        await rejectionOf(
          ledger.transaction(async () => {
            await ledger.execute(registration('LT2'));
            await ledger.execute(progressUpdate('LT1', 60, '2023-06-01'));
            throw new Error('abandon');
          }),
        );
        expect(await snapshotOf(store)).toEqual(before);
        expect(await ledger.getAction('LT2')).toBeUndefined();
      });
    });
  });
}
