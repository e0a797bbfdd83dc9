import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRecordedAt, nextRecordedMicros, parseRecordedAt } from './recorded-clock.js';

// 1970 to 2254: microseconds since the epoch are exact in a double until 2255 (see EpochMicros).
const micros = fc.integer({ min: 0, max: Date.UTC(2254, 11, 31, 23, 59, 59, 999) * 1000 + 999 });

/** The format spelled out without any caching: what `formatRecordedAt` must always return. */
function reference(value: number): string {
  const millis = Math.floor(value / 1000);
  return `${new Date(millis).toISOString().slice(0, -1)}${String(value - millis * 1000).padStart(3, '0')}Z`;
}

describe('formatRecordedAt', () => {
  it('writes six fractional digits and round-trips through parseRecordedAt', () => {
    fc.assert(
      fc.property(micros, (value) => {
        const text = formatRecordedAt(value);
        expect(text).toBe(reference(value));
        expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
        expect(parseRecordedAt(text)).toBe(value);
      }),
      { numRuns: 2_000 },
    );
  });

  it('stays exact across runs of microseconds within one millisecond and jumps between them', () => {
    const run = fc.tuple(micros, fc.integer({ min: 1, max: 1_500 }));
    fc.assert(
      fc.property(fc.array(run, { maxLength: 8 }), (runs) => {
        const mismatches: number[] = [];
        for (const [start, length] of runs) {
          for (let value = start; value < start + length; value += 1) {
            if (formatRecordedAt(value) !== reference(value)) mismatches.push(value);
          }
        }
        expect(mismatches).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('formats what the ledger records for a batch: the clock once stood still, then moved on', () => {
    const instant = Date.parse('2024-01-15T09:30:00.123Z');
    let last = 0;
    const recorded: string[] = [];
    for (let i = 0; i < 3; i++) {
      last = nextRecordedMicros(() => new Date(instant), last);
      recorded.push(formatRecordedAt(last));
    }
    last = nextRecordedMicros(() => new Date(instant + 1), last);
    recorded.push(formatRecordedAt(last));
    expect(recorded).toEqual([
      '2024-01-15T09:30:00.123000Z',
      '2024-01-15T09:30:00.123001Z',
      '2024-01-15T09:30:00.123002Z',
      '2024-01-15T09:30:00.124000Z',
    ]);
  });
});
