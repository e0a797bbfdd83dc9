import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Ledger, StorageError } from '@perfledger/core';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { dbTarget, openForWriting, using } from './common.js';

/**
 * Runs an importing command's `work` on the command's ledger and prints what it returns. An
 * existing ledger (or any PostgreSQL one, where a refused import writes nothing in its one
 * transaction) is opened for writing. A SQLite ledger that does not exist yet is built beside
 * the target and put in place only once `work` has succeeded, so that a refused import leaves
 * no database file behind.
 *
 * @example
 * ```ts
 * await writeToNewOrExistingLedger(command, io, { busyTimeoutMs: 30_000 }, async (ledger) => 'Imported.\n');
 * ```
 */
export async function writeToNewOrExistingLedger(
  command: Command,
  io: CliIo,
  options: { readonly busyTimeoutMs: number },
  work: (ledger: Ledger) => Promise<string>,
): Promise<void> {
  const { busyTimeoutMs } = options;
  const ledgerAt = dbTarget(command, io);
  // The ledger brings its projections up to date on open and applies the import to them inline.
  if (ledgerAt.engine !== 'sqlite' || existsSync(ledgerAt.file)) {
    io.stdout(await using(openForWriting(command, io, { busyTimeoutMs }), work));
    return;
  }
  const target = ledgerAt.file;
  const staging = join(dirname(target), `.${basename(target)}.${randomUUID().slice(0, 8)}.importing`);
  try {
    const text = await using(openForWriting(command, io, { busyTimeoutMs, file: staging }), work);
    publishNewLedger(staging, target);
    io.stdout(text);
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${staging}${suffix}`, { force: true });
  }
}

/** Moves a new ledger into place without ever replacing a file another process created meanwhile. */
function publishNewLedger(staging: string, target: string): void {
  try {
    // A hard link fails when the target exists: never overwrites.
    linkSync(staging, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new StorageError(
      'STORAGE_FAILED',
      target,
      `'${target}' was created by another process while this import ran; nothing was written. Run the import again.`,
    );
  }
}
