import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Ledger, openLedger } from '../ledger/ledger.js';
import type { OpenLedgerOptions } from '../ledger/open-ledger-options.js';
import type { LedgerClock } from '../store/recorded-clock.js';

/**
 * How to create a {@link TempLedger}: any ledger option except the file, which is always fresh.
 *
 * @example
 * ```ts
 * createTempLedger({ prefix: 'import-test-', durability: 'normal', statusKeys: [bragStatusKey] });
 * ```
 */
export interface TempLedgerOptions extends Omit<OpenLedgerOptions, 'file'> {
  /** The temp directory's name prefix; `perfledger-` by default. */
  readonly prefix?: string;
}

/**
 * A ledger on a real SQLite file in its own temp directory.
 *
 * @example
 * ```ts
 * const { ledger, file, cleanup } = createTempLedger();
 * const reader = openReadonlyLedger(file);
 * ```
 */
export interface TempLedger {
  readonly ledger: Ledger;
  /** The database file (its `-wal` and `-shm` files sit beside it). */
  readonly file: string;
  /** The temp directory that holds the file; removed by {@link TempLedger.cleanup}. */
  readonly dir: string;
  /** Closes the ledger and removes the directory. Safe to call twice. */
  cleanup(): void;
}

/**
 * Opens a ledger on a new SQLite file in a fresh temp directory, so tests exercise the real
 * storage (WAL, triggers, locks) rather than a mock. Call `cleanup()` when done.
 *
 * @example
 * ```ts
 * const temp = createTempLedger({ clock: steppingClock('2024-01-15T09:00:00Z', 1000) });
 * try {
 *   temp.ledger.execute(register);
 * } finally {
 *   temp.cleanup();
 * }
 * ```
 */
export function createTempLedger(options: TempLedgerOptions = {}): TempLedger {
  const { prefix = 'perfledger-', ...ledgerOptions } = options;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'ledger.db');
  let ledger: Ledger;
  try {
    ledger = openLedger({ ...ledgerOptions, file });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    ledger,
    file,
    dir,
    cleanup() {
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

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
 * per event written.
 *
 * @example
 * ```ts
 * const clock = steppingClock('2024-01-15T09:00:00Z', 60_000);
 * const { ledger } = createTempLedger({ clock });
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
