import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../errors/index.js';
import type { AppendRequest } from '../store/event-store.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { comment, comments, progress, rejectionOf, runsFor, snapshotOf, withEngine } from './fixtures.js';
import { ledgerOn, progressUpdate, registration } from './ledger-on.js';

/**
 * Atomic multi-stream batches: every request of an append lands, or none does.
 *
 * @example
 * ```ts
 * describeAtomicBatches(sqliteEngine);
 * ```
 */
export function describeAtomicBatches(engine: EngineUnderTest): void {
  describe('atomic multi-stream batches', () => {
    it('a batch over several streams lands whole, in request order, with gap-free positions', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const result = await store.append([
          { stream: 'action:B1', events: comments('b1-', 2), expectedVersion: 'no-stream' },
          { stream: 'action:B2', events: [comment('b2')], expectedVersion: 'no-stream' },
          { stream: 'action:B1', events: [comment('b1-again')] },
        ]);
        expect(result).toMatchObject({
          firstPosition: 1,
          lastPosition: 4,
          streamVersions: { 'action:B1': 3, 'action:B2': 1 },
          replayed: false,
        });
        expect(result.events.map((e) => [e.stream, e.streamVersion, e.position])).toEqual([
          ['action:B1', 1, 1],
          ['action:B1', 2, 2],
          ['action:B2', 1, 3],
          ['action:B1', 3, 4],
        ]);
        // Every event of one append carries its metadata.
        const again = await store.append(
          [
            { stream: 'action:B1', events: [comment('x')] },
            { stream: 'action:B3', events: [comment('y')] },
          ],
          { actor: 'j.smith', source: 'cli', correlationId: 'op-1', causationId: 'cause-1' },
        );
        for (const e of again.events) {
          expect(e).toMatchObject({
            actor: 'j.smith',
            source: 'cli',
            correlationId: 'op-1',
            causationId: 'cause-1',
          });
        }
      });
    });

    it("one request's version conflict writes nothing for any stream of the batch", async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.append([{ stream: 'action:B2', events: [comment('existing')] }]);
        const before = await snapshotOf(store);
        const error = await rejectionOf(
          store.append([
            { stream: 'action:B1', events: comments('fresh', 3), expectedVersion: 'no-stream' },
            { stream: 'action:B2', events: [comment('stale')], expectedVersion: 'no-stream' },
          ]),
        );
        expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', stream: 'action:B2' });
        expect(await snapshotOf(store)).toEqual(before);
        expect(await store.streamVersion('action:B1')).toBe(0);
      });
    });

    it('one invalid event writes nothing for any stream of the batch', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const before = await snapshotOf(store);
        const error = await rejectionOf(
          store.append([
            { stream: 'action:B1', events: [comment('fine')] },
            { stream: 'action:B2', events: [comment('fine'), comment('not a date', '2023-02-30')] },
          ]),
        );
        expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(await snapshotOf(store)).toEqual(before);
      });
    });

    it('through the ledger: appendMany with one event whose data breaks its schema writes nothing', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const ledger = await ledgerOn(store);
        await ledger.execute(registration('AT1'));
        const before = await snapshotOf(store);
        const error = await rejectionOf(
          ledger.appendMany([
            { stream: 'action:AT1', events: [progress(40)] },
            { stream: 'action:AT1', events: [progress(101)] },
          ]),
        );
        expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(await snapshotOf(store)).toEqual(before);
      });
    });

    it('an in-transaction hook that rejects rolls the whole append back', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.append([{ stream: 'action:B1', events: [comment('kept')] }]);
        const before = await snapshotOf(store);
        let seen = 0;
        const error = await rejectionOf(
          store.append(
            [
              { stream: 'action:B1', events: [comment('gone')] },
              { stream: 'action:B2', events: [comment('gone too')] },
            ],
            {},
            async (events, session) => {
              seen = events.length;
              // The hook sees the append's own writes inside the transaction.
              expect((await session.head()).position).toBe(3);
              await session.putMeta('conformance:hook', 'written');
              throw new Error('projection failed');
            },
          ),
        );
        expect((error as Error).message).toContain('projection failed');
        expect(seen).toBe(2);
        expect(await snapshotOf(store)).toEqual(before);
        expect(await store.getMeta('conformance:hook')).toBeUndefined();
      });
    });

    it('property: a random batch lands whole exactly when every request admits its stream, else writes nothing', async () => {
      const streams = ['action:P1', 'action:P2', 'action:P3'];
      const request = fc.record({
        stream: fc.constantFrom(...streams),
        count: fc.integer({ min: 1, max: 3 }),
        expectedVersion: fc.oneof(
          fc.constant(undefined),
          fc.integer({ min: 0, max: 2 }),
          fc.constantFrom('no-stream' as const, 'exists' as const, 'any' as const),
        ),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
          fc.array(request, { minLength: 1, maxLength: 4 }),
          (seeds, batch) =>
            withEngine(engine, {}, async ({ store }) => {
              for (const [i, count] of seeds.entries()) {
                if (count > 0) await store.append([{ stream: streams[i]!, events: comments('seed', count) }]);
              }
              const versions = new Map(streams.map((s, i) => [s, seeds[i]!]));
              let admitted = true;
              const requests: AppendRequest[] = batch.map((r, i) => {
                const actual = versions.get(r.stream)!;
                const e = r.expectedVersion ?? 'any';
                if (
                  !(
                    e === 'any' ||
                    (e === 'no-stream' ? actual === 0 : e === 'exists' ? actual > 0 : e === actual)
                  )
                )
                  admitted = false;
                versions.set(r.stream, actual + r.count);
                const events = comments(`req${i}-`, r.count);
                return r.expectedVersion === undefined
                  ? { stream: r.stream, events }
                  : { stream: r.stream, events, expectedVersion: r.expectedVersion };
              });
              const before = await snapshotOf(store);
              const total = batch.reduce((n, r) => n + r.count, 0);
              if (admitted) {
                const result = await store.append(requests);
                expect(result.lastPosition - result.firstPosition + 1).toBe(total);
                expect((await store.head()).position).toBe(before.head.position + total);
                for (const s of streams) expect(await store.streamVersion(s)).toBe(versions.get(s));
              } else {
                expect(await rejectionOf(store.append(requests))).toBeInstanceOf(LedgerError);
                expect(await snapshotOf(store)).toEqual(before);
              }
            }),
        ),
        { numRuns: runsFor(engine) },
      );
    });

    it('through the ledger: executeAll with one refused command writes nothing', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const ledger = await ledgerOn(store);
        await ledger.execute(registration('AT1'));
        const before = await snapshotOf(store);
        const error = await rejectionOf(
          ledger.executeAll([
            registration('AT2'),
            progressUpdate('AT1', 40, '2023-05-01'),
            progressUpdate('NOPE', 40, '2023-05-01'),
          ]),
        );
        expect(error).toBeInstanceOf(LedgerError);
        expect(await snapshotOf(store)).toEqual(before);
      });
    });
  });
}
