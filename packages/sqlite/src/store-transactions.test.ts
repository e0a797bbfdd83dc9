import { StorageError } from '@perfledger/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { comment, type TempStore, tempStore } from './test-support/temp-store.js';

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

/** A promise and its resolver, to hold a transaction open at a known point. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('transactions', () => {
  it('commit every write made inside, through the session or the store itself', async () => {
    const { store } = temp;
    await store.transaction(async (session) => {
      await session.append([{ stream: 'action:A1', events: [comment('2023-06-30')] }]);
      await store.append([{ stream: 'action:A2', events: [comment('2023-06-30')] }]);
      await session.putMeta('setting', 'on');
      expect((await store.head()).position).toBe(2);
    });
    expect((await store.head()).position).toBe(2);
    expect(await store.getMeta('setting')).toBe('on');
  });

  it('roll every write back when the work rejects', async () => {
    const { store } = temp;
    await expect(
      store.transaction(async (session) => {
        await session.append([{ stream: 'action:A1', events: [comment('2023-06-30')] }]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await store.head()).position).toBe(0);
    expect(await store.streamVersion('action:A1')).toBe(0);
  });

  it('nested transactions join the outer one: one commit, or one rollback for all', async () => {
    const { store } = temp;
    await expect(
      store.transaction(async () => {
        await store.transaction(async (inner) => {
          await inner.append([{ stream: 'action:A1', events: [comment('2023-06-30')] }]);
        });
        expect((await store.head()).position).toBe(1);
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect((await store.head()).position).toBe(0);
    await store.transaction(() => store.transaction(async (inner) => inner.putMeta('k', 'v')));
    expect(await store.getMeta('k')).toBe('v');
  });

  it('a failed append inside a transaction rolls back only itself (a savepoint)', async () => {
    const { store } = temp;
    await store.transaction(async (session) => {
      await session.append([{ stream: 'action:A1', events: [comment('2023-06-30')] }]);
      await expect(
        session.append([
          { stream: 'action:A2', events: [comment('2023-06-30')] },
          { stream: 'action:A1', events: [comment('2023-06-30')], expectedVersion: 'no-stream' },
        ]),
      ).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
    });
    expect((await store.head()).position).toBe(1);
    expect(await store.streamVersion('action:A2')).toBe(0);
  });

  it('another async context never sees uncommitted writes: its reads and writes wait for the commit', async () => {
    const { store } = temp;
    const written = gate();
    const release = gate();
    const transaction = store.transaction(async (session) => {
      await session.append([{ stream: 'action:A1', events: [comment('2023-06-30')] }]);
      written.open();
      await release.opened;
    });
    await written.opened;
    const order: string[] = [];
    const head = store.head().then((h) => {
      order.push(`head ${h.position}`);
      return h;
    });
    const stream = store.readStream('action:A1').then((events) => order.push(`stream ${events.length}`));
    const append = store
      .append([{ stream: 'action:B1', events: [comment('2023-06-30')] }])
      .then((r) => order.push(`append at ${r.firstPosition}`));
    // Give the waiting calls every chance to run early: none may.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    release.open();
    await Promise.all([transaction, head, stream, append]);
    expect(order).toEqual(['head 1', 'stream 1', 'append at 2']);
  });

  it('a rolled-back transaction is never seen by a waiting reader', async () => {
    const { store } = temp;
    const written = gate();
    const release = gate();
    const transaction = store
      .transaction(async (session) => {
        await session.append([{ stream: 'action:A1', events: [comment('2023-06-30')] }]);
        written.open();
        await release.opened;
        throw new Error('rolled back');
      })
      .catch((error: Error) => error.message);
    await written.opened;
    const head = store.head();
    release.open();
    expect(await transaction).toBe('rolled back');
    expect((await head).position).toBe(0);
  });

  it('an in-transaction hook runs inside the append and its throw rolls the append back', async () => {
    const { store } = temp;
    await expect(
      store.append(
        [{ stream: 'action:A1', events: [comment('2023-06-30')] }],
        {},
        async (events, session) => {
          expect(events).toHaveLength(1);
          expect((await session.head()).position).toBe(1);
          throw new Error('projection failed');
        },
      ),
    ).rejects.toThrow('projection failed');
    expect((await store.head()).position).toBe(0);
    const seen: number[] = [];
    await store.append([{ stream: 'action:A1', events: [comment('2023-06-30')] }], {}, (events) => {
      seen.push(events[0]!.position);
    });
    expect(seen).toEqual([1]);
  });

  it('a read-only store refuses every write with READ_ONLY and still runs read transactions', async () => {
    const { store, file } = temp;
    await store.append([{ stream: 'action:A1', events: [comment('2023-06-30')] }]);
    const { sqliteStore } = await import('./sqlite-store-factory.js');
    const reader = await sqliteStore({ file, readonly: true });
    try {
      await expect(reader.append([{ stream: 'action:A2', events: [comment('2023-06-30')] }])).rejects.toThrow(
        StorageError,
      );
      await expect(reader.putMeta('k', 'v')).rejects.toMatchObject({ code: 'READ_ONLY' });
      expect(await reader.transaction(async (session) => (await session.head()).position)).toBe(1);
    } finally {
      await reader.close();
    }
  });

  it('a closed store refuses calls with a typed error', async () => {
    const { store } = temp;
    await store.close();
    await expect(store.head()).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
  });
});
