import { relative, resolve } from 'node:path';
import { builtInStatusKeys, type Ledger } from '@perfledger/core';
import { type ImportReport, importSnapshot } from '@perfledger/import';
import { type Command, Option } from 'commander';
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

type ImportOptions = SnapshotImportOptions;

/** `perfledger import FILE --as-of DATE`: appends what a quarterly snapshot changes, or nothing. */
export function registerImportCommand(program: Command, io: CliIo): void {
  addSnapshotLimitOptions(
    program
      .command('import')
      .description(
        'import a quarterly snapshot (CSV or JSON): append only what changed since the ledger last knew',
      )
      .argument('<file>', 'the snapshot: .csv or .json, one row per action')
      .requiredOption(
        '--as-of <date>',
        'the date the snapshot is true at, e.g. a quarter end: 2019-09-30, 30/09/2019 or 30 September 2019 (the forms the file accepts)',
      )
      .option('--actor <name>', 'who is importing; recorded on every event')
      .addOption(
        new Option(
          '--status-key <key>',
          `status key of newly registered actions: ${builtInStatusKeys.map((key) => key.id).join(', ')}, or a key of the config file's statusKeys (default: the key the plan's actions already use, else rag)`,
        ),
      )
      .option('--plan <name>', 'plan of newly registered actions when the file has no plan column'),
  )
    .addHelpText(
      'after',
      '\nColumns: code,title,directorate,section,stage,due_date,percent_complete,status,comments' +
        ' (and optionally plan,owner,description).\nA file with any impossible value is refused whole: nothing is written.' +
        '\nCodes are compared ignoring case: a row dc02 updates the action DC02.' +
        "\nDue dates may name a period: Q4 (of the snapshot's financial year), Q4 2019/20, 2020/21, 2020-21, March 2020;" +
        "\nthe period's last day is recorded, with the words as written. A refused import leaves no new database behind.",
    )
    .action(async (file: string, options: ImportOptions, command: Command) => {
      const { asOf, busyTimeoutMs, maxBytes, maxRows } = checkSnapshotImportOptions(options, command, io);
      const work = async (ledger: Ledger): Promise<string> => {
        const progress = progressFor(io, `Importing ${file}`);
        let report: ImportReport;
        try {
          report = await importSnapshot(
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

/** The import summary for people: counts, codes matched ignoring case, period due dates, contradictions. */
function summaryOf(report: ImportReport, cwd: string): string {
  const byType = Object.entries(report.byType)
    .filter(([, n]) => n > 0)
    .map(([type, n]) => [type, String(n)]);
  return (
    `${report.replayed ? 'Nothing new: the ledger already holds every row of this file for its date; nothing appended.\n' : ''}` +
    `Imported ${relative(cwd, report.file) || report.file} as of ${report.asOf}: ${report.rows} rows, ${report.actionsRegistered} new actions, ` +
    `${report.eventsAppended} events appended, ${report.changed} rows changed, ${report.unchanged} rows unchanged` +
    `${report.alreadyRecorded > 0 ? ` (${report.alreadyRecorded} already recorded)` : ''}.\n` +
    (report.returnOf === null
      ? ''
      : `Return ${report.returnOf.fy} Q${report.returnOf.quarter}: ${report.returnsRecorded} statements recorded` +
        `${report.corrections > 0 ? `, ${report.corrections} correcting the return already recorded for that quarter` : ''}.\n`) +
    report.codesMatched
      .map(
        (m) => `Row ${m.row}: '${m.written}' updates the existing action '${m.code}' (codes ignore case).\n`,
      )
      .join('') +
    report.periodDueDates
      .map(
        (p) =>
          `Row ${p.row}: due date '${p.text}' of ${p.code} read as ${p.dueDate}, the end of ${p.period} (the words are kept).\n`,
      )
      .join('') +
    report.contradictions
      .map((c) => `Row ${c.row}, ${c.column}: ${c.code} ${c.message}; imported as stated, please check.\n`)
      .join('') +
    (byType.length > 0
      ? `\n${textTable([{ header: 'Event' }, { header: 'Count', align: 'right' }], byType)}`
      : '')
  );
}
