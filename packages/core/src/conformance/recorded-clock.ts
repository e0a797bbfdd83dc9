import { describe, expect, it } from 'vitest';
import type { LedgerClock } from '../store/recorded-clock.js';
import { parseRecordedAt } from '../store/recorded-clock.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { comment, expectLedgerError, readLog, snapshotOf, withEngine } from './fixtures.js';

/** A clock that reads the given instants in turn, then stays on the last. */
function readings(...instants: string[]): LedgerClock {
  let i = 0;
  return () => new Date(instants[Math.min(i++, instants.length - 1)]!);
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
      const clock = readings(
        '2024-01-15T09:00:00Z',
        '2024-01-15T09:00:00Z',
        '2024-01-10T00:00:00Z',
        '2024-01-15T10:00:00Z',
      );
      await withEngine(engine, { clock }, async ({ store }) => {
        for (let i = 0; i < 4; i++) await store.append([{ stream: 'action:CL', events: [comment(`c${i}`)] }]);
        const micros = (await readLog(store)).map((e) => parseRecordedAt(e.recordedAt));
        for (let i = 1; i < micros.length; i++) expect(micros[i]!).toBeGreaterThan(micros[i - 1]!);
        expect(micros[3]).toBe(parseRecordedAt('2024-01-15T10:00:00Z'));
      });
    });

    it('a reading more than maxClockJumpDays after the last recorded time is refused with CLOCK_JUMP, writing nothing', async () => {
      const clock = readings('2024-01-15T09:00:00Z', '2024-03-15T09:00:00Z');
      await withEngine(engine, { clock, maxClockJumpDays: 30 }, async ({ store }) => {
        await store.append([{ stream: 'action:CL', events: [comment('first')] }]);
        const before = await snapshotOf(store);
        await expectLedgerError(
          store.append([{ stream: 'action:CL', events: [comment('too far')] }]),
          'CLOCK_JUMP',
        );
        expect(await snapshotOf(store)).toEqual(before);
      });
    });
  });
}
