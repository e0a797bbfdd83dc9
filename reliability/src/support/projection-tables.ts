import { type Ledger, openLedger, ProjectionRunner } from '@perfledger/core';
import { copyDatabase, makeTempDir, removeDir } from './database-files.js';
import { standardProjections } from './standard-projections.js';

/** Every row of every table of the standard projections, in a stable order. */
export type ProjectionDump = Readonly<Record<string, readonly unknown[]>>;

/** Reads every table the standard projections own, ordered by all columns. */
export function dumpProjections(ledger: Ledger): ProjectionDump {
  const db = ledger.store.database;
  const dump: Record<string, unknown[]> = {};
  for (const projection of standardProjections) {
    for (const table of projection.tables) {
      const columns = (db.prepare(`PRAGMA table_info("${table.name}")`).all() as { name: string }[]).map(
        (column) => `"${column.name}"`,
      );
      dump[table.name] =
        columns.length === 0
          ? ['(missing)']
          : db.prepare(`SELECT * FROM "${table.name}" ORDER BY ${columns.join(', ')}`).all();
    }
  }
  return dump;
}

/** Where each projection's checkpoint stands: ready at the head, or not. */
export function checkpointStates(ledger: Ledger): { name: string; state: string; position: number }[] {
  return ledger.store.database
    .prepare('SELECT name, state, position FROM projection_checkpoints ORDER BY name')
    .all() as { name: string; state: string; position: number }[];
}

/** The result of comparing a resumed projection with a clean rebuild. */
export interface ProjectionComparison {
  /** Tables whose rows differ, with the first difference. */
  readonly differences: readonly string[];
  /** Checkpoints not `ready` at the head after resuming. */
  readonly notReady: readonly string[];
  readonly rows: number;
}

/**
 * Compares the projections of a (closed) ledger file, resumed with `start()`, with a clean
 * rebuild of a copy of the same file. The copy is taken before resuming, so both start from
 * exactly the same log.
 *
 * @example
 * ```ts
 * expect(resumeAndCompare(file, 'catch-up').differences).toEqual([]);
 * ```
 */
export function resumeAndCompare(file: string, mode: 'inline' | 'catch-up' = 'inline'): ProjectionComparison {
  const dir = makeTempDir('perfledger-clean-');
  try {
    const copy = copyDatabase(file, dir);
    const clean = openLedger({ file: copy, durability: 'normal' });
    let expected: ProjectionDump;
    try {
      new ProjectionRunner(clean, standardProjections).rebuild();
      expected = dumpProjections(clean);
    } finally {
      clean.close();
    }
    const ledger = openLedger({ file, busyTimeoutMs: 60_000 });
    try {
      const runner = new ProjectionRunner(ledger, standardProjections, { mode });
      runner.start();
      runner.stop();
      const actual = dumpProjections(ledger);
      const differences: string[] = [];
      let rows = 0;
      for (const [table, expectedRows] of Object.entries(expected)) {
        const actualRows = actual[table] ?? [];
        rows += expectedRows.length;
        const a = actualRows.map((row) => JSON.stringify(row));
        const e = expectedRows.map((row) => JSON.stringify(row));
        if (a.length !== e.length) {
          differences.push(`${table}: ${a.length} rows after resuming, ${e.length} in a clean rebuild`);
          continue;
        }
        const index = a.findIndex((row, i) => row !== e[i]);
        if (index >= 0) differences.push(`${table} row ${index}: resumed ${a[index]}, clean ${e[index]}`);
      }
      const head = ledger.head().position;
      const notReady = checkpointStates(ledger)
        .filter((c) => c.state !== 'ready' || c.position !== head)
        .map((c) => `${c.name} ${c.state} at ${c.position} of ${head}`);
      return { differences, notReady, rows };
    } finally {
      ledger.close();
    }
  } finally {
    removeDir(dir);
  }
}
