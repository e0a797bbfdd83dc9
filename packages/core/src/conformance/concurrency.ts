import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, type ExpectedVersion } from '../errors/index.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { comment, comments, readLog, rejectionOf, runsFor, snapshotOf, withEngine } from './fixtures.js';

const STREAM = 'action:C1';

/** Whether the rule of {@link ExpectedVersion} lets an append to a stream at `actual` through. */
function admits(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === 0;
  if (expected === 'exists') return actual > 0;
  return expected === actual;
}

/**
 * Optimistic concurrency per stream: an exact version, `'no-stream'`, `'exists'` and `'any'`,
 * and a conflict writes nothing.
 *
 * @example
 * ```ts
 * describeConcurrency(sqliteEngine);
 * ```
 */
export function describeConcurrency(engine: EngineUnderTest): void {
  describe('optimistic concurrency', () => {
    it('an exact expected version appends when it matches the stream version', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const first = await store.append([{ stream: STREAM, events: comments('a', 2), expectedVersion: 0 }]);
        expect(first.streamVersions).toEqual({ [STREAM]: 2 });
        const second = await store.append([{ stream: STREAM, events: [comment('b')], expectedVersion: 2 }]);
        expect(second).toMatchObject({ firstPosition: 3, lastPosition: 3, streamVersions: { [STREAM]: 3 } });
        expect(await store.streamVersion(STREAM)).toBe(3);
      });
    });

    it('a wrong exact version (behind or ahead) is a ConcurrencyError naming both versions, and writes nothing', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.append([{ stream: STREAM, events: comments('a', 2) }]);
        for (const expected of [1, 3, 0]) {
          const before = await snapshotOf(store);
          const error = await rejectionOf(
            store.append([{ stream: STREAM, events: [comment('late')], expectedVersion: expected }]),
          );
          expect(error).toBeInstanceOf(ConcurrencyError);
          expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', stream: STREAM, expected, actual: 2 });
          expect(await snapshotOf(store)).toEqual(before);
        }
      });
    });

    it("'no-stream' appends only to a stream that does not exist yet", async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.append([{ stream: STREAM, events: [comment('first')], expectedVersion: 'no-stream' }]);
        const before = await snapshotOf(store);
        const error = await rejectionOf(
          store.append([{ stream: STREAM, events: [comment('again')], expectedVersion: 'no-stream' }]),
        );
        expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', expected: 'no-stream', actual: 1 });
        expect(await snapshotOf(store)).toEqual(before);
      });
    });

    it("'exists' appends only to a stream that has events", async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const error = await rejectionOf(
          store.append([{ stream: STREAM, events: [comment('orphan')], expectedVersion: 'exists' }]),
        );
        expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', expected: 'exists', actual: 0 });
        expect((await store.head()).position).toBe(0);
        await store.append([{ stream: STREAM, events: [comment('first')] }]);
        const result = await store.append([
          { stream: STREAM, events: [comment('next')], expectedVersion: 'exists' },
        ]);
        expect(result.streamVersions).toEqual({ [STREAM]: 2 });
      });
    });

    it("'any' (and no expected version) appends whatever the stream's version", async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.append([{ stream: STREAM, events: [comment('one')], expectedVersion: 'any' }]);
        await store.append([{ stream: STREAM, events: [comment('two')], expectedVersion: 'any' }]);
        await store.append([{ stream: STREAM, events: [comment('three')] }]);
        expect(await store.streamVersion(STREAM)).toBe(3);
      });
    });

    it('property: an append goes through exactly when its expected version admits the stream, and a refusal writes nothing', async () => {
      const expectedVersion: fc.Arbitrary<ExpectedVersion> = fc.oneof(
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('no-stream' as const, 'exists' as const, 'any' as const),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 3 }),
          expectedVersion,
          fc.integer({ min: 1, max: 3 }),
          (existing, expected, count) =>
            withEngine(engine, {}, async ({ store }) => {
              if (existing > 0) await store.append([{ stream: STREAM, events: comments('seed', existing) }]);
              const before = await snapshotOf(store);
              const attempt = store.append([
                { stream: STREAM, events: comments('new', count), expectedVersion: expected },
              ]);
              if (admits(expected, existing)) {
                const result = await attempt;
                expect(result.streamVersions).toEqual({ [STREAM]: existing + count });
                expect(result).toMatchObject({
                  firstPosition: existing + 1,
                  lastPosition: existing + count,
                  replayed: false,
                });
              } else {
                const error = await rejectionOf(attempt);
                expect(error).toBeInstanceOf(ConcurrencyError);
                expect(error).toMatchObject({ stream: STREAM, expected, actual: existing });
                expect(await snapshotOf(store)).toEqual(before);
              }
            }),
        ),
        { numRuns: runsFor(engine) },
      );
    });

    it('two connections that read the same version: exactly one append wins, the other conflicts', async () => {
      await withEngine(engine, {}, async ({ store, reopen }) => {
        const other = await reopen();
        await store.append([{ stream: STREAM, events: comments('seed', 2) }]);
        const seen = await other.streamVersion(STREAM);
        expect(seen).toBe(2);
        await store.append([{ stream: STREAM, events: [comment('winner')], expectedVersion: seen }]);
        const error = await rejectionOf(
          other.append([{ stream: STREAM, events: [comment('loser')], expectedVersion: seen }]),
        );
        expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', expected: 2, actual: 3 });
        expect(await readLog(other)).toEqual(await readLog(store));
      });
    });

    it('appends racing at one expected version: exactly one lands; positions stay gap-free', async () => {
      await withEngine(engine, {}, async ({ store, reopen }) => {
        const other = await reopen();
        await store.append([{ stream: STREAM, events: [comment('seed')] }]);
        const outcomes = await Promise.allSettled(
          [store, other, store, other].map((s, i) =>
            s.append([{ stream: STREAM, events: [comment(`racer ${i}`)], expectedVersion: 1 }]),
          ),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        for (const { reason } of lost) expect(reason).toBeInstanceOf(ConcurrencyError);
        const log = await readLog(store);
        expect(log.map((e) => e.position)).toEqual([1, 2]);
        expect(log.map((e) => e.streamVersion)).toEqual([1, 2]);
      });
    });

    it("concurrent 'any' appends from two connections all land, in one gap-free order", async () => {
      await withEngine(engine, {}, async ({ store, reopen }) => {
        const other = await reopen();
        await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 === 0 ? store : other).append([
              { stream: `action:R${i % 3}`, events: comments(`r${i}-`, 1 + (i % 2)) },
            ]),
          ),
        );
        const log = await readLog(store);
        expect(log.map((e) => e.position)).toEqual(log.map((_, i) => i + 1));
        expect(log).toHaveLength(12);
        for (const stream of ['action:R0', 'action:R1', 'action:R2']) {
          const events = await store.readStream(stream);
          expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
        }
        for (let i = 1; i < log.length; i++) expect(log[i]!.recordedAt > log[i - 1]!.recordedAt).toBe(true);
      });
    });
  });
}
