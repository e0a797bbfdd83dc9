import { relative, resolve } from 'node:path';
import { builtInStatusKeys, type Ledger } from '@perfledger/core';
import { type IndicatorImportReport, importIndicatorSnapshot } from '@perfledger/import';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { progressFor } from '../output/progress.js';
import { renderJson } from '../output/render-rows.js';
import { textTable } from '../output/text-table.js';
import {
  addSnapshotLimitOptions,
  checkSnapshotImportOptions,
  type SnapshotImportOptions,
} from './snapshot-import-options.js';
import { writeToNewOrExistingLedger } from './write-to-new-or-existing-ledger.js';

type IndicatorImportOptions = SnapshotImportOptions;

/**
 * `perfledger indicators import FILE --as-of DATE`: appends what an indicator snapshot says
 * that the ledger does not know yet, or nothing; with `perfledger import`'s conventions (a new
 * SQLite ledger is staged and appears only when the import succeeds, progress on a terminal,
 * exit code 2 for a refused file).
 */
export function registerIndicatorsImportCommand(indicators: Command, io: CliIo): void {
  addSnapshotLimitOptions(
    indicators
      .command('import')
      .description('import an indicator snapshot (CSV or JSON, one row per indicator and period)')
      .argument('<file>', 'the snapshot: .csv or .json')
      .requiredOption(
        '--as-of <date>',
        'the date the snapshot is true at, e.g. 2019-06-30, 30/06/2019 or 30 June 2019; new indicators are registered on it',
      )
      .option('--plan <name>', 'plan of newly registered indicators when the file has no plan column')
      .option(
        '--status-key <key>',
        `status key of newly registered indicators: ${builtInStatusKeys.map((key) => key.id).join(', ')}, or a key of the config file's statusKeys (default pentana-indicator)`,
      )
      .option('--actor <name>', 'who is importing; recorded on every event'),
  )
    .addHelpText(
      'after',
      '\nColumns: code,title,period,value,target,good_is,previous,national,status,comments' +
        ' (and optionally unit,frequency,plan,directorate,section,owner,quality).' +
        '\nValues as printed: 31.0%, 84,617, £26.2m, 8.42, Yes/No, - or n/a (missing, not zero), 9.3* (the comment is the footnote).' +
        '\nPeriods: 2019/20 Q1, Q1 2019/20, 2018/19, June 2019. good_is: High or Low. Targets: a figure, Increase or Decrease.' +
        '\nA file with any value that cannot be read is refused whole: nothing is written. Importing it again appends nothing.',
    )
    .action(async (file: string, options: IndicatorImportOptions, command: Command) => {
      const { asOf, busyTimeoutMs, maxBytes, maxRows } = checkSnapshotImportOptions(options, command, io);
      const work = async (ledger: Ledger): Promise<string> => {
        const progress = progressFor(io, `Importing ${file}`);
        let report: IndicatorImportReport;
        try {
          report = await importIndicatorSnapshot(
            ledger,
            { file: resolve(io.cwd, file) },
            {
              asOf,
              ...(options.statusKey === undefined ? {} : { statusKey: options.statusKey }),
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
        return options.format === 'json' ? renderJson(report) : summaryOf(report, io.cwd);
      };
      await writeToNewOrExistingLedger(command, io, { busyTimeoutMs }, work);
    });
}

/** The import summary for people: counts, notes, events by type. */
function summaryOf(report: IndicatorImportReport, cwd: string): string {
  const byType = Object.entries(report.byType).map(([type, n]) => [type, String(n)]);
  return (
    `${report.replayed ? 'Nothing new: the ledger already holds every row of this file; nothing appended.\n' : ''}` +
    `Imported ${relative(cwd, report.file) || report.file} as of ${report.asOf}: ${report.rows} rows, ` +
    `${report.indicators} indicators (${report.indicatorsRegistered} new), ${report.eventsAppended} events appended` +
    `${report.corrections > 0 ? `, ${report.corrections} values corrected` : ''}` +
    `${report.previousRecorded > 0 ? `, ${report.previousRecorded} previous values recorded` : ''}.\n` +
    report.notes.map((note) => `Row ${note.row}, ${note.column}: ${note.code} ${note.message}.\n`).join('') +
    (byType.length > 0
      ? `\n${textTable([{ header: 'Event' }, { header: 'Count', align: 'right' }], byType)}`
      : '')
  );
}
