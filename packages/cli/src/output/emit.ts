import { writeOutputFile } from '@perfledger/core';
import type { CliIo } from '../io.js';
import type { OutputTarget } from './output-target.js';

/** U+FEFF at the start of a file: Excel then reads the CSV as UTF-8, not as the Windows code page. */
const UTF8_BOM = '\uFEFF';

/**
 * Writes a command's output to its checked `--out` file when there is one (saying where it went),
 * else to stdout. The file is written through core's `writeOutputFile`: whole or not at all, never
 * over the ledger's own files, never over an existing file without `--force`, never through a
 * symbolic link. A CSV file starts with a UTF-8 byte-order mark unless `--no-bom` (see
 * {@link OutputTarget.bom}); stdout never does, because a program reading a pipe would take the
 * mark as part of the first heading.
 */
export function emit(io: CliIo, text: string, target?: OutputTarget): void {
  if (target === undefined) {
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const file = writeOutputFile(target.file, target.bom === true ? `${UTF8_BOM}${text}` : text, {
    force: target.force,
    ledgerFiles: target.ledgerFiles,
  });
  io.stderr(`Wrote ${file}\n`);
}
