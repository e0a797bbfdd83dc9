import { UnknownIndicatorError } from '@perfledger/core';
import { formatIndicatorFigure, formatIndicatorTargetFigure } from '@perfledger/import';
import { indicatorHistory } from '@perfledger/indicators';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { renderJson, renderRows } from '../output/render-rows.js';
import { knownAtOption, parseKnownAt } from './basis-option.js';
import { FORMATS, formatOption, openForReading, using } from './common.js';

/** `perfledger indicators trend CODE`: one indicator's periods, oldest first, with every correction. */
export function registerIndicatorsTrendCommand(indicators: Command, io: CliIo): void {
  indicators
    .command('trend')
    .description(
      "one indicator's trend: every period's value, target, status reported and derived, and corrections",
    )
    .argument('<code>', 'the indicator code (compared ignoring case)')
    .addOption(knownAtOption())
    .addOption(formatOption(FORMATS))
    .action(
      async (
        code: string,
        options: { knownAt?: string; format: 'table' | 'json' | 'csv' | 'md' },
        command: Command,
      ) => {
        const knownAt = parseKnownAt(options.knownAt);
        await using(openForReading(command, io), async (ledger) => {
          const history = await indicatorHistory(ledger, code, knownAt === undefined ? {} : { knownAt });
          if (history === undefined) throw new UnknownIndicatorError(code);
          if (options.format === 'json') {
            io.stdout(renderJson(history));
            return;
          }
          const rows = history.periods.map((p) => [
            p.period,
            p.quality === 'missing' ? 'missing' : (formatIndicatorFigure(p.value, history.unit) ?? '—'),
            formatIndicatorTargetFigure(p.target, history.unit) ?? '—',
            p.targetMet === null ? '—' : p.targetMet ? 'yes' : 'no',
            p.direction ?? '—',
            p.status ?? '—',
            p.derivedStatus ?? '—',
            p.corrections
              .map(
                (c) =>
                  `${formatIndicatorFigure(c.from, history.unit) ?? 'missing'} → ${formatIndicatorFigure(c.to, history.unit) ?? 'missing'} (${c.reason})`,
              )
              .join('; ') || '—',
          ]);
          const table = renderRows(
            options.format,
            [
              { header: 'Period' },
              { header: 'Value', align: 'right' },
              { header: 'Target', align: 'right' },
              { header: 'Met' },
              { header: 'Direction' },
              { header: 'Reported' },
              { header: 'Derived' },
              { header: 'Corrections' },
            ],
            rows,
          );
          const title = `${history.code} ${history.title} (${history.unit}, ${history.polarity === 'band' ? 'within a band' : `${history.polarity} is better`}, ${history.frequency})`;
          io.stdout(
            options.format === 'csv' ? table : `${options.format === 'md' ? '# ' : ''}${title}\n\n${table}`,
          );
        });
      },
    );
}
