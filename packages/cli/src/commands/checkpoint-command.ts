import { resolve } from 'node:path';
import {
  createCheckpoint,
  createNoteCheckpoint,
  keyIdOf,
  loadPrivateKey,
  writeCheckpoint,
  writeNoteCheckpoint,
} from '@perfledger/core';
import { type Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { forceOption, outOption, prepareOutput } from '../output/output-target.js';
import { ledgerFiles, openForReading, using } from './common.js';

/**
 * `perfledger checkpoint --key FILE --out FILE [--format note|json]`: a signed statement of the
 * log's head. The default is the C2SP signed-note checkpoint (origin, size, Merkle root), which
 * witnesses can cosign and proof bundles carry; `--format json` writes the earlier
 * `perfledger-checkpoint/1` JSON (head hash and times), still read everywhere.
 */
export function registerCheckpointCommand(program: Command, io: CliIo): void {
  program
    .command('checkpoint')
    .description(
      "write a signed statement of the log's head to keep outside the database: a C2SP checkpoint (origin, size, Merkle root) that witnesses can cosign, or with --format json the origin, size, head hash and time",
    )
    .requiredOption('--key <file>', 'the private key (.key) from `perfledger keygen`')
    .addOption(
      new Option('--format <format>', 'note: C2SP tlog-checkpoint signed note; json: perfledger-checkpoint/1')
        .choices(['note', 'json'])
        .default('note'),
    )
    .addOption(outOption('where to write the checkpoint (default: checkpoint-<size>.txt, or .json)'))
    .addOption(forceOption())
    .action(
      async (
        options: { key: string; out?: string; force?: boolean; format: 'note' | 'json' },
        command: Command,
      ) => {
        // An explicit --out is checked first; the default name depends on the head, so the writer checks it.
        prepareOutput(command, io, options);
        const privateKey = loadPrivateKey(resolve(io.cwd, options.key));
        const writeOptions = { overwrite: options.force === true, ledgerFiles: ledgerFiles(command, io) };
        await using(openForReading(command, io), async (ledger) => {
          if (options.format === 'json') {
            const checkpoint = await createCheckpoint(ledger, privateKey);
            const file = resolve(io.cwd, options.out ?? `checkpoint-${checkpoint.size}.json`);
            writeCheckpoint(file, checkpoint, writeOptions);
            io.stdout(
              `Checkpoint written to ${file}: ${checkpoint.size} events, head ${checkpoint.headHash}, signed by key ${checkpoint.keyId}.\n`,
            );
            return;
          }
          const checkpoint = await createNoteCheckpoint(ledger, privateKey);
          const file = resolve(io.cwd, options.out ?? `checkpoint-${checkpoint.size}.txt`);
          writeNoteCheckpoint(file, checkpoint, writeOptions);
          io.stdout(
            `Checkpoint written to ${file}: ${checkpoint.size} events, Merkle root ${checkpoint.rootHash}, origin ${checkpoint.origin}, signed by key ${keyIdOf(privateKey)}.\n`,
          );
        });
      },
    );
}
