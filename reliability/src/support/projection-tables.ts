import type { Ledger } from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import Database from 'better-sqlite3';
import { copyDatabase, makeTempDir, removeDir } from './database-files.js';
import { standardProjections } from './standard-projections.js';

/** Every row of every table of the standard projections, in a stable order. */
export type ProjectionDump = Readonly<Record<string, readonly unknown[]>>;

/** Reads every table the standard projections own, ordered by all columns, through a raw read-only connection to the ledger's file. */
export function dumpProjections(ledger: Ledger): ProjectionDump {
  const db = new Database(ledger.location, { readonly: true });
  try {
    return dumpWith(db);
  } finally {
    db.close();
  }
}

function dumpWith(db: Database.Database): ProjectionDump {
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
export async function checkpointStates(
  ledger: Ledger,
): Promise<{ name: string; state: string; position: number }[]> {
  return (await ledger.projections.status())
    .filter((status) => status.state !== 'missing')
    .map((status) => ({ name: status.name, state: status.state, position: status.position }))
    .sort((a, b) => a.name.localeCompare(b.name));
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
 * Compares the projections of a (closed) ledger file, resumed by opening it with them, with a clean
 * rebuild of a copy of the same file. The copy is taken before resuming, so both start from
 * exactly the same log.
 *
 * @example
 * ```ts
 * expect((await resumeAndCompare(file, 'catch-up')).differences).toEqual([]);
 * ```
 */
export async function resumeAndCompare(
  file: string,
  mode: 'inline' | 'catch-up' = 'inline',
): Promise<ProjectionComparison> {
  const dir = makeTempDir('perfledger-clean-');
  try {
    const copy = copyDatabase(file, dir);
    const clean = await openLedger({
      file: copy,
      durability: 'normal',
      projections: standardProjections,
      projectionMode: 'catch-up',
    });
    let expected: ProjectionDump;
    try {
      await clean.projections.rebuild();
      expected = dumpProjections(clean);
    } finally {
      await clean.close();
    }
    // Opening a read-write ledger with its projections resumes them (inline mode), or leaves
    // them to catchUp() (catch-up mode).
    const ledger = await openLedger({
      file,
      busyTimeoutMs: 60_000,
      projections: standardProjections,
      projectionMode: mode,
    });
    try {
      if (mode === 'catch-up') await ledger.projections.catchUp();
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
      const head = (await ledger.head()).position;
      const notReady = (await checkpointStates(ledger))
        .filter((c) => c.state !== 'ready' || c.position !== head)
        .map((c) => `${c.name} ${c.state} at ${c.position} of ${head}`);
      return { differences, notReady, rows };
    } finally {
      await ledger.close();
    }
  } finally {
    removeDir(dir);
  }
}
