import { resolve } from 'node:path';
import {
  type CheckpointInput,
  formatNoteCheckpoint,
  type LedgerVerification,
  loadAnyPublicKey,
  loadPublicKey,
  type ProjectionVerification,
  readAnyCheckpoint,
  revealHiddenCharacters,
  VerificationFailedError,
  verifyLedger,
  verifyProjections,
} from '@perfledger/core';
import { type Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { progressFor } from '../output/progress.js';
import { renderJson } from '../output/render-rows.js';
import { UsageError } from '../usage-error.js';
import { openForReading, using } from './common.js';

interface VerifyOptions {
  checkpoint: string[];
  publicKey?: string;
  witnessKey: string[];
  quorum?: string;
  projections: boolean;
  format: 'text' | 'json';
}

/**
 * `perfledger verify [--checkpoint FILE...] [--public-key FILE] [--projections]`: walks the hash
 * chain, checks that each signed checkpoint is a prefix of today's log, and with `--projections`
 * rebuilds the standard projections from the log and compares them row for row with the live
 * tables. Opens the ledger read-only.
 */
export function registerVerifyCommand(program: Command, io: CliIo): void {
  program
    .command('verify')
    .description(
      'verify the hash chain, that each signed checkpoint is still a prefix of the log, and (with --projections) that the projection tables equal a rebuild from the log',
    )
    .option('--checkpoint <file...>', 'checkpoint files written earlier by `perfledger checkpoint`', [])
    .option('--public-key <file>', 'the public key (.pub) to check checkpoint signatures with')
    .option(
      '--witness-key <file...>',
      'public keys (PEM or C2SP verifier key) of witnesses whose cosignatures count towards --quorum',
      [],
    )
    .option(
      '--quorum <n>',
      'distinct witnesses that must have cosigned each checkpoint (default: every --witness-key)',
    )
    .option(
      '--projections',
      'also replay the log through every projection (writing nothing) and compare its tables with the result, row for row',
      false,
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (options: VerifyOptions, command: Command) => {
      const checkpoints: CheckpointInput[] = options.checkpoint.map((file) => ({
        label: file,
        checkpoint: readAnyCheckpoint(resolve(io.cwd, file)).checkpoint,
      }));
      const publicKey =
        options.publicKey === undefined ? undefined : loadPublicKey(resolve(io.cwd, options.publicKey));
      const witnessKeys = options.witnessKey.map((file) => loadAnyPublicKey(resolve(io.cwd, file)));
      if (witnessKeys.length > 0 && publicKey === undefined) {
        throw new UsageError(
          '--witness-key needs --public-key: cosignatures vouch for a checkpoint the ledger key signed.',
        );
      }
      const quorum = parseQuorum(options.quorum, witnessKeys.length);
      await using(openForReading(command, io), async (ledger) => {
        const result = await verifyLedger(ledger, {
          checkpoints,
          ...(publicKey === undefined ? {} : { publicKey }),
          ...(witnessKeys.length === 0 ? {} : { witnessKeys }),
          ...(quorum === undefined ? {} : { quorum }),
        });
        let projections: ProjectionVerification | undefined;
        if (options.projections) {
          const progress = progressFor(io, 'Rebuilding projections to compare');
          try {
            // The ledger was opened with the standard projections: those are the ones compared.
            projections = await verifyProjections(ledger, {
              onProgress: ({ done, total }) => progress.update(done, total),
            });
          } finally {
            progress.stop();
          }
        }
        const ok = result.ok && (projections?.ok ?? true);
        if (options.format === 'json') {
          const printable = { ...result, checkpoints: result.checkpoints.map(printableVerdict) };
          io.stdout(renderJson(projections === undefined ? printable : { ...printable, ok, projections }));
        } else printText(io, result, projections);
        if (!ok) {
          const problems = [...result.problems, ...(projections?.problems ?? [])];
          throw new VerificationFailedError(
            `The ledger failed verification:\n${problems.map((p) => `  - [${p.code}] ${p.message}`).join('\n')}`,
            result.chain,
          );
        }
      });
    });
}

function printText(
  io: CliIo,
  result: LedgerVerification,
  projections: ProjectionVerification | undefined,
): void {
  if (result.chain.ok) {
    io.stdout(
      `Chain OK: ${result.chain.count} events; head ${result.chain.headPosition} ${result.chain.headHash}\n`,
    );
  }
  for (const verdict of result.checkpoints) {
    if (verdict.ok) {
      io.stdout(
        'rootHash' in verdict.checkpoint
          ? `Checkpoint ${verdict.label} OK: the first ${verdict.checkpoint.size} events are unchanged, by a consistency proof to the head (signature ${verdict.signature}).\n`
          : `Checkpoint ${verdict.label} OK: the first ${verdict.checkpoint.size} events are unchanged (signature ${verdict.signature}).\n`,
      );
    }
  }
  for (const verdict of projections?.projections ?? []) {
    if (verdict.ok) {
      const tables = verdict.tables.map((table) => `${table.name} ${table.rows} rows`).join(', ');
      io.stdout(
        `Projection ${verdict.name} OK at position ${verdict.position}: ${tables}, each equal row for row to a rebuild from the log.\n`,
      );
    }
  }
  for (const note of result.notes) io.stdout(`note: ${revealHiddenCharacters(note)}\n`);
}

/** `--quorum`: a whole number from 0 to the number of witness keys; undefined when not given. */
export function parseQuorum(text: string | undefined, witnesses: number): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n > witnesses) {
    throw new UsageError(
      `--quorum must be a whole number from 0 to the ${witnesses} --witness-key given, not '${text}'.`,
    );
  }
  return n;
}

/** A verdict as JSON: a note checkpoint is shown as its text, whose lines are what was signed. */
function printableVerdict(verdict: LedgerVerification['checkpoints'][number]): unknown {
  const { checkpoint } = verdict;
  if (!('text' in checkpoint)) return verdict;
  return { ...verdict, checkpoint: { format: 'c2sp-checkpoint', note: formatNoteCheckpoint(checkpoint) } };
}
