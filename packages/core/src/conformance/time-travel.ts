import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamOf } from '../action/action-state.js';
import { foldAction } from '../action/timeline.js';
import type { EventEnvelope } from '../events/index.js';
import type { EventStore } from '../store/event-store.js';
import { formatRecordedAt, parseRecordedAt } from '../store/recorded-clock.js';
import type { BusinessDate } from '../time/index.js';
import { commandHistory, HISTORY_CODES, HISTORY_DATES, playHistory } from './command-histories.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { CLOCK_START, comment, progress, readLog, runsFor, withEngine } from './fixtures.js';
import { ledgerOn } from './ledger-on.js';

async function writeMixedLog(store: EventStore): Promise<EventEnvelope[]> {
  await store.append([
    { stream: 'action:T1', events: [comment('a', '2023-06-30'), progress(10, '2023-04-01')] },
  ]);
  await store.append([{ stream: 'action:T2', events: [comment('b', '2023-05-01')] }]);
  await store.append([
    { stream: 'action:T1', events: [progress(20, '2023-05-01')] },
    { stream: 'action:T3', events: [comment('c', '2023-04-01')] },
  ]);
  await store.append([
    { stream: 'action:T2', events: [progress(30, '2024-01-31'), comment('d', '2023-05-01')] },
  ]);
  return readLog(store);
}

/**
 * Time travel on both axes: recorded time (`positionAt`, `upTo` on every read) and business
 * time (`readByEffectiveDate`, `asAt`); the state as known at a position is the replay of the
 * log's prefix.
 *
 * @example
 * ```ts
 * describeTimeTravel(sqliteEngine);
 * ```
 */
export function describeTimeTravel(engine: EngineUnderTest): void {
  describe('time travel on both axes', () => {
    it('recorded times come from the clock and strictly increase with position', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const log = await writeMixedLog(store);
        const start = parseRecordedAt(CLOCK_START);
        for (const [i, event] of log.entries()) {
          expect(parseRecordedAt(event.recordedAt)).toBeGreaterThanOrEqual(start);
          expect(parseRecordedAt(event.recordedAt)).toBeLessThan(start + 86_400_000_000);
          if (i > 0)
            expect(parseRecordedAt(event.recordedAt)).toBeGreaterThan(
              parseRecordedAt(log[i - 1]!.recordedAt),
            );
        }
        expect((await store.head()).recordedAt).toBe(log.at(-1)!.recordedAt);
      });
    });

    it('positionAt a recorded time is the last position recorded at or before it', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const log = await writeMixedLog(store);
        const micros = log.map((e) => parseRecordedAt(e.recordedAt));
        const known = (t: number) => micros.filter((m) => m <= t).length;
        expect(await store.positionAt('2024-01-15T08:59:59Z')).toBe(0);
        for (const [i, event] of log.entries()) {
          expect(await store.positionAt(event.recordedAt)).toBe(event.position);
          for (const offset of [-1, 1, 500_000]) {
            const t = micros[i]! + offset;
            expect(await store.positionAt(formatRecordedAt(t))).toBe(known(t));
          }
          // Millisecond precision (no microseconds) and a plain second are read too.
          const millis = new Date(Math.floor(micros[i]! / 1000)).toISOString();
          expect(await store.positionAt(millis)).toBe(known(parseRecordedAt(millis)));
          const second = `${millis.slice(0, 19)}Z`;
          expect(await store.positionAt(second)).toBe(known(parseRecordedAt(second)));
        }
        expect(await store.positionAt('2999-01-01T00:00:00Z')).toBe(log.length);
      });
    });

    it('readStream and readStreamFacts with upTo give the stream as known then', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const log = await writeMixedLog(store);
        for (const stream of ['action:T1', 'action:T2', 'action:T3']) {
          const full = await store.readStream(stream);
          expect(full).toEqual(log.filter((e) => e.stream === stream));
          for (let upTo = 0; upTo <= log.length; upTo++) {
            const known = full.filter((e) => e.position <= upTo);
            expect(await store.readStream(stream, { upTo })).toEqual(known);
            const facts = await store.readStreamFacts(stream, upTo);
            expect(facts).toEqual(
              known.map((e) => ({
                type: e.type,
                data: e.data,
                stream: e.stream,
                streamVersion: e.streamVersion,
                position: e.position,
                effectiveOn: e.effectiveOn,
              })),
            );
          }
          expect(await store.readStream(stream, { fromVersion: 2 })).toEqual(full.slice(1));
          expect(await store.readStream(stream, { toVersion: 1 })).toEqual(full.slice(0, 1));
        }
        expect(await store.readStream('action:NONE')).toEqual([]);
      });
    });

    it('readAllBatches, readStreams and readByEffectiveDate with upTo see only the prefix', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const log = await writeMixedLog(store);
        for (let upTo = 0; upTo <= log.length; upTo++) {
          const prefix = log.filter((e) => e.position <= upTo);
          expect(await readLog(store, { upTo })).toEqual(prefix);
          const streams: string[][] = [];
          for await (const facts of store.readStreams({ upTo })) {
            streams.push(facts.map((f) => `${f.stream}@${f.streamVersion}`));
          }
          const expected = [...new Set(prefix.map((e) => e.stream))]
            .sort()
            .map((s) => prefix.filter((e) => e.stream === s).map((e) => `${e.stream}@${e.streamVersion}`));
          expect(streams).toEqual(expected);
          const effective: EventEnvelope[] = [];
          for await (const batch of store.readByEffectiveDate({ upTo, batchSize: 2 }))
            effective.push(...batch);
          expect(effective).toEqual(effectiveOrder(prefix));
        }
      });
    });

    it('readByEffectiveDate reads a range of business dates in (effective date, position) order, both ends inclusive', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const log = await writeMixedLog(store);
        const ranges = [
          {},
          { from: '2023-05-01' as BusinessDate },
          { to: '2023-05-01' as BusinessDate },
          { from: '2023-05-01' as BusinessDate, to: '2023-06-30' as BusinessDate },
          { from: '2025-01-01' as BusinessDate },
        ];
        for (const range of ranges) {
          for (const batchSize of [1, 3, 1000]) {
            const read: EventEnvelope[] = [];
            for await (const batch of store.readByEffectiveDate({ ...range, batchSize })) {
              expect(batch.length).toBeLessThanOrEqual(batchSize);
              read.push(...batch);
            }
            const inRange = log.filter(
              (e) =>
                (range.from === undefined || e.effectiveOn >= range.from) &&
                (range.to === undefined || e.effectiveOn <= range.to),
            );
            expect(read).toEqual(effectiveOrder(inRange));
          }
        }
      });
    });

    it('readStreams reads one stream at a time in name order, optionally under a prefix', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.append([
          { stream: 'action:Z9', events: [comment('z')] },
          { stream: 'indicator:I1', events: [comment('i')] },
          { stream: 'action:A1', events: [comment('a'), comment('b')] },
        ]);
        const names: string[] = [];
        for await (const facts of store.readStreams({ prefix: 'action:' })) {
          expect(new Set(facts.map((f) => f.stream)).size).toBe(1);
          names.push(facts[0]!.stream);
        }
        expect(names).toEqual(['action:A1', 'action:Z9']);
        const all: string[] = [];
        for await (const facts of store.readStreams()) all.push(facts[0]!.stream);
        expect(all).toEqual(['action:A1', 'action:Z9', 'indicator:I1']);
      });
    });

    it('property: the state as known at a position (or its recorded time), on either axis, is the replay of the first N events', async () => {
      await fc.assert(
        fc.asyncProperty(commandHistory, fc.constantFrom(...HISTORY_DATES), (steps, asAt) =>
          withEngine(engine, {}, async ({ store }) => {
            const ledger = await ledgerOn(store);
            await playHistory(ledger, steps);
            const log = await readLog(store);
            for (let n = 0; n <= log.length; n++) {
              const prefix = log.slice(0, n);
              const knownAt = n === 0 ? { position: 0 } : log[n - 1]!.recordedAt;
              for (const code of HISTORY_CODES) {
                const known = prefix.filter((e) => e.stream === streamOf(code));
                const replay = foldAction(known);
                expect(await ledger.getAction(code, { knownAt: { position: n } })).toEqual(replay);
                expect(await ledger.getAction(code, { knownAt })).toEqual(replay);
                expect(await ledger.getAction(code, { knownAt: { position: n }, asAt })).toEqual(
                  foldAction(known, asAt as BusinessDate),
                );
              }
              const { upTo } = await ledger.resolveAsOf({ knownAt });
              expect(upTo).toBe(n);
            }
          }),
        ),
        { numRuns: runsFor(engine, 0.75), endOnFailure: true },
      );
    });
  });
}

function effectiveOrder(events: readonly EventEnvelope[]): EventEnvelope[] {
  return [...events].sort((a, b) =>
    a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : a.position - b.position,
  );
}
