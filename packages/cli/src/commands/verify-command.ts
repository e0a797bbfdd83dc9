import { resolve } from 'node:path';
import {
  type CheckpointInput,
  LedgerError,
  loadPublicKey,
  readCheckpoint,
  revealHiddenCharacters,
  verifyLedger,
} from '@perfledger/core';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { renderJson } from '../output/render-rows.js';
import { openForReading, using } from './common.js';

/** The ledger did not verify; exit code 1 with the statement of what broke and where. */
export class VerificationFailedError extends LedgerError {
  constructor(message: string) {
    super('VERIFICATION_FAILED', message);
  }
}

interface VerifyOptions {
  checkpoint: string[];
  publicKey?: string;
  format: 'text' | 'json';
}

/**
 * `perfledger verify [--checkpoint FILE...] [--public-key FILE]`: walks the hash chain, and checks
 * that each signed checkpoint is a prefix of today's log.
 */
export function registerVerifyCommand(program: Command, io: CliIo): void {
  program
    .command('verify')
    .description('verify the hash chain, and that each signed checkpoint is still a prefix of the log')
    .option('--checkpoint <file...>', 'checkpoint files written earlier by `perfledger checkpoint`', [])
    .option('--public-key <file>', 'the public key (.pub) to check checkpoint signatures with')
    .option('--format <format>', 'text or json', 'text')
    .action(async (options: VerifyOptions, command: Command) => {
      const checkpoints: CheckpointInput[] = options.checkpoint.map((file) => ({
        label: file,
        checkpoint: readCheckpoint(resolve(io.cwd, file)),
      }));
      const publicKey =
        options.publicKey === undefined ? undefined : loadPublicKey(resolve(io.cwd, options.publicKey));
      await using(openForReading(command, io), (ledger) => {
        const result = verifyLedger(ledger, {
          checkpoints,
          ...(publicKey === undefined ? {} : { publicKey }),
        });
        if (options.format === 'json') io.stdout(renderJson(result));
        else {
          if (result.chain.ok) {
            io.stdout(
              `Chain OK: ${result.chain.count} events; head ${result.chain.headPosition} ${result.chain.headHash}\n`,
            );
          }
          for (const verdict of result.checkpoints) {
            if (verdict.ok) {
              io.stdout(
                `Checkpoint ${verdict.label} OK: the first ${verdict.checkpoint.size} events are unchanged (signature ${verdict.signature}).\n`,
              );
            }
          }
          for (const note of result.notes) io.stdout(`note: ${revealHiddenCharacters(note)}\n`);
        }
        if (!result.ok) {
          throw new VerificationFailedError(
            `The ledger failed verification:\n${result.problems.map((p) => `  - [${p.code}] ${p.message}`).join('\n')}`,
          );
        }
      });
    });
}
