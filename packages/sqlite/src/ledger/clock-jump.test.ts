import {
  ClockJumpError,
  DEFAULT_MAX_CLOCK_JUMP_DAYS,
  type PendingEvent,
  parseRecordedAt,
  ValidationError,
} from '@perfledger/core';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../open-ledger.js';
import { createTempLedger, type TempLedger } from '../testing/index.js';

const temps: TempLedger[] = [];
afterEach(async () => {
  for (const temp of temps.splice(0)) await temp.cleanup();
});

const DAY = 86_400_000;
const comment: PendingEvent = {
  type: 'CommentAdded',
  effectiveOn: '2024-01-15',
  data: { comment: 'x' },
} as PendingEvent;

/** A ledger whose clock reads whatever `now.value` says. */
async function ledgerOnClock(start: string, options: { maxClockJumpDays?: number } = {}) {
  const now = { value: Date.parse(start) };
  const temp = await createTempLedger({ durability: 'normal', clock: () => new Date(now.value), ...options });
  temps.push(temp);
  return { ...temp, now };
}

function dump(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return JSON.stringify([
      db.prepare('SELECT * FROM events ORDER BY position').all(),
      db.prepare('SELECT * FROM ledger_head').all(),
    ]);
  } finally {
    db.close();
  }
}

describe('a clock far ahead of the log', () => {
  it('is refused with CLOCK_JUMP naming the reading, the last recorded time and the option; nothing is written', async () => {
    const { ledger, file, now } = await ledgerOnClock('2024-01-15T09:00:00Z');
    await ledger.append('action:A1', [comment]);
    const before = dump(file);
    now.value = Date.parse('2999-01-01T00:00:00Z');
    let error: unknown;
    try {
      await ledger.append('action:A1', [comment]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ClockJumpError);
    expect(error).toMatchObject({
      code: 'CLOCK_JUMP',
      clockReading: '2999-01-01T00:00:00.000Z',
      lastRecordedAt: '2024-01-15T09:00:00.000000Z',
      maxClockJumpDays: DEFAULT_MAX_CLOCK_JUMP_DAYS,
    });
    expect((error as Error).message).toBe(
      "The ledger's clock reads 2999-01-01T00:00:00.000Z, 974 years after the last recorded time 2024-01-15T09:00:00.000000Z: more than maxClockJumpDays (1827 days) ahead, so the clock is taken to be wrong and nothing was written. Correct the clock; if the ledger really lay unused that long, open it with a larger maxClockJumpDays (CLI: --max-clock-jump-days).",
    );
    expect(dump(file)).toBe(before);
    // Back on the real clock, the axis is intact: no event inherited 2999.
    now.value = Date.parse('2024-04-15T09:00:00Z');
    const result = await ledger.append('action:A1', [comment]);
    expect(result.events[0]?.recordedAt).toBe('2024-04-15T09:00:00.000000Z');
    expect((await ledger.verify()).ok).toBe(true);
  });

  it('is refused inside executeAll and batches too, writing none of the batch', async () => {
    const { ledger, file, now } = await ledgerOnClock('2024-01-15T09:00:00Z');
    await ledger.append('action:A1', [comment]);
    const before = dump(file);
    now.value = Date.parse('2999-01-01T00:00:00Z');
    await expect(ledger.appendMany([{ stream: 'action:B2', events: [comment, comment] }])).rejects.toThrow(
      ClockJumpError,
    );
    expect(dump(file)).toBe(before);
  });

  it('has no bound on an empty ledger, but never records a time past 2254, where microseconds stop being exact', async () => {
    const { ledger, file, now } = await ledgerOnClock('2999-01-01T00:00:00Z');
    await expect(ledger.append('action:A1', [comment])).rejects.toThrow(
      "The ledger's clock reads 2999-01-01T00:00:00.000Z, after the end of 2254, beyond which recorded times cannot keep their microseconds exactly (nor strictly increase), so the clock is taken to be wrong and nothing was written. Correct the clock.",
    );
    expect(JSON.parse(dump(file))[0]).toEqual([]);
    now.value = Date.parse('2200-01-01T00:00:00Z');
    expect((await ledger.append('action:A1', [comment])).events[0]?.recordedAt).toBe(
      '2200-01-01T00:00:00.000000Z',
    );
  });

  it('does not trip a ledger dormant for years within the default, and the bound is configurable', async () => {
    const { ledger, file, now } = await ledgerOnClock('2019-06-30T09:00:00Z');
    await ledger.append('action:A1', [comment]);
    now.value += 4 * 365 * DAY; // four years without an import
    expect((await ledger.append('action:A1', [comment])).lastPosition).toBe(2);
    await ledger.close();

    const strict = await openLedger({ file, clock: () => new Date(now.value), maxClockJumpDays: 1 });
    try {
      now.value += DAY;
      await strict.append('action:A1', [comment]);
      now.value += DAY + 1;
      await expect(strict.append('action:A1', [comment])).rejects.toThrow(
        /more than maxClockJumpDays \(1 days\)/,
      );
    } finally {
      await strict.close();
    }
    const revived = await openLedger({ file, clock: () => new Date(now.value), maxClockJumpDays: 2 });
    try {
      expect((await revived.append('action:A1', [comment])).lastPosition).toBe(4);
    } finally {
      await revived.close();
    }
  });

  it('refuses a bound that is not a whole number of days of at least 1', async () => {
    const { file } = await ledgerOnClock('2024-01-15T09:00:00Z');
    for (const value of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '30', null]) {
      await expect(openLedger({ file, maxClockJumpDays: value as never })).rejects.toThrow(ValidationError);
      await expect(openLedger({ file, maxClockJumpDays: value as never })).rejects.toThrow(
        /maxClockJumpDays: must be a whole number of days, at least 1/,
      );
    }
  });

  it('whatever the clock does, recorded times strictly increase and never jump past the bound', async () => {
    const reading = fc.oneof(
      fc.integer({ min: -3 * 365 * DAY, max: 0 }), // back (or standing still)
      fc.integer({ min: 1, max: 10 * DAY }), // forward a little
      fc.integer({ min: 1, max: 1_000 * 365 * DAY }), // forward, possibly far
    );
    const step = fc.record({ offset: reading, events: fc.integer({ min: 1, max: 3 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 800 }),
        async (steps, bound) => {
          const { ledger, now } = await ledgerOnClock('2024-01-15T09:00:00Z', { maxClockJumpDays: bound });
          try {
            for (const { offset, events } of steps) {
              now.value += offset;
              const head = await ledger.head();
              try {
                await ledger.append(
                  'action:A1',
                  Array.from({ length: events }, () => comment),
                );
              } catch (error) {
                expect(error).toBeInstanceOf(ClockJumpError);
                expect(await ledger.head()).toEqual(head);
                now.value -= offset; // the clock is put right again
              }
            }
            const times: number[] = [];
            for await (const event of ledger.readAll()) times.push(parseRecordedAt(event.recordedAt));
            for (let i = 1; i < times.length; i++) {
              expect(times[i]!).toBeGreaterThan(times[i - 1]!);
              expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(bound * DAY * 1000);
            }
            expect((await ledger.verify()).ok).toBe(true);
          } finally {
            await temps.pop()?.cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
