import { type Ledger, openLedger, ProjectionRunner, type SqlDatabase } from '@perfledger/core';
import {
  createTempLedger,
  type SteppingClock,
  steppingClock,
  type TempLedger,
} from '@perfledger/core/testing';
import { quarterEndProjection } from '../quarter-end-projection.js';

/** A temp-file ledger with a deterministic clock (one hour per reading) and the projection inline. */
export interface TestLedger {
  readonly ledger: Ledger;
  readonly clock: SteppingClock;
  readonly runner: ProjectionRunner;
  readonly temp: TempLedger;
  /** Opens a second connection to the same file (closed by cleanup). */
  reopen(): Ledger;
  cleanup(): void;
}

export function createTestLedger(
  options: {
    readonly start?: string;
    readonly mode?: 'inline' | 'catch-up';
    readonly batchSize?: number;
  } = {},
): TestLedger {
  const clock = steppingClock(options.start ?? '2022-01-01T09:00:00Z', 3_600_000);
  const temp = createTempLedger({ clock, prefix: 'perfledger-quarter-end-' });
  const runner = new ProjectionRunner(temp.ledger, [quarterEndProjection], {
    mode: options.mode ?? 'inline',
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });
  runner.start();
  const others: Ledger[] = [];
  return {
    ledger: temp.ledger,
    clock,
    runner,
    temp,
    reopen() {
      const other = openLedger({ file: temp.file, clock });
      others.push(other);
      return other;
    },
    cleanup() {
      for (const other of others) other.close();
      temp.cleanup();
    },
  };
}

/** Every row of the projection's table in a total order, for row-for-row comparison. */
export function dumpFacts(db: SqlDatabase): unknown[] {
  return db.prepare('SELECT * FROM quarter_end_facts ORDER BY code, field, effective_on, position').all();
}
