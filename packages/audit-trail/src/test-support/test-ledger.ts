import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ledger } from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
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

/** How a test ledger runs the audit projection. */
export interface TestLedgerOptions {
  /** 'inline' (the default) applies it in every append; 'catch-up' leaves it to `projections.catchUp()`. */
  readonly projectionMode?: 'inline' | 'catch-up';
  /** False to open the ledger without the audit projection at all. */
  readonly audit?: boolean;
}

/** A ledger on a fresh SQLite file in its own temp directory. */
export interface TestLedger {
  readonly ledger: Ledger;
  readonly file: string;
  readonly clock: ManualClock;
  /** Opens another connection on the same file with the audit projection (closed by `cleanup`). */
  reopen(): Promise<Ledger>;
  cleanup(): Promise<void>;
}

export async function testLedger(
  startIso = '2019-04-01T09:00:00Z',
  options: TestLedgerOptions = {},
): Promise<TestLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-audit-'));
  const file = join(dir, 'ledger.db');
  const clock = manualClock(startIso);
  const projections = options.audit === false ? [] : [auditTrailProjection];
  const ledger = await openLedger({
    file,
    clock,
    projections,
    ...(options.projectionMode === undefined ? {} : { projectionMode: options.projectionMode }),
  });
  const others: Ledger[] = [];
  return {
    ledger,
    file,
    clock,
    async reopen() {
      const other = await openLedger({ file, clock, projections: [auditTrailProjection] });
      others.push(other);
      return other;
    },
    async cleanup() {
      for (const other of others) await other.close();
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of the audit table, in a stable order, for comparing two builds. */
export async function dumpAuditTable(ledger: Ledger): Promise<Record<string, unknown>[]> {
  return ledger.query.all(`SELECT * FROM ${AUDIT_TRAIL_TABLE} ORDER BY position, seq`);
}
