import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from './dataset.js';
import { ratePerSecond } from './measure.js';
import type { RebuildMeasurement } from './rebuild-child.js';
import { type BenchRow, costRow, rateRow } from './report.js';

const CHILD = join(fileURLToPath(new URL('.', import.meta.url)), 'rebuild-child.js');

/**
 * `rebuild`: `runner.rebuild()` of the three shipped projections (quarter-end, slippage, audit
 * trail) over the whole log, against a raw ordered scan of the same rows with `JSON.parse`. Each
 * measurement runs in a child process of its own, so the peak resident set (`VmHWM`) it reports
 * belongs to that size alone; the raw scan runs first and warms the file cache for both. Raw
 * scans run three times and the fastest counts; the largest rebuild runs once. Also measured:
 * the runtime alone (a projection that writes nothing), to separate its cost from the
 * projections'. Returns the rates at each size and the peak memory at each size.
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
  for (const dataset of datasets) {
    const raw = fastest(3, () => measure(dataset.file, 'raw'));
    // A rebuild of the largest ledger takes a minute or more: measured once; smaller ones twice.
    const ours = fastest(dataset === datasets[datasets.length - 1] ? 1 : 2, () =>
      measure(dataset.file, 'ours'),
    );
    const size = label(dataset.events);
    log(
      `  ${size}: ours ${(ours.ms / 1000).toFixed(1)} s, ${ours.peakRssMb.toFixed(0)} MB; raw scan ${(raw.ms / 1000).toFixed(1)} s, ${raw.peakRssMb.toFixed(0)} MB`,
    );
    if (ours.events !== dataset.events) {
      throw new Error(`rebuild: ${ours.events} events rebuilt, expected ${dataset.events}`);
    }
    rows.push(
      rateRow(
        `rebuild @${size}`,
        'events/s',
        ratePerSecond(ours.events, ours.ms),
        ratePerSecond(raw.events, raw.ms),
        'raw ordered scan + JSON.parse',
        dataset === datasets[datasets.length - 1] ? 0.3 : undefined,
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
  const largest = datasets[datasets.length - 1];
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
        'ProjectionRunner with one projection that writes nothing: reads, batches, checkpoints',
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

function measure(file: string, side: 'ours' | 'runtime' | 'raw'): RebuildMeasurement {
  const child = spawnSync(process.execPath, [CHILD, file, side], { encoding: 'utf8', maxBuffer: 1 << 20 });
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
