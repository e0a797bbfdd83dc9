import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { verifyProjections } from '@perfledger/core';
import { openLedger, openReadonlyLedger } from '@perfledger/sqlite';
import Database from 'better-sqlite3';
import { copyDatabase, databaseBytes, makeTempDir, removeDir, sameBytes } from '../support/database-files.js';
import { type SeededRandom, seededRandom } from '../support/random.js';
import { standardProjections } from '../support/standard-projections.js';
import { sharedActionCommands, Workload } from '../support/workload.js';

/** How many attacks on the tables outside the chain to make, on how long a log. */
export interface UnchainedTablesOptions {
  /** Random single-row edits of projection tables, each on a fresh copy of the ledger. */
  readonly edits: number;
  /** Appends made with an idempotency key forged beforehand into an unchained table. */
  readonly forgedKeys: number;
  /** Roughly how many events the ledger holds. */
  readonly events: number;
  readonly seed: number;
}

/** What the attacks did and what verification found. */
export interface UnchainedTablesReport {
  /** Edits SQLite accepted (and that changed a row); each must be found. */
  readonly edits: number;
  /** Edits found by `verifyProjections`, in the table that was edited. */
  readonly found: number;
  /** Projection rows compared on the untouched ledger. */
  readonly rows: number;
  /** Appends with a forged key that still wrote their events. */
  readonly forgedKeysIgnored: number;
  readonly problems: readonly string[];
}

const TABLES = standardProjections.flatMap((projection) => projection.tables.map((table) => table.name));
const VALUES: readonly unknown[] = [null, '', 'forged', 0, 1, 12_345, -1, '2099-12-31', 'Green'];

/**
 * The attacks of issue 11 on the tables outside the hash chain, at scale: every random
 * single-row edit (delete, change one value, insert a changed copy) of every standard
 * projection table must be found by `verifyProjections` through a read-only handle, naming the
 * edited table, without changing the file; and a key planted in an `idempotency_keys` table
 * (the unchained table schema 1 trusted) must not suppress the append that uses it.
 *
 * @example
 * ```ts
 * const report = await runUnchainedTableAttacks({ edits: 50, forgedKeys: 10, events: 1_000, seed: 7 });
 * ```
 */
export async function runUnchainedTableAttacks(
  options: UnchainedTablesOptions,
): Promise<UnchainedTablesReport> {
  const dir = makeTempDir('perfledger-unchained-');
  const problems: string[] = [];
  const random = seededRandom(options.seed);
  try {
    const template = join(dir, 'template.db');
    await buildLedger(template, options.events, random);
    const untouched = await verifyCopy(template, join(dir, 'scratch'));
    if (!untouched.ok)
      problems.push(`untouched ledger: ${untouched.problems.map((p) => p.message).join('; ')}`);
    const rows = untouched.projections.reduce(
      (sum, projection) => sum + projection.tables.reduce((n, table) => n + table.rows, 0),
      0,
    );
    let edits = 0;
    let found = 0;
    for (let i = 0; i < options.edits; i++) {
      const copyDir = join(dir, `edit-${i}`);
      mkdirSync(copyDir);
      const copy = copyDatabase(template, copyDir);
      const edit = randomEdit(copy, random);
      if (edit === undefined) {
        removeDir(copyDir);
        continue;
      }
      edits += 1;
      const result = await verifyCopy(copy, join(dir, 'scratch'));
      const tables = result.problems.map((p) => p.table);
      if (!result.ok && tables.length === 1 && tables[0] === edit.table) found += 1;
      else problems.push(`${edit.description}: verification reported ${JSON.stringify(result.problems)}`);
      removeDir(copyDir);
    }
    const forgedKeysIgnored = await forgeKeys(template, options.forgedKeys, random, problems);
    return { edits, found, rows, forgedKeysIgnored, problems };
  } finally {
    removeDir(dir);
  }
}

/** A realistic ledger with the standard projections kept inline, closed. */
async function buildLedger(file: string, events: number, random: SeededRandom): Promise<void> {
  const ledger = await openLedger({ file, durability: 'normal', projections: standardProjections });
  try {
    await ledger.executeAll(sharedActionCommands(), { correlationId: 'setup-shared' });
    const workload = new Workload('UNCH', random);
    let batch = 0;
    while ((await ledger.head()).position < events) {
      batch += 1;
      await ledger.executeAll(workload.batch(`unch-${batch}`, random.int(1, 20)), {
        correlationId: `unch-${batch}`,
      });
    }
  } finally {
    await ledger.close();
  }
}

/**
 * Verifies a copy through a read-only handle, and checks that verifying changed no byte of it and
 * wrote nothing beside it (the check replays in memory; `scratchDirectory` must stay empty).
 */
async function verifyCopy(file: string, scratchDirectory: string) {
  const before = databaseBytes(file);
  const reader = await openReadonlyLedger(file, { projections: standardProjections });
  try {
    mkdirSync(scratchDirectory, { recursive: true });
    const result = await verifyProjections(reader);
    if (!sameBytes(before, databaseBytes(file))) throw new Error(`verifying ${file} changed its bytes`);
    const left = readdirSync(scratchDirectory);
    if (left.length > 0) throw new Error(`verifying ${file} left scratch files behind: ${left.join(', ')}`);
    return result;
  } finally {
    await reader.close();
  }
}

/** One random single-row edit that SQLite accepts and that changes something; undefined if none was found. */
function randomEdit(file: string, random: SeededRandom): { table: string; description: string } | undefined {
  const db = new Database(file);
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      const table = random.pick(TABLES);
      const info = db.prepare(`SELECT name, pk FROM pragma_table_info('${table}') ORDER BY cid`).all() as {
        name: string;
        pk: number;
      }[];
      const count = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
      if (count === 0) continue;
      const key = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => `"${c.name}"`);
      const keyValues = db
        .prepare(`SELECT ${key.join(', ')} FROM "${table}" ORDER BY ${key.join(', ')} LIMIT 1 OFFSET ?`)
        .raw(true)
        .get(random.int(0, count - 1)) as unknown[];
      const where = key.map((c) => `${c} IS ?`).join(' AND ');
      const column = random.pick(info).name;
      const value = random.pick(VALUES);
      const kind = random.pick(['delete', 'update', 'insert'] as const);
      const read = () =>
        JSON.stringify(db.prepare(`SELECT * FROM "${table}" WHERE ${where}`).get(...keyValues));
      const before = read();
      const description = `${kind} of ${table} row ${JSON.stringify(keyValues)}${kind === 'delete' ? '' : ` (${column} = ${JSON.stringify(value)})`}`;
      try {
        if (kind === 'delete') {
          db.prepare(`DELETE FROM "${table}" WHERE ${where}`).run(...keyValues);
        } else if (kind === 'update') {
          db.prepare(`UPDATE "${table}" SET "${column}" = ? WHERE ${where}`).run(value, ...keyValues);
          if (read() === before) continue;
        } else {
          const names = info.map((c) => `"${c.name}"`);
          const select = info.map((c) => (c.name === column ? '?' : `"${c.name}"`));
          db.prepare(
            `INSERT INTO "${table}" (${names.join(', ')}) SELECT ${select.join(', ')} FROM "${table}" WHERE ${where}`,
          ).run(value, ...keyValues);
        }
        return { table, description };
      } catch {
        // SQLite refused the edit (a type, NOT NULL, a unique key): try another.
      }
    }
    return undefined;
  } finally {
    db.close();
  }
}

/**
 * Plants keys in an `idempotency_keys` table (as schema 1 had, pointing at real events), then
 * appends with each: every append must write its events. Returns how many did.
 */
async function forgeKeys(
  template: string,
  count: number,
  random: SeededRandom,
  problems: string[],
): Promise<number> {
  const dir = makeTempDir('perfledger-forged-keys-');
  try {
    const file = copyDatabase(template, dir);
    const db = new Database(file);
    db.exec(
      'CREATE TABLE IF NOT EXISTS idempotency_keys (key TEXT PRIMARY KEY, first_position INTEGER NOT NULL, last_position INTEGER NOT NULL)',
    );
    const plant = db.prepare('INSERT INTO idempotency_keys VALUES (?, 1, 1)');
    for (let i = 0; i < count; i++) plant.run(`future-import-${i}`);
    db.close();
    const ledger = await openLedger({ file, durability: 'normal', projections: standardProjections });
    try {
      const workload = new Workload('FORGED', random, { shared: false });
      let written = 0;
      for (let i = 0; i < count; i++) {
        const commands = workload.batch(`forged-${i}`, 2);
        const result = await ledger.executeAll(commands, { idempotencyKey: `future-import-${i}` });
        if (!result.replayed && result.events.length === commands.length) written += 1;
        else
          problems.push(
            `the append with planted key future-import-${i} was suppressed: ${JSON.stringify({ ...result, events: result.events.length })}`,
          );
      }
      return written;
    } finally {
      await ledger.close();
    }
  } finally {
    removeDir(dir);
  }
}
