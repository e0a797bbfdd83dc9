import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ledger } from '@perfledger/core';
import { type SteppingClock, steppingClock } from '@perfledger/core/testing';
import { openLedger, openReadonlyLedger } from '@perfledger/sqlite';
import { quarterEndProjection } from '../quarter-end-projection.js';

/** A temp-file ledger with a deterministic clock (one hour per reading) and the projection registered. */
export interface TestLedger {
  readonly ledger: Ledger;
  readonly clock: SteppingClock;
  /** The SQLite file (its directory is removed by cleanup). */
  readonly file: string;
  /** Opens a second connection to the same file, with the projection registered (closed by cleanup). */
  reopen(options?: { readonly readonly?: boolean }): Promise<Ledger>;
  cleanup(): Promise<void>;
}

/**
 * Opens a ledger on a fresh temp file with `quarterEndProjection`: inline by default (every
 * append applies it), or in catch-up mode (applied by `ledger.projections.catchUp()`).
 */
export async function createTestLedger(
  options: { readonly start?: string; readonly mode?: 'inline' | 'catch-up' } = {},
): Promise<TestLedger> {
  const clock = steppingClock(options.start ?? '2022-01-01T09:00:00Z', 3_600_000);
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-quarter-end-'));
  const file = join(dir, 'ledger.db');
  const ledger = await openLedger({
    file,
    clock,
    projections: [quarterEndProjection],
    ...(options.mode === 'catch-up' ? { projectionMode: 'catch-up' as const } : {}),
  });
  const others: Ledger[] = [];
  return {
    ledger,
    clock,
    file,
    async reopen(reopenOptions = {}) {
      const other = reopenOptions.readonly
        ? await openReadonlyLedger(file, { projections: [quarterEndProjection] })
        : await openLedger({ file, clock, projections: [quarterEndProjection] });
      others.push(other);
      return other;
    },
    async cleanup() {
      for (const other of others.splice(0)) await other.close();
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of the projection's table in a total order, for row-for-row comparison. */
export function dumpFacts(ledger: Ledger): Promise<Record<string, unknown>[]> {
  return ledger.query.all('SELECT * FROM quarter_end_facts ORDER BY code, field, effective_on, position');
}

/**
 * Runs `work` on a second connection opened without the projection, as another process would:
 * its events land, the projection's checkpoint stays where it was.
 */
export async function appendWithoutProjection(
  t: TestLedger,
  work: (other: Ledger) => Promise<unknown>,
): Promise<void> {
  const other = await openLedger({ file: t.file, clock: t.clock });
  try {
    await work(other);
  } finally {
    await other.close();
  }
}
