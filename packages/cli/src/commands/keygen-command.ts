import { resolve } from 'node:path';
import { writeKeyPair } from '@perfledger/core';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { ledgerFiles } from './common.js';

/** `perfledger keygen [PATH]`: creates an Ed25519 key pair for signing checkpoints. */
export function registerKeygenCommand(program: Command, io: CliIo): void {
  program
    .command('keygen')
    .description('create an Ed25519 key pair for signing checkpoints (never overwrites)')
    .argument('[path]', 'directory, or path without extension, for <name>.key and <name>.pub', '.')
    .option('--name <name>', 'file name of the pair inside a directory', 'perfledger')
    .action((path: string, options: { name: string }, command: Command) => {
      // A signing key is never replaced (earlier checkpoints name it), so keygen has no --force.
      const written = writeKeyPair(resolve(io.cwd, path), {
        name: options.name,
        ledgerFiles: ledgerFiles(command, io),
      });
      io.stdout(
        `Private key: ${written.privateKeyFile} (keep it secret; mode 600)\n` +
          `Public key:  ${written.publicKeyFile} (give it to auditors)\n` +
          `Key id:      ${written.keyId}\n`,
      );
    });
}
