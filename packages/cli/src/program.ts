import { Command, Option } from 'commander';
import { registerCheckpointCommand } from './commands/checkpoint-command.js';
import { registerCopyCommand } from './commands/copy-command.js';
import { registerEraseCommand } from './commands/erase-command.js';
import { registerExplainCommand } from './commands/explain-command.js';
import { registerImportCommand } from './commands/import-command.js';
import { registerIndicatorsCommand } from './commands/indicators-command.js';
import { registerKeygenCommand } from './commands/keygen-command.js';
import { registerProofCommand } from './commands/proof-command.js';
import { registerRebuildCommand } from './commands/rebuild-command.js';
import { registerReportCommand } from './commands/report-command.js';
import { registerReturnCommand } from './commands/return-command.js';
import { registerSlippageCommand } from './commands/slippage-command.js';
import { registerTrailCommand } from './commands/trail-command.js';
import { registerVerifyCommand } from './commands/verify-command.js';
import { registerWitnessCommand } from './commands/witness-command.js';
import { DEFAULT_LEDGER } from './engines/ledger-target.js';
import type { CliIo } from './io.js';
import { CLI_VERSION } from './program-version.js';

/**
 * Builds the `perfledger` command tree. Output goes through `io`; commander never exits the
 * process itself, so `main` can map every outcome to an exit code.
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('perfledger')
    .description(
      'An immutable, bitemporal ledger of how a plan is delivered: import, report, explain, verify.',
    )
    .version(CLI_VERSION)
    .addOption(
      new Option(
        '--db <file-or-url>',
        'the ledger: a SQLite file, or a PostgreSQL database as a postgres:// or postgresql:// URL (--db wins over the environment variable)',
      )
        .env('PERFLEDGER_DB')
        .default('./perfledger.db'),
    )
    .option(
      '--ledger <name>',
      'which ledger of a PostgreSQL database (lower-case letters, digits, _); ignored for a SQLite file, which holds one ledger',
      DEFAULT_LEDGER,
    )
    .option(
      '--config <file>',
      'the config file (report title block, custom status keys); perfledger.config.json in the working directory when present',
    )
    .option(
      '--max-clock-jump-days <days>',
      'refuse to write when the clock reads more than this many days after the last recorded time (default 1827, five years)',
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerImportCommand(program, io);
  registerIndicatorsCommand(program, io);
  registerReportCommand(program, io);
  registerReturnCommand(program, io);
  registerSlippageCommand(program, io);
  registerTrailCommand(program, io);
  registerExplainCommand(program, io);
  registerVerifyCommand(program, io);
  registerRebuildCommand(program, io);
  registerKeygenCommand(program, io);
  registerCheckpointCommand(program, io);
  registerCopyCommand(program, io);
  registerEraseCommand(program, io);
  registerWitnessCommand(program, io);
  registerProofCommand(program, io);
  return program;
}
