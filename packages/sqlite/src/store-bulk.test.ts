import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionOf } from './connection-of.js';
import { comment, type TempStore, tempStore } from './test-support/temp-store.js';

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

/** The connection's synchronous and cache_size settings, read through the store's own connection. */
async function settings(): Promise<{ synchronous: unknown; cacheSize: unknown }> {
  const write = connectionOf(temp.store)!;
  return write((db: Database.Database) => ({
    synchronous: db.pragma('synchronous', { simple: true }),
    cacheSize: db.pragma('cache_size', { simple: true }),
  }));
}

describe('bulk', () => {
  it('relaxes durability and enlarges the cache while the work runs, then restores both', async () => {
    const before = await settings();
    expect(before.synchronous).toBe(2); // FULL
    const during = await temp.store.bulk(async () => {
      await temp.store.append([{ stream: 'action:A1', events: [comment('2023-06-30')] }]);
      return settings();
    });
    expect(during).toEqual({ synchronous: 1, cacheSize: -1_048_576 }); // NORMAL
    expect(await settings()).toEqual(before);
  });

  it('restores the settings when the work throws', async () => {
    const before = await settings();
    await expect(
      temp.store.bulk(async () => {
        await temp.store.append([{ stream: 'action:A1', events: [comment('2023-06-30')] }]);
        throw new Error('rebuild failed');
      }),
    ).rejects.toThrow('rebuild failed');
    expect(await settings()).toEqual(before);
    expect((await temp.store.head()).position).toBe(1);
  });

  it('other contexts wait until the bulk run ends, so none of their appends runs with relaxed durability', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const bulk = temp.store.bulk(async () => {
      started();
      await held;
    });
    await running;
    const order: string[] = [];
    const append = temp.store
      .append([{ stream: 'action:B1', events: [comment('2023-06-30')] }])
      .then(async () => order.push(`append, synchronous ${(await settings()).synchronous}`));
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    release();
    await Promise.all([bulk, append]);
    expect(order).toEqual(['append, synchronous 2']);
  });

  it('inside a transaction only the cache changes, and is restored', async () => {
    await temp.store.transaction(async () => {
      const during = await temp.store.bulk(() => settings());
      expect(during).toEqual({ synchronous: 2, cacheSize: -1_048_576 });
    });
    expect((await settings()).cacheSize).not.toBe(-1_048_576);
  });
});
