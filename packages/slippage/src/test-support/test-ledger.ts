import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Ledger, type LedgerClock, openLedger, ProjectionRunner } from '@perfledger/core';
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

/** A ledger on a real SQLite file in a fresh temp directory, with the slippage runner. */
export interface TestLedger {
  readonly ledger: Ledger;
  readonly file: string;
  readonly clock: TestClock;
  readonly runner: ProjectionRunner;
  cleanup(): void;
}

/**
 * Opens a temp ledger with a stepping clock and, unless `startRunner` is false, an inline
 * slippage runner already started.
 */
export function openTestLedger(
  options: { readonly start?: string; readonly stepMs?: number; readonly startRunner?: boolean } = {},
): TestLedger {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-slippage-'));
  const file = join(dir, 'ledger.db');
  const clock = testClock(options.start ?? '2019-04-01T09:00:00Z', options.stepMs ?? 1_000);
  const ledger = openLedger({ file, clock });
  const runner = new ProjectionRunner(ledger, [slippageProjection]);
  if (options.startRunner !== false) runner.start();
  let open = true;
  return {
    ledger,
    file,
    clock,
    runner,
    cleanup() {
      if (open) ledger.close();
      open = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
