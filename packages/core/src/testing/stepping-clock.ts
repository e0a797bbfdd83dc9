import type { LedgerClock } from '../store/recorded-clock.js';

/**
 * A {@link LedgerClock} that moves by a fixed step on every reading, and can be moved by hand.
 *
 * @example
 * ```ts
 * const clock: SteppingClock = steppingClock('2024-01-15T09:00:00Z', 1000);
 * clock.peek(); // 2024-01-15T09:00:00.000Z, not consumed
 * ```
 */
export interface SteppingClock extends LedgerClock {
  /** The time the next reading will return, without consuming it. */
  peek(): Date;
  /** Makes the next reading return `iso`; later readings step on from there. */
  jumpTo(iso: string): void;
}

/**
 * A deterministic clock for recorded times: the first reading is `startIso`, and each reading
 * is `stepMs` after the previous one (a negative step makes a clock that runs backwards, which
 * the ledger must survive). Note that every `execute` reads the clock once for "today" and once
 * per event written. Engine-neutral: any store takes it as its `clock`.
 *
 * @example
 * ```ts
 * const clock = steppingClock('2024-01-15T09:00:00Z', 60_000);
 * const ledger = await openLedger({ file: 'plan.db', clock });
 * clock.jumpTo('2024-02-01T09:00:00Z'); // the next append is recorded on 1 February
 * ```
 */
export function steppingClock(startIso: string, stepMs = 1_000): SteppingClock {
  let next = parseInstant(startIso);
  if (!Number.isFinite(stepMs)) throw new RangeError(`steppingClock: step ${stepMs} is not a finite number`);
  const clock = (() => {
    const reading = new Date(next);
    next += stepMs;
    return reading;
  }) as SteppingClock;
  clock.peek = () => new Date(next);
  clock.jumpTo = (iso: string) => {
    next = parseInstant(iso);
  };
  return Object.freeze(clock);
}

function parseInstant(iso: string): number {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) throw new RangeError(`steppingClock: '${iso}' is not an ISO-8601 instant`);
  return millis;
}
