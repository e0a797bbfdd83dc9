import { writeOutputFile } from '@perfledger/core';
import type { CliIo } from '../io.js';
import type { OutputTarget } from './output-target.js';

/**
 * Writes binary output (a PDF) to the command's checked `--out` file, whole or not at all, with
 * the same guards as {@link emit} (never over the ledger, never over a file without `--force`),
 * and says where it went.
 */
export function emitFile(io: CliIo, data: Uint8Array, target: OutputTarget): void {
  const file = writeOutputFile(target.file, data, { force: target.force, ledgerFiles: target.ledgerFiles });
  io.stderr(`Wrote ${file}\n`);
}
