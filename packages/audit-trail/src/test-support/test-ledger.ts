import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Ledger, openLedger, ProjectionRunner, type ProjectionRunnerOptions } from '@perfledger/core';
import { auditTrailProjection } from '../audit-trail-projection.js';
import { AUDIT_TRAIL_TABLE } from '../audit-trail-table.js';

/** A clock that says whatever time the test last set, so recorded times are chosen, not read. */
export interface ManualClock {
  (): Date;
  /** Sets the time the next readings return. */
  set(iso: string): void;
  /** Moves the time on. */
  advance(ms: number): void;
}

export function manualClock(startIso: string): ManualClock {
  let now = Date.parse(startIso);
  const clock = (() => new Date(now)) as ManualClock;
  clock.set = (iso) => {
    now = Date.parse(iso);
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

/** A ledger on a fresh SQLite file in its own temp directory. */
export interface TestLedger {
  readonly ledger: Ledger;
  readonly file: string;
  readonly clock: ManualClock;
  /** Opens another connection on the same file (closed by `cleanup`). */
  reopen(): Ledger;
  cleanup(): void;
}

export function testLedger(startIso = '2019-04-01T09:00:00Z'): TestLedger {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-audit-'));
  const file = join(dir, 'ledger.db');
  const clock = manualClock(startIso);
  const ledger = openLedger({ file, clock });
  const others: Ledger[] = [];
  return {
    ledger,
    file,
    clock,
    reopen() {
      const other = openLedger({ file, clock });
      others.push(other);
      return other;
    },
    cleanup() {
      for (const other of others) other.close();
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts the audit projection on a ledger (inline unless told otherwise). */
export function startAudit(ledger: Ledger, options: ProjectionRunnerOptions = {}): ProjectionRunner {
  const runner = new ProjectionRunner(ledger, [auditTrailProjection], options);
  runner.start();
  return runner;
}

/** Every row of the audit table, in a stable order, for comparing two builds. */
export function dumpAuditTable(ledger: Ledger): unknown[] {
  return ledger.store.database.prepare(`SELECT * FROM ${AUDIT_TRAIL_TABLE} ORDER BY position, seq`).all();
}
