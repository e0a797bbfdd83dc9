import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from '../io.js';

/**
 * Writes a command's output to `--out FILE` when given (saying where it went), else to stdout.
 * The file is written whole, in one call, so a reader never sees half a report.
 */
export function emit(io: CliIo, text: string, out?: string): void {
  if (out === undefined) {
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const file = resolve(io.cwd, out);
  writeFileSync(file, text);
  io.stderr(`Wrote ${file}\n`);
}
