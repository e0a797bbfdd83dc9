import { relative, resolve } from 'node:path';
import {
  BUSINESS_DATE_RANGE_TEXT,
  builtInStatusKeys,
  isBusinessDate,
  isWritableBusinessDate,
} from '@perfledger/core';
import { DEFAULT_SNAPSHOT_LIMITS, type ImportReport, importSnapshot } from '@perfledger/import';
import { type Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { progressFor } from '../output/progress.js';
import { renderJson } from '../output/render-rows.js';
import { textTable } from '../output/text-table.js';
import { UsageError } from '../usage-error.js';
import { openForWriting, parseWholeNumber, using } from './common.js';

interface ImportOptions {
  asOf: string;
  actor?: string;
  statusKey: string;
  plan?: string;
  busyTimeout: string;
  maxBytes: string;
  maxRows: string;
  format: 'table' | 'json';
}

/** `perfledger import FILE --as-of DATE`: appends what a quarterly snapshot changes, or nothing. */
export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description(
      'import a quarterly snapshot (CSV or JSON): append only what changed since the ledger last knew',
    )
    .argument('<file>', 'the snapshot: .csv or .json, one row per action')
    .requiredOption('--as-of <date>', 'the date the snapshot is true at (YYYY-MM-DD), e.g. a quarter end')
    .option('--actor <name>', 'who is importing; recorded on every event')
    .addOption(
      new Option('--status-key <key>', 'status key of newly registered actions')
        .choices(builtInStatusKeys.map((key) => key.id))
        .default('rag'),
    )
    .option('--plan <name>', 'plan of newly registered actions when the file has no plan column')
    .option('--busy-timeout <ms>', 'how long to wait for another writer before giving up', '30000')
    .option(
      '--max-bytes <n>',
      'refuse a file larger than this many bytes (checked before reading)',
      String(DEFAULT_SNAPSHOT_LIMITS.maxBytes),
    )
    .option(
      '--max-rows <n>',
      'refuse a file with more data rows than this',
      String(DEFAULT_SNAPSHOT_LIMITS.maxRows),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText(
      'after',
      '\nColumns: code,title,directorate,section,stage,due_date,percent_complete,status,comments' +
        ' (and optionally plan,owner,description).\nA file with any impossible value is refused whole: nothing is written.' +
        '\nCodes are compared ignoring case: a row dc02 updates the action DC02.',
    )
    .action(async (file: string, options: ImportOptions, command: Command) => {
      if (!isBusinessDate(options.asOf)) {
        throw new UsageError(`--as-of must be a real calendar date YYYY-MM-DD, not '${options.asOf}'.`);
      }
      if (!isWritableBusinessDate(options.asOf)) {
        throw new UsageError(
          `--as-of ${options.asOf} is outside the business-date range ${BUSINESS_DATE_RANGE_TEXT}.`,
        );
      }
      const busyTimeoutMs = Number(options.busyTimeout);
      if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
        throw new UsageError(
          `--busy-timeout must be a whole number of milliseconds, not '${options.busyTimeout}'.`,
        );
      }
      const maxBytes = parseWholeNumber('--max-bytes', options.maxBytes);
      const maxRows = parseWholeNumber('--max-rows', options.maxRows);
      // The ledger brings its projections up to date on open and applies the import to them inline.
      await using(openForWriting(command, io, { busyTimeoutMs }), async (ledger) => {
        const progress = progressFor(io, `Importing ${file}`);
        let report: ImportReport;
        try {
          report = await importSnapshot(
            ledger,
            { file: resolve(io.cwd, file) },
            {
              asOf: options.asOf,
              statusKey: options.statusKey,
              ...(options.actor === undefined ? {} : { actor: options.actor }),
              ...(options.plan === undefined ? {} : { plan: options.plan }),
              maxBytes,
              maxRows,
              onProgress: (done, total) => progress.update(done, total),
            },
          );
        } finally {
          progress.stop();
        }
        if (options.format === 'json') {
          io.stdout(renderJson(report));
          return;
        }
        const byType = Object.entries(report.byType)
          .filter(([, n]) => n > 0)
          .map(([type, n]) => [type, String(n)]);
        io.stdout(
          `${report.replayed ? 'Nothing new: the ledger already holds every row of this file for its date; nothing appended.\n' : ''}` +
            `Imported ${relative(io.cwd, report.file) || report.file} as of ${report.asOf}: ${report.rows} rows, ${report.actionsRegistered} new actions, ` +
            `${report.eventsAppended} events appended, ${report.changed} rows changed, ${report.unchanged} rows unchanged` +
            `${report.alreadyRecorded > 0 ? ` (${report.alreadyRecorded} already recorded)` : ''}.\n` +
            (report.returnOf === null
              ? ''
              : `Return ${report.returnOf.fy} Q${report.returnOf.quarter}: ${report.returnsRecorded} statements recorded` +
                `${report.corrections > 0 ? `, ${report.corrections} correcting the return already recorded for that quarter` : ''}.\n`) +
            report.codesMatched
              .map(
                (m) =>
                  `Row ${m.row}: '${m.written}' updates the existing action '${m.code}' (codes ignore case).\n`,
              )
              .join('') +
            (byType.length > 0
              ? `\n${textTable([{ header: 'Event' }, { header: 'Count', align: 'right' }], byType)}`
              : ''),
        );
      });
    });
}
