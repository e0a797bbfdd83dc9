import { describe, expect, it } from 'vitest';
import type { LedgerClock } from '../store/recorded-clock.js';
import { parseRecordedAt } from '../store/recorded-clock.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { comment, expectLedgerError, readLog, snapshotOf, withEngine } from './fixtures.js';

/** A clock that reads whatever instant the test last set. */
function settableClock(start: string): { clock: LedgerClock; set: (instant: string) => void } {
  let now = Date.parse(start);
  return {
    clock: () => new Date(now),
    set: (instant) => {
      now = Date.parse(instant);
    },
  };
}

/**
 * The recorded clock: recorded times strictly increase whatever the clock says, and a reading
 * too far ahead of the last recorded time is refused.
 *
 * @example
 * ```ts
 * describeRecordedClock(sqliteEngine);
 * ```
 */
export function describeRecordedClock(engine: EngineUnderTest): void {
  describe('recorded clock', () => {
    it('a clock that stands still or goes back still records strictly increasing times', async () => {
      const { clock, set } = settableClock('2024-01-15T09:00:00Z');
      await withEngine(engine, { clock }, async ({ store }) => {
        const readings = [
          '2024-01-15T09:00:00Z',
          '2024-01-15T09:00:00Z',
          '2024-01-10T00:00:00Z',
          '2024-01-15T10:00:00Z',
        ];
        for (const [i, reading] of readings.entries()) {
          set(reading);
          await store.append([{ stream: 'action:CL', events: [comment(`c${i}`), comment(`d${i}`)] }]);
        }
        const micros = (await readLog(store)).map((e) => parseRecordedAt(e.recordedAt));
        for (let i = 1; i < micros.length; i++) expect(micros[i]!).toBeGreaterThan(micros[i - 1]!);
        const nine = parseRecordedAt('2024-01-15T09:00:00Z');
        // Standing still or going back moves on by a few microseconds, not to the clock's past.
        for (const m of micros.slice(0, 6)) expect(m - nine).toBeLessThan(1_000);
        expect(micros[6]).toBe(parseRecordedAt('2024-01-15T10:00:00Z'));
      });
    });

    it('a reading more than maxClockJumpDays after the last recorded time is refused with CLOCK_JUMP, writing nothing', async () => {
      const { clock, set } = settableClock('2024-01-15T09:00:00Z');
      await withEngine(engine, { clock, maxClockJumpDays: 30 }, async ({ store }) => {
        await store.append([{ stream: 'action:CL', events: [comment('first')] }]);
        const before = await snapshotOf(store);
        set('2024-03-15T09:00:00Z');
        await expectLedgerError(
          store.append([{ stream: 'action:CL', events: [comment('too far')] }]),
          'CLOCK_JUMP',
        );
        expect(await snapshotOf(store)).toEqual(before);
        set('2024-02-10T09:00:00Z');
        await store.append([{ stream: 'action:CL', events: [comment('within the bound')] }]);
        expect((await store.head()).position).toBe(2);
      });
    });
  });
}
