import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChainVerifier, chainRowOf } from '@perfledger/core/internal';
import { openLedger, SCHEMA_VERSION } from '@perfledger/sqlite';
import { CACHE_DIR, ensureDirOf, removeDatabase } from './paths.js';
import { EVENT_COLUMNS, openRawReader, type RawRow } from './raw-sqlite.js';
import { GENERATOR_VERSION, RealisticEvents, toRequest, type WorkloadShape } from './realistic-events.js';

/** A generated ledger on disk, reused across runs while the generator and schema are unchanged. */
export interface Dataset {
  readonly file: string;
  readonly actions: number;
  readonly eventsPerAction: number;
  readonly events: number;
  readonly codes: readonly string[];
}

interface Stamp {
  readonly generatorVersion: number;
  readonly schemaVersion: number;
  readonly actions: number;
  readonly eventsPerAction: number;
  readonly events: number;
}

const BATCH = 1_000;

/**
 * The cached ledger of `shape`, generating it first when missing or stale. Generation appends
 * through the ledger itself, in batches of 1 000 at `durability: 'normal'`, with the generator's
 * simulated clock; a stamp file written last marks it complete, and the first rows are re-verified
 * with the current chain code so that a changed hash format never goes unnoticed.
 *
 * @example
 * ```ts
 * const { file, codes } = await ensureDataset({ actions: 1_000, eventsPerAction: 100 }, console.log);
 * ```
 */
export async function ensureDataset(shape: WorkloadShape, log: (line: string) => void): Promise<Dataset> {
  const name = `ledger-${shape.actions}x${shape.eventsPerAction}`;
  const file = join(CACHE_DIR, `${name}.db`);
  const stampFile = join(CACHE_DIR, `${name}.json`);
  const generator = new RealisticEvents(shape);
  const wanted: Stamp = {
    generatorVersion: GENERATOR_VERSION,
    schemaVersion: SCHEMA_VERSION,
    actions: shape.actions,
    eventsPerAction: shape.eventsPerAction,
    events: generator.total,
  };
  const dataset: Dataset = {
    file,
    actions: shape.actions,
    eventsPerAction: shape.eventsPerAction,
    events: generator.total,
    codes: generator.codes,
  };
  if (isFresh(file, stampFile, wanted)) {
    log(`  reusing ${relative(file)} (${wanted.events.toLocaleString('en-GB')} events)`);
    return dataset;
  }
  ensureDirOf(file);
  removeDatabase(file);
  const building = `${file}.building`;
  removeDatabase(building);
  log(
    `  generating ${relative(file)}: ${wanted.events.toLocaleString('en-GB')} events (cached for later runs)...`,
  );
  const started = performance.now();
  const ledger = await openLedger({ file: building, durability: 'normal', clock: generator.recordedAt() });
  let done = 0;
  let nextReport = 0.25;
  for (const round of generator.rounds()) {
    for (let i = 0; i < round.length; i += BATCH) {
      await ledger.appendMany(round.slice(i, i + BATCH).map(toRequest), {
        actor: 'bench.generator',
        source: 'bench',
      });
    }
    done += round.length;
    if (done / wanted.events >= nextReport) {
      log(
        `    ${Math.round((done / wanted.events) * 100)}% after ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      nextReport += 0.25;
    }
  }
  await ledger.close();
  renameSync(building, file);
  writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`);
  return dataset;
}

function isFresh(file: string, stampFile: string, wanted: Stamp): boolean {
  if (!existsSync(file) || !existsSync(stampFile)) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Stamp;
    if (JSON.stringify(stamp) !== JSON.stringify(wanted)) return false;
    const db = openRawReader(file);
    try {
      const head = db.prepare('SELECT position FROM ledger_head WHERE id = 1').pluck().get() as number;
      if (head !== wanted.events) return false;
      const verifier = new ChainVerifier();
      const rows = db
        .prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY position LIMIT 100`)
        .raw(true)
        .all();
      for (const row of rows as RawRow[]) {
        const ok = verifier.push(chainRowOf(row));
        if (!ok) return false;
      }
      return true;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

function relative(file: string): string {
  const at = file.indexOf('bench/.cache');
  return at >= 0 ? file.slice(at) : file;
}
