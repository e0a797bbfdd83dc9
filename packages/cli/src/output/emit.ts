import { writeOutputFile } from '@perfledger/core';
import type { CliIo } from '../io.js';
import type { OutputTarget } from './output-target.js';

/**
 * Writes a command's output to its checked `--out` file when there is one (saying where it went),
 * else to stdout. The file is written through core's `writeOutputFile`: whole or not at all, never
 * over the ledger's own files, never over an existing file without `--force`, never through a
 * symbolic link.
 */
export function emit(io: CliIo, text: string, target?: OutputTarget): void {
  if (target === undefined) {
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const file = writeOutputFile(target.file, text, { force: target.force, ledgerFiles: target.ledgerFiles });
  io.stderr(`Wrote ${file}\n`);
}
