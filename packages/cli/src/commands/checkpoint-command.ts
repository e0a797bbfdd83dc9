import { resolve } from 'node:path';
import { createCheckpoint, loadPrivateKey, writeCheckpoint } from '@perfledger/core';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { openForReading, using } from './common.js';

/** `perfledger checkpoint --key FILE --out FILE`: a signed statement of the log's head. */
export function registerCheckpointCommand(program: Command, io: CliIo): void {
  program
    .command('checkpoint')
    .description(
      "write a signed statement of the log's head (origin, size, head hash, time) to keep outside the database",
    )
    .requiredOption('--key <file>', 'the private key (.key) from `perfledger keygen`')
    .option('--out <file>', 'where to write the checkpoint (default: checkpoint-<size>.json)')
    .option('--force', 'overwrite an existing checkpoint file', false)
    .action(async (options: { key: string; out?: string; force: boolean }, command: Command) => {
      const privateKey = loadPrivateKey(resolve(io.cwd, options.key));
      await using(openForReading(command, io), (ledger) => {
        const checkpoint = createCheckpoint(ledger, privateKey);
        const file = resolve(io.cwd, options.out ?? `checkpoint-${checkpoint.size}.json`);
        writeCheckpoint(file, checkpoint, { overwrite: options.force });
        io.stdout(
          `Checkpoint written to ${file}: ${checkpoint.size} events, head ${checkpoint.headHash}, signed by key ${checkpoint.keyId}.\n`,
        );
      });
    });
}
