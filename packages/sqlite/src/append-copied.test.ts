import { copyLedger } from '@perfledger/core';
import { steppingClock } from '@perfledger/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, comment, type TempStore, tempStore } from './test-support/temp-store.js';

// What the conformance suite leaves to each engine: that the copy's head row and origin are
// stored as given, and the size of one call.

const opened: TempStore[] = [];
afterEach(async () => {
  for (const temp of opened.splice(0)) await temp.cleanup();
});

async function open(start = '2024-01-15T09:00:00Z'): Promise<TempStore> {
  const temp = await tempStore({ clock: steppingClock(start, 1_000) });
  opened.push(temp);
  return temp;
}

describe('SqliteStore.appendCopied', () => {
  it('stores the head and origin as copied, and refuses more than a batch in one call', async () => {
    const source = await open();
    const target = await open('2024-01-16T09:00:00Z');
    await source.store.append([{ stream: 'action:A', events: [comment('2023-06-30')] }]);
    const rows = await collect(source.store.chainRows(0, 1));
    await target.store.appendCopied(await source.store.origin(), rows);
    expect(await target.store.head()).toEqual(await source.store.head());
    expect(await target.store.origin()).toBe(await source.store.origin());
    await expect(
      target.store.appendCopied(
        await source.store.origin(),
        Array.from({ length: 10_001 }, () => rows[0]!),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('copyLedger options', () => {
  it('are strict: unknown keys, a bad batch size or progress callback, and the same store twice are refused', async () => {
    const source = await open();
    const target = await open();
    for (const options of [{ batch: 5 }, { batchSize: 0 }, { batchSize: 10_001 }, { onProgress: 'yes' }]) {
      await expect(copyLedger(source.store, target.store, options as never)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
    await expect(copyLedger(source.store, source.store)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
