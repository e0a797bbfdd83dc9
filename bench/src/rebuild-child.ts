/**
 * One rebuild measurement in a process of its own, so that its peak memory is its own:
 * `node rebuild-child.js <ledger file> ours|runtime|raw|raw-insert [scratch file]`: the three
 * shipped projections, a projection that writes nothing (the runtime's own cost), a raw ordered
 * scan, or raw better-sqlite3 inserting the very rows the last `ours` rebuild wrote into a
 * scratch file (the limit a rebuild can reach). Prints one JSON line: events, ms, peakRssMb.
 */
import type { Projection } from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import { peakRssMb, RssSampler } from './measure.js';
import { allProjections } from './projections.js';
import { insertProjectionRowsRaw } from './raw-projection-insert.js';
import { EVENT_COLUMNS, openRaw, type RawRow } from './raw-sqlite.js';

/** What a child reports. */
export interface RebuildMeasurement {
  readonly events: number;
  readonly ms: number;
  readonly peakRssMb: number;
  /** Projection rows written (raw-insert only). */
  readonly rows?: number;
}

/** A projection that writes nothing: rebuilding it measures the runtime alone. */
const runtimeOnly: Projection = {
  name: 'bench_runtime_only',
  version: 1,
  tables: [],
  rows: () => [],
};

async function rebuildOurs(
  file: string,
  sampler: RssSampler,
  projections: Projection[],
): Promise<{ events: number; ms: number }> {
  // 'catch-up' so that opening does not build the tables itself: the rebuild below is what is timed.
  const ledger = await openLedger({ file, projections, projectionMode: 'catch-up' });
  try {
    const started = performance.now();
    const events = await ledger.projections.rebuild(undefined, { onProgress: () => sampler.sample() });
    return { events, ms: performance.now() - started };
  } finally {
    await ledger.close();
  }
}

function scanRaw(file: string, sampler: RssSampler): { events: number; ms: number } {
  const db = openRaw(file);
  try {
    const scan = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY position`).raw(true);
    const started = performance.now();
    let events = 0;
    for (const row of scan.iterate() as IterableIterator<RawRow>) {
      const data = JSON.parse(row[6]) as unknown;
      if (typeof data === 'object') events += 1;
      if ((events & 1023) === 0) sampler.sample();
    }
    return { events, ms: performance.now() - started };
  } finally {
    db.close();
  }
}

const SIDES = ['ours', 'runtime', 'raw', 'raw-insert'];
const [file, side, scratch] = process.argv.slice(2);
if (
  file === undefined ||
  side === undefined ||
  !SIDES.includes(side) ||
  (side === 'raw-insert' && !scratch)
) {
  console.error('usage: node rebuild-child.js <ledger file> ours|runtime|raw|raw-insert [scratch file]');
  process.exit(2);
}
const sampler = new RssSampler();
const measured =
  side === 'raw'
    ? scanRaw(file, sampler)
    : side === 'raw-insert'
      ? insertProjectionRowsRaw(file, scratch!, allProjections(), sampler)
      : await rebuildOurs(file, sampler, side === 'ours' ? allProjections() : [runtimeOnly]);
const measurement: RebuildMeasurement = { ...measured, peakRssMb: peakRssMb(sampler.peakBytes) };
console.log(JSON.stringify(measurement));
