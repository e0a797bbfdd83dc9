import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** A fresh directory under the system temp dir; remove it with {@link removeDir}. */
export function makeTempDir(prefix = 'perfledger-reliability-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Removes a directory made by {@link makeTempDir}, whatever is in it; kept when the environment
 * variable `RELIABILITY_KEEP_DIRS` is set, to inspect a failure.
 */
export function removeDir(dir: string): void {
  if (process.env.RELIABILITY_KEEP_DIRS) return;
  rmSync(dir, { recursive: true, force: true });
}

/** The bytes of a database and of its `-wal` (null when there is none). */
export interface DatabaseBytes {
  readonly db: Buffer | null;
  readonly wal: Buffer | null;
}

/** Reads the database file and its WAL, to prove later that nothing was written. */
export function databaseBytes(file: string): DatabaseBytes {
  return {
    db: existsSync(file) ? readFileSync(file) : null,
    wal: existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : null,
  };
}

/**
 * True when both files are byte for byte what they were. A missing `-wal` and an empty one are
 * the same: opening a WAL database read-only creates an empty `-wal` (and a `-shm`, its lock
 * and index file) that it cannot remove, and neither holds any data.
 */
export function sameBytes(a: DatabaseBytes, b: DatabaseBytes): boolean {
  const same = (x: Buffer | null, y: Buffer | null) => (x === null ? y === null : y !== null && x.equals(y));
  const wal = (bytes: DatabaseBytes) => (bytes.wal === null || bytes.wal.length === 0 ? null : bytes.wal);
  return same(a.db, b.db) && same(wal(a), wal(b));
}

/**
 * Copies a closed database (and its `-wal`, which may hold committed transactions not yet
 * checkpointed) into `dir`, returning the copy's path. The `-shm` is not copied: SQLite
 * rebuilds it from the WAL.
 */
export function copyDatabase(file: string, dir: string, name = basename(file)): string {
  const target = join(dir, name);
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(file, target);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${target}-wal`);
  return target;
}
