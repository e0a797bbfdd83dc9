import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ledger, LedgerClock, Projection } from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import { slippageProjection } from '../slippage-projection.js';

/** A clock that moves on by `stepMs` at every reading and can be sent to a given instant. */
export interface TestClock extends LedgerClock {
  jumpTo(iso: string): void;
  advance(ms: number): void;
}

/** A deterministic clock: recorded times in tests are then known in advance. */
export function testClock(startIso: string, stepMs = 1_000): TestClock {
  let next = Date.parse(startIso);
  const clock = (() => {
    const reading = new Date(next);
    next += stepMs;
    return reading;
  }) as TestClock;
  clock.jumpTo = (iso: string) => {
    next = Date.parse(iso);
  };
  clock.advance = (ms: number) => {
    next += ms;
  };
  return clock;
}

/** Which projections a test ledger is opened with, and how they run. */
export interface TestLedgerProjections {
  /** `[slippageProjection]` unless given; `[]` for a ledger without it. */
  readonly projections?: readonly Projection[];
  readonly projectionMode?: 'inline' | 'catch-up';
}

/** A ledger on a real SQLite file in a fresh temp directory. */
export interface TestLedger {
  /** The open ledger; replaced by {@link TestLedger.reopen}. */
  readonly ledger: Ledger;
  readonly file: string;
  readonly clock: TestClock;
  /** Closes the ledger and opens the same file again (same clock) with other projections. */
  reopen(options?: TestLedgerProjections): Promise<Ledger>;
  cleanup(): Promise<void>;
}

/**
 * Opens a temp ledger with a stepping clock and, unless told otherwise, the slippage projection
 * running inline.
 */
export async function openTestLedger(
  options: { readonly start?: string; readonly stepMs?: number } & TestLedgerProjections = {},
): Promise<TestLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-slippage-'));
  const file = join(dir, 'ledger.db');
  const clock = testClock(options.start ?? '2019-04-01T09:00:00Z', options.stepMs ?? 1_000);
  const open = (with_: TestLedgerProjections) =>
    openLedger({
      file,
      clock,
      projections: [...(with_.projections ?? [slippageProjection])],
      ...(with_.projectionMode === undefined ? {} : { projectionMode: with_.projectionMode }),
    });
  let ledger: Ledger | undefined = await open(options);
  return {
    get ledger() {
      if (ledger === undefined) throw new Error('the test ledger is closed');
      return ledger;
    },
    file,
    clock,
    async reopen(with_ = {}) {
      await ledger?.close();
      ledger = undefined;
      ledger = await open(with_);
      return ledger;
    },
    async cleanup() {
      await ledger?.close();
      ledger = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
