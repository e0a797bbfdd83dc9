import { LedgerError, revealHiddenCharacters } from '@perfledger/core';
import { CommanderError } from 'commander';
import { passwordsIn, scrubSecrets } from './engines/ledger-target.js';
import { ExitCode } from './exit-codes.js';
import { type CliIo, processIo } from './io.js';
import { createProgram } from './program.js';
import { UsageError } from './usage-error.js';

/**
 * Runs the CLI with the given arguments and returns the exit code: 0 on success, 1 on a data or
 * rule error (with a clear message), 2 on a usage error.
 *
 * @example
 * ```ts
 * const code = await main(['verify', '--db', 'plan.db']);
 * ```
 */
export async function main(argv: readonly string[], given: CliIo = processIo()): Promise<number> {
  // A password in a database URL (--db, --from, --to, PERFLEDGER_DB) is never printed: every
  // message, whoever wrote it (perfledger, commander, the driver), is scrubbed of it.
  const passwords = passwordsIn([...argv, process.env.PERFLEDGER_DB]);
  const io: CliIo = { ...given, stderr: (text) => given.stderr(scrubSecrets(text, passwords)) };
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  // Messages may quote stored or typed text: show hidden characters (U+202E…) as markers.
  const say = (text: string) => io.stderr(revealHiddenCharacters(text));
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help text).
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.exitCode === 0
    ) {
      return ExitCode.ok;
    }
    return ExitCode.usageError;
  }
  if (error instanceof UsageError) {
    say(`error: ${error.message}\n(run with --help for usage)\n`);
    return ExitCode.usageError;
  }
  if (error instanceof LedgerError) {
    say(`error [${error.code}]: ${error.message}\n`);
    if (error.code === 'PROJECTION_NOT_READY') {
      io.stderr("hint: run 'perfledger rebuild' to bring the projections up to date.\n");
    }
    return ExitCode.dataError;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(`error: ${message}\n`);
  if (process.env.PERFLEDGER_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return ExitCode.dataError;
}
