import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerIndicatorsImportCommand } from './indicators-import-command.js';
import { registerIndicatorsReportCommand } from './indicators-report-command.js';
import { registerIndicatorsTrendCommand } from './indicators-trend-command.js';

/**
 * `perfledger indicators …`: import indicator snapshots, the indicator report for a period,
 * and one indicator's trend.
 */
export function registerIndicatorsCommand(program: Command, io: CliIo): void {
  const indicators = program
    .command('indicators')
    .description('indicators (KPIs, CSIs, key measures): import snapshots, report a period, show a trend');
  registerIndicatorsImportCommand(indicators, io);
  registerIndicatorsReportCommand(indicators, io);
  registerIndicatorsTrendCommand(indicators, io);
}
