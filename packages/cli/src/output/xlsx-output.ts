import { writeOutputFile } from '@perfledger/core';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import type { OutputTarget } from './output-target.js';
import { writeXlsxWorkbook, type XlsxSheet } from './xlsx-workbook.js';

/**
 * The `--out` file of `--format xlsx`: a workbook is a binary file, never written to a terminal
 * or a pipe, so without `--out` the command is refused before it reads anything.
 *
 * @throws UsageError when there is no `--out`.
 * @example
 * ```ts
 * const target = requireXlsxTarget(prepareOutput(command, io, options));
 * ```
 */
export function requireXlsxTarget(target: OutputTarget | undefined): OutputTarget {
  if (target === undefined) {
    throw new UsageError(
      '--format xlsx writes a binary workbook, which is not shown on a terminal; give --out FILE.xlsx.',
    );
  }
  return target;
}

/**
 * Writes the sheets as an XLSX workbook to the checked `--out` file, through core's
 * `writeOutputFile` (whole or not at all, never over the ledger's files, never over an existing
 * file without `--force`, never through a symbolic link), and says where it went.
 *
 * @example
 * ```ts
 * await emitXlsx(io, slippageSheets(report.actions), target);
 * ```
 */
export async function emitXlsx(io: CliIo, sheets: Iterable<XlsxSheet>, target: OutputTarget): Promise<void> {
  const bytes = await writeXlsxWorkbook(sheets);
  const file = writeOutputFile(target.file, bytes, { force: target.force, ledgerFiles: target.ledgerFiles });
  io.stderr(`Wrote ${file}\n`);
}
