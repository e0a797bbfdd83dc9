import { Command } from 'commander';
import { registerVerifyCommand } from './commands/verify-command.js';
import type { CliIo } from './io.js';

/** The version printed by `perfledger --version`. */
export const CLI_VERSION = '0.1.0';

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
    .option('--db <file>', 'the ledger database file', './perfledger.db')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerVerifyCommand(program, io);
  return program;
}
