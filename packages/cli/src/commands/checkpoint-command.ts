import { resolve } from 'node:path';
import { createCheckpoint, loadPrivateKey, writeCheckpoint } from '@perfledger/core';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { forceOption, outOption, prepareOutput } from '../output/output-target.js';
import { ledgerFiles, openForReading, using } from './common.js';

/** `perfledger checkpoint --key FILE --out FILE`: a signed statement of the log's head. */
export function registerCheckpointCommand(program: Command, io: CliIo): void {
  program
    .command('checkpoint')
    .description(
      "write a signed statement of the log's head (origin, size, head hash, time) to keep outside the database",
    )
    .requiredOption('--key <file>', 'the private key (.key) from `perfledger keygen`')
    .addOption(outOption('where to write the checkpoint (default: checkpoint-<size>.json)'))
    .addOption(forceOption())
    .action(async (options: { key: string; out?: string; force?: boolean }, command: Command) => {
      // An explicit --out is checked first; the default name depends on the head, so the writer checks it.
      prepareOutput(command, io, options);
      const privateKey = loadPrivateKey(resolve(io.cwd, options.key));
      await using(openForReading(command, io), async (ledger) => {
        const checkpoint = await createCheckpoint(ledger, privateKey);
        const file = resolve(io.cwd, options.out ?? `checkpoint-${checkpoint.size}.json`);
        writeCheckpoint(file, checkpoint, {
          overwrite: options.force === true,
          ledgerFiles: ledgerFiles(command, io),
        });
        io.stdout(
          `Checkpoint written to ${file}: ${checkpoint.size} events, head ${checkpoint.headHash}, signed by key ${checkpoint.keyId}.\n`,
        );
      });
    });
}
