import { type ActionSlippage, slippageReport } from '@perfledger/slippage';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { emit } from '../output/emit.js';
import { bomOption, forceOption, outOption, prepareOutput } from '../output/output-target.js';
import { renderJson, renderRows } from '../output/render-rows.js';
import { emitXlsx, requireXlsxTarget } from '../output/xlsx-output.js';
import { slippageSheets } from '../output/xlsx-slippage.js';
import { UsageError } from '../usage-error.js';
import { knownAtOption, parseKnownAt } from './basis-option.js';
import { FORMATS, formatOption, openForReading, using } from './common.js';

interface SlippageOptions {
  format: 'table' | 'json' | 'csv' | 'md' | 'xlsx';
  knownAt?: string;
  thresholdQuarters: string;
  out?: string;
  force?: boolean;
}

/** `perfledger slippage [CODE]`: original vs current due dates and every revision. */
export function registerSlippageCommand(program: Command, io: CliIo): void {
  program
    .command('slippage')
    .description('original and current due dates, days and quarters slipped, and every revision')
    .argument('[code]', 'one action (default: every action)')
    .addOption(formatOption([...FORMATS, 'xlsx']))
    .addOption(knownAtOption())
    .option('--threshold-quarters <n>', 'flag actions behind by at least this many fiscal quarters', '1')
    .addOption(outOption())
    .addOption(forceOption())
    .addOption(bomOption())
    .action(async (code: string | undefined, options: SlippageOptions, command: Command) => {
      const target = prepareOutput(command, io, options);
      const workbook = options.format === 'xlsx' ? requireXlsxTarget(target) : undefined;
      const thresholdQuarters = Number(options.thresholdQuarters);
      if (!Number.isSafeInteger(thresholdQuarters) || thresholdQuarters < 1) {
        throw new UsageError(
          `--threshold-quarters must be a whole number ≥ 1, not '${options.thresholdQuarters}'.`,
        );
      }
      const knownAt = parseKnownAt(options.knownAt);
      await using(openForReading(command, io), async (ledger) => {
        const report = await slippageReport(ledger, {
          thresholdQuarters,
          ...(code === undefined ? {} : { code }),
          ...(knownAt === undefined ? {} : { knownAt }),
        });
        if (workbook !== undefined) return emitXlsx(io, slippageSheets(report.actions), workbook);
        if (options.format === 'json') {
          emit(io, renderJson(report.actions), target);
          return;
        }
        emit(io, render(options.format as 'table' | 'csv' | 'md', report.actions, code), target);
      });
    });
}

function render(
  format: 'table' | 'csv' | 'md',
  actions: readonly ActionSlippage[],
  code: string | undefined,
): string {
  const summary = renderRows(
    format,
    [
      { header: 'Action' },
      { header: 'Original due' },
      { header: 'Current due' },
      { header: 'Revisions', align: 'right' },
      { header: 'Days slipped', align: 'right' },
      { header: 'Quarters', align: 'right' },
      { header: 'Flags' },
    ],
    actions.map((a) => [
      a.code,
      a.originalDueDate,
      a.currentDueDate,
      String(a.revisionCount),
      String(a.daysSlipped),
      String(a.quartersSlipped),
      [
        a.flags.behind ? 'behind' : '',
        a.flags.revisedMoreThanOnce ? 'revised >1' : '',
        a.flags.dateOutOfRange ? 'date out of range' : '',
        a.corrections.length > 0 ? 'corrected' : '',
      ]
        .filter(Boolean)
        .join(', '),
    ]),
  );
  if (format !== 'table' || code === undefined) return summary;
  const revisions = actions.flatMap((a) =>
    a.revisions.map((r) => [
      r.from,
      r.to,
      `${r.daysMoved >= 0 ? '+' : ''}${r.daysMoved}`,
      r.effectiveOn,
      r.recordedAt.slice(0, 16).replace('T', ' '),
      r.actor ?? '-',
      r.approver ?? '-',
      r.reason,
    ]),
  );
  const corrections = actions.flatMap((a) =>
    a.corrections.map((c) => [
      c.recorded,
      c.corrected,
      c.correctsOriginal ? 'yes' : 'no',
      c.effectiveOn,
      c.recordedAt.slice(0, 16).replace('T', ' '),
      c.actor ?? '-',
      c.approver ?? '-',
      c.reason,
    ]),
  );
  const correctionTable =
    corrections.length === 0
      ? ''
      : `\nCorrections of a wrongly recorded due date (not slips):\n${renderRows(
          format,
          [
            { header: 'Recorded as' },
            { header: 'Corrected to' },
            { header: 'Original?' },
            { header: 'Effective' },
            { header: 'Recorded (UTC)' },
            { header: 'By' },
            { header: 'Approved by' },
            { header: 'Reason' },
          ],
          corrections,
        )}`;
  return `${summary}\n${renderRows(
    format,
    [
      { header: 'From' },
      { header: 'To' },
      { header: 'Days', align: 'right' },
      { header: 'Effective' },
      { header: 'Recorded (UTC)' },
      { header: 'By' },
      { header: 'Approved by' },
      { header: 'Reason' },
    ],
    revisions,
  )}${correctionTable}`;
}
