/**
 * One rebuild measurement in a process of its own, so that its peak memory is its own:
 * `node rebuild-child.js <ledger file> ours|runtime|raw`: the three shipped projections, a
 * projection that writes nothing (the runtime's own cost), or a raw ordered scan.
 * Prints one JSON line: events, ms, peakRssMb.
 */
import { openLedger, type Projection, ProjectionRunner } from '@perfledger/core';
import { peakRssMb, RssSampler } from './measure.js';
import { allProjections } from './projections.js';
import { EVENT_COLUMNS, openRaw, type RawRow } from './raw-sqlite.js';

/** What a child reports. */
export interface RebuildMeasurement {
  readonly events: number;
  readonly ms: number;
  readonly peakRssMb: number;
}

/** A projection that writes nothing: rebuilding it measures the runtime alone. */
const runtimeOnly: Projection = {
  name: 'bench_runtime_only',
  version: 1,
  tables: [],
  handler: () => () => {},
};

function rebuildOurs(
  file: string,
  sampler: RssSampler,
  projections: Projection[],
): { events: number; ms: number } {
  const ledger = openLedger({ file });
  try {
    const runner = new ProjectionRunner(ledger, projections);
    const started = performance.now();
    const events = runner.rebuild(undefined, { onProgress: () => sampler.sample() });
    return { events, ms: performance.now() - started };
  } finally {
    ledger.close();
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

const [file, side] = process.argv.slice(2);
if (file === undefined || (side !== 'ours' && side !== 'runtime' && side !== 'raw')) {
  console.error('usage: node rebuild-child.js <ledger file> ours|runtime|raw');
  process.exit(2);
}
const sampler = new RssSampler();
const { events, ms } =
  side === 'raw'
    ? scanRaw(file, sampler)
    : rebuildOurs(file, sampler, side === 'ours' ? allProjections() : [runtimeOnly]);
const measurement: RebuildMeasurement = { events, ms, peakRssMb: peakRssMb(sampler.peakBytes) };
console.log(JSON.stringify(measurement));
