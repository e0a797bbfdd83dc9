import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportMeasurement } from './import-child.js';
import { ratePerSecond } from './measure.js';
import { SCRATCH_DIR, scratchFile } from './paths.js';
import { label } from './rebuild.js';
import { type BenchRow, costRow, rateRow } from './report.js';
import { writeSnapshotCsv } from './snapshot-file.js';

const CHILD = join(fileURLToPath(new URL('.', import.meta.url)), 'import-child.js');

/** How big the import case runs. */
export interface ImportSize {
  /** Snapshots imported whole, in rows (each within the default limits). */
  readonly rows: readonly number[];
  /** A snapshot over the default limits, which must be refused up front. */
  readonly refusedRows: number;
}

function measure(snapshot: string, side: 'ours' | 'raw' | 'read-whole', name: string): ImportMeasurement {
  const ledger = scratchFile(`import-${name}-${side}`);
  const child = spawnSync(process.execPath, [CHILD, snapshot, ledger, side], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const lastLine = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !lastLine.startsWith('{')) {
    throw new Error(
      `import (${side}) failed with exit ${child.status}: ${child.stderr.trim().slice(-2_000)}`,
    );
  }
  return JSON.parse(lastLine) as ImportMeasurement;
}

/**
 * `import`: `importSnapshot` of a generated council-style CSV (about 116 bytes a row) into a
 * fresh ledger at each size, against a raw better-sqlite3 load of the same rows (split lines,
 * insert each as JSON in one transaction: no checks, no events, no chain), each in a child
 * process of its own so its peak RSS is its own. Then a 1M-row file (116 MB, over the default
 * 64 MiB) that must be refused up front: the time to refusal and the peak RSS, against reading
 * and decoding the whole file, which is where the old importer began.
 *
 * @example
 * ```ts
 * const rows = importCase({ rows: [10_000, 100_000], refusedRows: 1_000_000 }, log);
 * ```
 */
export function importCase(size: ImportSize, log: (line: string) => void): BenchRow[] {
  const rates: BenchRow[] = [];
  const memory: BenchRow[] = [];
  mkdirSync(SCRATCH_DIR, { recursive: true });
  for (const rows of size.rows) {
    const snapshot = join(SCRATCH_DIR, `import-${rows}.csv`);
    const bytes = writeSnapshotCsv(snapshot, rows);
    const ours = measure(snapshot, 'ours', label(rows));
    const raw = measure(snapshot, 'raw', label(rows));
    if (ours.outcome !== 'imported' || ours.rows !== rows) {
      throw new Error(
        `import @${label(rows)}: ${ours.outcome}, ${ours.rows} rows imported, expected ${rows}`,
      );
    }
    log(
      `  ${label(rows)} rows (${(bytes / 2 ** 20).toFixed(1)} MiB): ours ${(ours.ms / 1000).toFixed(1)} s, ${ours.peakRssMb.toFixed(0)} MB; raw ${(raw.ms / 1000).toFixed(1)} s, ${raw.peakRssMb.toFixed(0)} MB`,
    );
    rates.push(
      rateRow(
        `import @${label(rows)} rows`,
        'rows/s',
        ratePerSecond(ours.rows, ours.ms),
        ratePerSecond(raw.rows, raw.ms),
        'raw load: split + INSERT JSON',
        undefined,
        'importSnapshot into a fresh ledger: every cell checked, events decided and chained',
      ),
    );
    memory.push(
      costRow(
        `import peak RSS @${label(rows)} rows`,
        'MB',
        ours.peakRssMb,
        raw.peakRssMb,
        'raw load, same file',
      ),
    );
    rmSync(snapshot, { force: true });
  }
  const snapshot = join(SCRATCH_DIR, `import-${size.refusedRows}.csv`);
  const bytes = writeSnapshotCsv(snapshot, size.refusedRows);
  const refused = measure(snapshot, 'ours', label(size.refusedRows));
  const whole = measure(snapshot, 'read-whole', label(size.refusedRows));
  if (refused.outcome !== 'INPUT_TOO_LARGE') {
    throw new Error(`import @${label(size.refusedRows)}: ${refused.outcome}, expected INPUT_TOO_LARGE`);
  }
  log(
    `  ${label(size.refusedRows)} rows (${(bytes / 2 ** 20).toFixed(0)} MiB): refused in ${refused.ms.toFixed(1)} ms, ${refused.peakRssMb.toFixed(0)} MB; reading it whole ${whole.ms.toFixed(0)} ms, ${whole.peakRssMb.toFixed(0)} MB`,
  );
  const name = `${label(size.refusedRows)} rows, ${(bytes / 2 ** 20).toFixed(0)} MiB`;
  rates.push(
    costRow(
      `import refused up front (${name})`,
      'ms',
      refused.ms,
      whole.ms,
      'readFileSync + decode (old first step)',
    ),
  );
  memory.push(
    costRow(
      `import refusal peak RSS (${name})`,
      'MB',
      refused.peakRssMb,
      whole.peakRssMb,
      'readFileSync + decode',
    ),
  );
  rmSync(snapshot, { force: true });
  return [...rates, ...memory];
}
