import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../events/index.js';
import type { ReadAllOptions } from '../store/event-store.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { comment, comments, progress, readLog, withEngine } from './fixtures.js';

async function batchesOf(read: AsyncIterable<EventEnvelope[]>): Promise<EventEnvelope[][]> {
  const batches: EventEnvelope[][] = [];
  for await (const batch of read) batches.push(batch);
  return batches;
}

/**
 * `readAllBatches`: the log in position order, a bounded batch at a time (so memory holds one
 * batch), filtered by position and type; abandoning it early holds nothing open.
 *
 * @example
 * ```ts
 * describeReadBatches(sqliteEngine);
 * ```
 */
export function describeReadBatches(engine: EngineUnderTest): void {
  describe('readAllBatches: bounded batches in position order', () => {
    it('every batch holds at most batchSize events; together they are the log in position order', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        for (let i = 0; i < 5; i++) {
          await store.append([
            { stream: `action:RB${i % 2}`, events: [comment(`c${i}`), progress(i * 10)] },
            { stream: 'action:RB9', events: comments(`n${i}-`, 3) },
          ]);
        }
        const log = await readLog(store);
        expect(log.map((e) => e.position)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
        for (const batchSize of [1, 4, 10, 25, 26, 1000]) {
          const batches = await batchesOf(store.readAllBatches({ batchSize }));
          for (const batch of batches) {
            expect(batch.length).toBeGreaterThan(0);
            expect(batch.length).toBeLessThanOrEqual(batchSize);
          }
          // Full batches until the last: no needless round trips of tiny batches.
          for (const batch of batches.slice(0, -1)) expect(batch.length).toBe(batchSize);
          expect(batches.flat()).toEqual(log);
        }
      });
    });

    it('the default batch holds at most 1 000 events', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.append([{ stream: 'action:BIG', events: comments('e', 2_100) }]);
        const batches = await batchesOf(store.readAllBatches());
        expect(batches.map((b) => b.length)).toEqual([1_000, 1_000, 100]);
        expect(batches.flat().map((e) => e.position)).toEqual(Array.from({ length: 2_100 }, (_, i) => i + 1));
      });
    });

    it('after, upTo and types select a part of the log, still in order and in bounded batches', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        for (let i = 0; i < 6; i++)
          await store.append([{ stream: 'action:RB', events: [comment(`c${i}`), progress(i)] }]);
        const log = await readLog(store);
        const cases: { options: ReadAllOptions; keep: (e: EventEnvelope) => boolean }[] = [
          { options: { after: 3 }, keep: (e) => e.position > 3 },
          { options: { upTo: 5 }, keep: (e) => e.position <= 5 },
          { options: { after: 2, upTo: 9 }, keep: (e) => e.position > 2 && e.position <= 9 },
          { options: { types: ['ProgressUpdated'] }, keep: (e) => e.type === 'ProgressUpdated' },
          { options: { after: 4, types: ['CommentAdded', 'ProgressUpdated'] }, keep: (e) => e.position > 4 },
          { options: { types: ['ActionClosed'] }, keep: () => false },
          { options: { after: 12 }, keep: () => false },
        ];
        for (const { options, keep } of cases) {
          const batches = await batchesOf(store.readAllBatches({ ...options, batchSize: 2 }));
          for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(2);
          expect(batches.flat()).toEqual(log.filter(keep));
        }
      });
    });

    it('stopping early holds nothing open: writes and new reads go on', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.append([{ stream: 'action:RB', events: comments('e', 10) }]);
        let seen = 0;
        for await (const batch of store.readAllBatches({ batchSize: 3 })) {
          seen += batch.length;
          break;
        }
        expect(seen).toBe(3);
        await store.append([{ stream: 'action:RB', events: [comment('after')] }]);
        await store.transaction(async (session) => {
          await session.putMeta('conformance:after-break', 'yes');
        });
        expect((await readLog(store)).length).toBe(11);
      });
    });

    it('an append between two batches does not disturb the iteration', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.append([{ stream: 'action:RB', events: comments('e', 6) }]);
        const read: EventEnvelope[] = [];
        let appended = false;
        for await (const batch of store.readAllBatches({ batchSize: 2 })) {
          read.push(...batch);
          if (!appended) {
            appended = true;
            await store.append([{ stream: 'action:RB2', events: comments('late', 3) }]);
          }
        }
        const positions = read.map((e) => e.position);
        // The first six always; whether the late three are seen is up to the engine, but in order.
        expect(positions.slice(0, 6)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(positions).toEqual(positions.map((_, i) => i + 1));
        expect(positions.length === 6 || positions.length === 9).toBe(true);
      });
    });
  });
}
