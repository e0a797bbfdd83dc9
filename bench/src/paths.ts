import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file runs from `bench/dist/`). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where generated ledgers are kept between runs (git-ignored). */
export const CACHE_DIR = join(REPO_ROOT, 'bench', '.cache');

/** Scratch databases of the current run, removed as each case ends. */
export const SCRATCH_DIR = join(CACHE_DIR, 'scratch');

/** Where `bench-results.json` goes. */
export const RESULTS_FILE = join(REPO_ROOT, 'bench-results.json');

/**
 * A fresh scratch database path: any file left by an earlier run under that name is removed,
 * with its WAL and shared-memory files.
 *
 * @example
 * ```ts
 * const file = scratchFile('append-batch-ours');
 * ```
 */
export function scratchFile(name: string): string {
  mkdirSync(SCRATCH_DIR, { recursive: true });
  const file = join(SCRATCH_DIR, `${name}.db`);
  removeDatabase(file);
  return file;
}

/** Removes a SQLite file and its `-wal` and `-shm` companions, if present. */
export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

/** The directory of a file, created if missing. */
export function ensureDirOf(file: string): string {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  return dir;
}
