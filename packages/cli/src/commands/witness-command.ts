import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  formatNoteCheckpoint,
  formatNoteSignature,
  IntegrityError,
  loadAnyPublicKey,
  loadPrivateKey,
  parseConsistencyRequest,
  readNoteCheckpoint,
  witnessCosign,
  writeOutputFile,
} from '@perfledger/core';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';

interface CosignOptions {
  key: string;
  state: string;
  ledgerKey?: string;
  proof?: string;
  name?: string;
  out?: string;
}

/**
 * `perfledger witness cosign CHECKPOINT --key KEY --state DIR [--ledger-key PUB] [--proof FILE]`:
 * a witness that needs no database. It checks the log's signature and the consistency proof
 * from the checkpoint it last cosigned (remembered in DIR), then appends its cosignature to the
 * checkpoint file (or writes `--out`).
 */
export function registerWitnessCommand(program: Command, io: CliIo): void {
  const witness = program
    .command('witness')
    .description(
      'act as a witness: cosign checkpoints that extend the last one cosigned (no database needed)',
    );
  witness
    .command('cosign')
    .description(
      "verify a checkpoint's signature and its consistency with the last checkpoint this witness cosigned, then append a C2SP cosignature",
    )
    .argument('<checkpoint>', 'a signed-note checkpoint file from `perfledger checkpoint`')
    .requiredOption('--key <file>', "the witness's private key (.key) from `perfledger keygen`")
    .requiredOption('--state <dir>', 'the directory where this witness remembers the log it follows')
    .option('--ledger-key <file>', "the log's public key; needed the first time, then remembered")
    .option(
      '--proof <file>',
      'the consistency proof from the size last cosigned (`perfledger proof consistency`); none the first time',
    )
    .option('--name <name>', "the witness's key name in its signature line (default: witness/<key id>)")
    .option('--out <file>', 'write the cosigned checkpoint here instead of appending to the file given')
    .action((file: string, options: CosignOptions) => {
      const path = resolve(io.cwd, file);
      const checkpoint = readNoteCheckpoint(path);
      const consistency = options.proof === undefined ? undefined : readProof(resolve(io.cwd, options.proof));
      const result = witnessCosign({
        checkpoint,
        witnessKey: loadPrivateKey(resolve(io.cwd, options.key)),
        stateDir: resolve(io.cwd, options.state),
        ...(consistency === undefined ? {} : { consistency }),
        ...(options.ledgerKey === undefined
          ? {}
          : { ledgerKey: loadAnyPublicKey(resolve(io.cwd, options.ledgerKey)) }),
        ...(options.name === undefined ? {} : { name: options.name }),
      });
      const target = options.out === undefined ? path : resolve(io.cwd, options.out);
      writeOutputFile(target, formatNoteCheckpoint(result.checkpoint), { force: options.out === undefined });
      io.stdout(
        `Cosigned ${checkpoint.origin} at size ${checkpoint.size} (extends size ${result.previousSize}); written to ${target}:\n${formatNoteSignature(result.cosignature)}\n`,
      );
    });
}

function readProof(file: string): ReturnType<typeof parseConsistencyRequest> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new IntegrityError('PROOF_INVALID', `Cannot read consistency proof '${file}'.`, file, {
      cause: error,
    });
  }
  return parseConsistencyRequest(text, `Consistency proof '${file}'`);
}
