import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ClockJumpError, ValidationError } from '../errors/index.js';
import type { PendingEvent } from '../events/index.js';
import { DEFAULT_MAX_CLOCK_JUMP_DAYS, parseRecordedAt } from '../store/recorded-clock.js';
import { createTempLedger, type TempLedger } from '../testing/index.js';
import { openLedger } from './ledger.js';

const temps: TempLedger[] = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.cleanup();
});

const DAY = 86_400_000;
const comment: PendingEvent = {
  type: 'CommentAdded',
  effectiveOn: '2024-01-15',
  data: { comment: 'x' },
} as PendingEvent;

/** A ledger whose clock reads whatever `now.value` says. */
function ledgerOnClock(start: string, options: { maxClockJumpDays?: number } = {}) {
  const now = { value: Date.parse(start) };
  const temp = createTempLedger({ durability: 'normal', clock: () => new Date(now.value), ...options });
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
  it('is refused with CLOCK_JUMP naming the reading, the last recorded time and the option; nothing is written', () => {
    const { ledger, file, now } = ledgerOnClock('2024-01-15T09:00:00Z');
    ledger.append('action:A1', [comment]);
    const before = dump(file);
    now.value = Date.parse('2999-01-01T00:00:00Z');
    let error: unknown;
    try {
      ledger.append('action:A1', [comment]);
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
    const result = ledger.append('action:A1', [comment]);
    expect(result.events[0]?.recordedAt).toBe('2024-04-15T09:00:00.000000Z');
    expect(ledger.verify().ok).toBe(true);
  });

  it('is refused inside executeAll and batches too, writing none of the batch', () => {
    const { ledger, file, now } = ledgerOnClock('2024-01-15T09:00:00Z');
    ledger.append('action:A1', [comment]);
    const before = dump(file);
    now.value = Date.parse('2999-01-01T00:00:00Z');
    expect(() => ledger.appendMany([{ stream: 'action:B2', events: [comment, comment] }])).toThrow(
      ClockJumpError,
    );
    expect(dump(file)).toBe(before);
  });

  it('has no bound on an empty ledger, but never records a time past 2254, where microseconds stop being exact', () => {
    const { ledger, file, now } = ledgerOnClock('2999-01-01T00:00:00Z');
    expect(() => ledger.append('action:A1', [comment])).toThrow(
      "The ledger's clock reads 2999-01-01T00:00:00.000Z, after the end of 2254, beyond which recorded times cannot keep their microseconds exactly (nor strictly increase), so the clock is taken to be wrong and nothing was written. Correct the clock.",
    );
    expect(JSON.parse(dump(file))[0]).toEqual([]);
    now.value = Date.parse('2200-01-01T00:00:00Z');
    expect(ledger.append('action:A1', [comment]).events[0]?.recordedAt).toBe('2200-01-01T00:00:00.000000Z');
  });

  it('does not trip a ledger dormant for years within the default, and the bound is configurable', () => {
    const { ledger, file, now } = ledgerOnClock('2019-06-30T09:00:00Z');
    ledger.append('action:A1', [comment]);
    now.value += 4 * 365 * DAY; // four years without an import
    expect(ledger.append('action:A1', [comment]).lastPosition).toBe(2);
    ledger.close();

    const strict = openLedger({ file, clock: () => new Date(now.value), maxClockJumpDays: 1 });
    try {
      now.value += DAY;
      strict.append('action:A1', [comment]);
      now.value += DAY + 1;
      expect(() => strict.append('action:A1', [comment])).toThrow(/more than maxClockJumpDays \(1 days\)/);
    } finally {
      strict.close();
    }
    const revived = openLedger({ file, clock: () => new Date(now.value), maxClockJumpDays: 2 });
    try {
      expect(revived.append('action:A1', [comment]).lastPosition).toBe(4);
    } finally {
      revived.close();
    }
  });

  it('refuses a bound that is not a whole number of days of at least 1', () => {
    const { file } = ledgerOnClock('2024-01-15T09:00:00Z');
    for (const value of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '30', null]) {
      expect(() => openLedger({ file, maxClockJumpDays: value as never })).toThrow(ValidationError);
      expect(() => openLedger({ file, maxClockJumpDays: value as never })).toThrow(
        /maxClockJumpDays: must be a whole number of days, at least 1/,
      );
    }
  });

  it('whatever the clock does, recorded times strictly increase and never jump past the bound', () => {
    const reading = fc.oneof(
      fc.integer({ min: -3 * 365 * DAY, max: 0 }), // back (or standing still)
      fc.integer({ min: 1, max: 10 * DAY }), // forward a little
      fc.integer({ min: 1, max: 1_000 * 365 * DAY }), // forward, possibly far
    );
    const step = fc.record({ offset: reading, events: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 800 }),
        (steps, bound) => {
          const { ledger, now } = ledgerOnClock('2024-01-15T09:00:00Z', { maxClockJumpDays: bound });
          try {
            for (const { offset, events } of steps) {
              now.value += offset;
              const head = ledger.head();
              try {
                ledger.append(
                  'action:A1',
                  Array.from({ length: events }, () => comment),
                );
              } catch (error) {
                expect(error).toBeInstanceOf(ClockJumpError);
                expect(ledger.head()).toEqual(head);
                now.value -= offset; // the clock is put right again
              }
            }
            const times = [...ledger.readAll()].map((event) => parseRecordedAt(event.recordedAt));
            for (let i = 1; i < times.length; i++) {
              expect(times[i]!).toBeGreaterThan(times[i - 1]!);
              expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(bound * DAY * 1000);
            }
            expect(ledger.verify().ok).toBe(true);
          } finally {
            temps.pop()?.cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
