import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SNAPSHOT_LIMITS } from '@perfledger/import';
import { workerScript } from '../support/processes.js';
import { writeSnapshotCsv } from '../support/snapshot-csv.js';
import type { ImportWorkerResult } from '../workers/import-worker.js';

/** How big the import-limits scenario runs. */
export interface ImportLimitsOptions {
  /** Rows of the file over the default limits (the original attack: 1 000 000, 116 MB). */
  readonly hugeRows: number;
  /** Rows of a file within the limits, imported whole. */
  readonly rows: number;
}

/** What the scenario saw, and every broken guarantee. */
export interface ImportLimitsResult {
  readonly hugeBytes: number;
  readonly refused: ImportWorkerResult;
  readonly stoppedAtRowLimit: ImportWorkerResult;
  readonly imported: ImportWorkerResult;
  readonly problems: readonly string[];
}

function importInWorker(snapshot: string, ledger: string, options: object = {}): ImportWorkerResult {
  const child = spawnSync(
    process.execPath,
    [workerScript('import-worker'), snapshot, ledger, JSON.stringify(options)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      timeout: 600_000,
    },
  );
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    throw new Error(
      `import worker exited ${child.status} ${child.signal ?? ''}: ${child.stderr.slice(-2_000)}`,
    );
  }
  return JSON.parse(last) as ImportWorkerResult;
}

/**
 * The original big-file attacks, each import in a process of its own so its peak RSS is its
 * own: a 1M-row (116 MB) CSV with the default limits must be refused up front from its size;
 * the same file with the byte limit raised but a row limit of 1 000 must stop at row 1 001
 * while streaming; a `.csv` symbolic link to `/dev/zero` (Linux) must be refused as not a
 * regular file; and a file within the limits must import whole. Nothing refused may append.
 *
 * @example
 * ```ts
 * const { refused, problems } = runImportLimits({ hugeRows: 1_000_000, rows: 20_000 });
 * ```
 */
export function runImportLimits(options: ImportLimitsOptions): ImportLimitsResult {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-import-limits-'));
  const problems: string[] = [];
  try {
    const huge = join(dir, 'huge.csv');
    const hugeBytes = writeSnapshotCsv(huge, options.hugeRows);
    // With the default limits at full scale; a smaller (scaled-down) file gets a byte limit just
    // under its size, so the up-front refusal is always checked.
    const refused = importInWorker(
      huge,
      join(dir, 'refused.db'),
      hugeBytes > DEFAULT_SNAPSHOT_LIMITS.maxBytes ? {} : { maxBytes: hugeBytes - 1 },
    );
    if (refused.outcome !== 'INPUT_TOO_LARGE' || refused.upFront !== true) {
      problems.push(`the ${hugeBytes}-byte file was not refused up front: ${JSON.stringify(refused)}`);
    }
    const stoppedAtRowLimit = importInWorker(huge, join(dir, 'rows.db'), {
      maxBytes: 2 ** 31,
      maxRows: 1_000,
    });
    if (stoppedAtRowLimit.outcome !== 'INPUT_TOO_LARGE' || stoppedAtRowLimit.upFront !== false) {
      problems.push(
        `the row limit did not stop the import while streaming: ${JSON.stringify(stoppedAtRowLimit)}`,
      );
    }
    for (const [name, result] of [
      ['refused', refused],
      ['row limit', stoppedAtRowLimit],
    ] as const) {
      if (result.head !== 0) problems.push(`${name}: ${result.head} events appended by a refused import`);
    }
    if (process.platform === 'linux') {
      const zero = join(dir, 'zero.csv');
      symlinkSync('/dev/zero', zero);
      const result = importInWorker(zero, join(dir, 'zero.db'));
      if (result.outcome !== 'NOT_A_REGULAR_FILE' || result.head !== 0) {
        problems.push(
          `a .csv link to /dev/zero was not refused as not a regular file: ${JSON.stringify(result)}`,
        );
      }
    }
    const within = join(dir, 'within.csv');
    writeSnapshotCsv(within, options.rows);
    const imported = importInWorker(within, join(dir, 'imported.db'));
    if (imported.outcome !== 'imported' || imported.rows !== options.rows) {
      problems.push(
        `a ${options.rows}-row file within the limits did not import whole: ${JSON.stringify(imported)}`,
      );
    }
    return { hugeBytes, refused, stoppedAtRowLimit, imported, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
