import { LedgerError } from '@perfledger/core';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { openForReading, using } from './common.js';

/** The chain did not verify; exit code 1 with the statement of what broke. */
export class VerificationFailedError extends LedgerError {
  constructor(message: string) {
    super('VERIFICATION_FAILED', message);
  }
}

/** `perfledger verify`: walks the hash chain and says whether it holds, and where it first breaks. */
export function registerVerifyCommand(program: Command, io: CliIo): void {
  program
    .command('verify')
    .description('verify the hash chain of every event, from the first to the head')
    .action(async (_options: unknown, command: Command) => {
      await using(openForReading(command, io), (ledger) => {
        const result = ledger.verify();
        if (!result.ok)
          throw new VerificationFailedError(`The hash chain is broken: ${result.break.message}.`);
        io.stdout(`OK: ${result.count} events verified; head ${result.headPosition} ${result.headHash}\n`);
      });
    });
}
