import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from './dataset.js';
import { ratePerSecond } from './measure.js';
import { removeDatabase, scratchFile } from './paths.js';
import type { RebuildMeasurement } from './rebuild-child.js';
import { type BenchRow, costRow, rateRow } from './report.js';

const CHILD = join(fileURLToPath(new URL('.', import.meta.url)), 'rebuild-child.js');

/**
 * `rebuild`: `ledger.projections.rebuild()` of the three shipped projections (quarter-end,
 * slippage, audit trail) over the whole log, against two baselines: a raw ordered scan of the same
 * rows with `JSON.parse` (reading alone), and the limit a rebuild can reach, raw better-sqlite3
 * inserting exactly the rows the rebuild wrote, in event order, in transactions of 100 000
 * events with a 1 GiB cache and the secondary indexes built after the rows. Each measurement runs
 * in a child process of its own, so the peak resident set (`VmHWM`) it reports belongs to that
 * size alone; the raw scan runs first and warms the file cache. Raw scans run three times and
 * the fastest counts; the largest rebuild and its raw insertion run once. Also measured: the
 * runtime alone (a projection that writes nothing). Returns the rates and the peak memory at each
 * size.
 *
 * @example
 * ```ts
 * const rows = rebuild([small, large], log);
 * ```
 */
export function rebuild(datasets: readonly Dataset[], log: (line: string) => void): BenchRow[] {
  const rows: BenchRow[] = [];
  const memory: BenchRow[] = [];
  let smallestOurs: number | undefined;
  const largest = datasets[datasets.length - 1];
  for (const dataset of datasets) {
    const isLargest = dataset === largest;
    const raw = fastest(3, () => measure(dataset.file, 'raw'));
    // A rebuild of the largest ledger takes a minute or more: measured once; smaller ones twice.
    const ours = fastest(isLargest ? 1 : 2, () => measure(dataset.file, 'ours'));
    // Reads back the rows the rebuild just wrote, so it runs after it.
    const limit = fastest(isLargest ? 1 : 2, () => measure(dataset.file, 'raw-insert'));
    const size = label(dataset.events);
    log(
      `  ${size}: ours ${(ours.ms / 1000).toFixed(1)} s, ${ours.peakRssMb.toFixed(0)} MB; raw insertion of its ${(limit.rows ?? 0).toLocaleString('en-GB')} rows ${(limit.ms / 1000).toFixed(1)} s; raw scan ${(raw.ms / 1000).toFixed(1)} s, ${raw.peakRssMb.toFixed(0)} MB`,
    );
    if (ours.events !== dataset.events) {
      throw new Error(`rebuild: ${ours.events} events rebuilt, expected ${dataset.events}`);
    }
    const rowsPerEvent = (limit.rows ?? 0) / dataset.events;
    rows.push(
      rateRow(
        `rebuild @${size}`,
        'events/s',
        ratePerSecond(ours.events, ours.ms),
        ratePerSecond(raw.events, raw.ms),
        'raw ordered scan + JSON.parse',
        isLargest ? 0.15 : undefined,
      ),
      rateRow(
        `rebuild vs raw insertion @${size}`,
        'events/s',
        ratePerSecond(ours.events, ours.ms),
        ratePerSecond(limit.events, limit.ms),
        'raw insertion of the same rows',
        isLargest ? 0.7 : undefined,
        `${rowsPerEvent.toFixed(2)} projection rows per event; raw: 100k-event transactions, 1 GiB cache, indexes built after`,
      ),
      rateRow(
        `raw insertion of the rows @${size}`,
        'events/s',
        ratePerSecond(limit.events, limit.ms),
        ratePerSecond(raw.events, raw.ms),
        'raw ordered scan + JSON.parse',
        undefined,
        "the limit row: what the rebuild's writes cost raw",
      ),
    );
    smallestOurs ??= ours.peakRssMb;
    memory.push(
      costRow(
        `rebuild peak RSS @${size}`,
        'MB',
        ours.peakRssMb,
        raw.peakRssMb,
        'raw scan, same size',
        `x${(ours.peakRssMb / smallestOurs).toFixed(2)} of the smallest size's peak`,
      ),
    );
  }
  if (largest !== undefined) {
    const raw = fastest(3, () => measure(largest.file, 'raw'));
    const runtime = fastest(3, () => measure(largest.file, 'runtime'));
    rows.push(
      rateRow(
        `rebuild runtime only @${label(largest.events)}`,
        'events/s',
        ratePerSecond(runtime.events, runtime.ms),
        ratePerSecond(raw.events, raw.ms),
        'raw ordered scan + JSON.parse',
        undefined,
        "the ledger's projection manager with one projection that writes nothing: reads, batches, checkpoints",
      ),
    );
  }
  return [...rows, ...memory];
}

/** The fastest of `runs` measurements, keeping the largest peak memory seen (memory is not noise). */
function fastest(runs: number, measureOnce: () => RebuildMeasurement): RebuildMeasurement {
  let best: RebuildMeasurement | undefined;
  let peakRssMb = 0;
  for (let i = 0; i < runs; i++) {
    const measured = measureOnce();
    peakRssMb = Math.max(peakRssMb, measured.peakRssMb);
    if (best === undefined || measured.ms < best.ms) best = measured;
  }
  return { ...best!, peakRssMb };
}

function measure(file: string, side: 'ours' | 'runtime' | 'raw' | 'raw-insert'): RebuildMeasurement {
  const scratch = scratchFile('rebuild-raw-insert');
  const child = spawnSync(process.execPath, [CHILD, file, side, scratch], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  removeDatabase(scratch);
  const lastLine = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !lastLine.startsWith('{')) {
    throw new Error(
      `rebuild (${side}) failed with exit ${child.status}: ${child.stderr.trim().slice(-2_000)}`,
    );
  }
  return JSON.parse(lastLine) as RebuildMeasurement;
}

/** 100 000 → "100k", 1 000 000 → "1M". */
export function label(events: number): string {
  if (events >= 1_000_000 && events % 1_000_000 === 0) return `${events / 1_000_000}M`;
  if (events >= 1_000 && events % 1_000 === 0) return `${events / 1_000}k`;
  return String(events);
}
