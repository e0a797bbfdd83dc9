import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  consistencyRequestFor,
  createProofBundle,
  formatConsistencyRequest,
  IntegrityError,
  type Ledger,
  loadAnyPublicKey,
  loadPrivateKey,
  type ProvenEvent,
  readNoteCheckpoint,
  readProofBundle,
  verifyProofBundle,
  writeOutputFile,
  writeProofBundle,
} from '@perfledger/core';
import { type Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { forceOption, prepareOutput } from '../output/output-target.js';
import { renderJson } from '../output/render-rows.js';
import { UsageError } from '../usage-error.js';
import { ledgerFiles, openForReading, using } from './common.js';
import { parseQuorum } from './verify-command.js';

/**
 * `perfledger proof …`: offline proof bundles of single events (`event`), consistency proofs for
 * witnesses (`consistency`), and verifying a bundle with no database at all (`verify`).
 */
export function registerProofCommand(program: Command, io: CliIo): void {
  const proof = program
    .command('proof')
    .description(
      'offline proofs: a bundle proving one event is in a signed checkpoint, and verifying it without the database',
    );

  proof
    .command('event')
    .description(
      'write the proof bundle of one event: the event as stored, its inclusion proof, and a (cosigned) checkpoint',
    )
    .argument('<event>', 'the position of the event, or its event id')
    .option(
      '--checkpoint <file>',
      'a signed-note checkpoint of this ledger covering the event (cosigned, ideally)',
    )
    .option('--key <file>', 'without --checkpoint: the private key to sign a checkpoint of the head with')
    .requiredOption('--out <file>', 'where to write the bundle (JSON)')
    .addOption(forceOption())
    .action(
      async (
        ref: string,
        options: { checkpoint?: string; key?: string; out: string; force?: boolean },
        command: Command,
      ) => {
        const target = prepareOutput(command, io, options);
        if ((options.checkpoint === undefined) === (options.key === undefined)) {
          throw new UsageError(
            'Give either --checkpoint (a checkpoint covering the event) or --key (to sign one).',
          );
        }
        const checkpoint =
          options.checkpoint === undefined
            ? undefined
            : readNoteCheckpoint(resolve(io.cwd, options.checkpoint));
        const signingKey =
          options.key === undefined ? undefined : loadPrivateKey(resolve(io.cwd, options.key));
        await using(openForReading(command, io), async (ledger) => {
          const bundle = await createProofBundle(ledger, {
            ...(/^\d+$/.test(ref) ? { position: Number(ref) } : { eventId: ref }),
            ...(checkpoint === undefined ? {} : { checkpoint }),
            ...(signingKey === undefined ? {} : { signingKey }),
          });
          const file = target?.file ?? resolve(io.cwd, options.out);
          writeProofBundle(file, bundle, {
            overwrite: options.force === true,
            ledgerFiles: ledgerFiles(command, io),
          });
          io.stdout(
            `Proof bundle written to ${file}: ${bundle.event.type} at position ${bundle.event.position}, hash ${bundle.event.hash}.\n`,
          );
        });
      },
    );

  proof
    .command('consistency')
    .description(
      "write the consistency proof a witness needs: from the size it last cosigned to a checkpoint's size (C2SP tlog-witness form)",
    )
    .requiredOption('--checkpoint <file>', 'the new signed-note checkpoint of this ledger')
    .requiredOption('--from <size>', 'the size of the checkpoint the witness last cosigned')
    .requiredOption('--out <file>', 'where to write the proof')
    .addOption(forceOption())
    .action(
      async (
        options: { checkpoint: string; from: string; out: string; force?: boolean },
        command: Command,
      ) => {
        const target = prepareOutput(command, io, options);
        const from = /^\d+$/.test(options.from) ? Number(options.from) : Number.NaN;
        if (!Number.isSafeInteger(from))
          throw new UsageError(`--from must be a tree size, not '${options.from}'.`);
        const checkpoint = readNoteCheckpoint(resolve(io.cwd, options.checkpoint));
        if (from > checkpoint.size) {
          throw new UsageError(`--from ${from} is beyond the checkpoint's size ${checkpoint.size}.`);
        }
        await using(openForReading(command, io), async (ledger) => {
          const text = formatConsistencyRequest(await consistencyRequestFor(ledger, checkpoint, from));
          const file = target?.file ?? resolve(io.cwd, options.out);
          writeOutputFile(file, text, {
            force: options.force === true,
            ledgerFiles: ledgerFiles(command, io),
          });
          io.stdout(`Consistency proof from size ${from} to ${checkpoint.size} written to ${file}.\n`);
        });
      },
    );

  proof
    .command('verify')
    .description(
      'verify a proof bundle with no database: the event hashes to itself, the report to its content hash, the inclusion proof to the signed (and cosigned) checkpoint',
    )
    .argument(
      '<bundle>',
      'a proof bundle from `perfledger proof event` or `report quarter --publish --proof-key`',
    )
    .requiredOption('--key <file>', "the ledger's public key (.pub)")
    .option('--report <file>', 'the published report file, to check it is the one the bundle proves')
    .option('--witness-key <file...>', 'public keys (PEM or C2SP verifier key) of trusted witnesses', [])
    .option('--quorum <n>', 'distinct witnesses that must have cosigned (default: every --witness-key)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(
      (
        file: string,
        options: { key: string; report?: string; witnessKey: string[]; quorum?: string; format: string },
      ) => {
        const path = resolve(io.cwd, file);
        const witnessKeys = options.witnessKey.map((k) => loadAnyPublicKey(resolve(io.cwd, k)));
        const quorum = parseQuorum(options.quorum, witnessKeys.length);
        const report = options.report === undefined ? undefined : readReport(resolve(io.cwd, options.report));
        const proven = verifyProofBundle(
          readProofBundle(path),
          {
            ledgerKey: loadAnyPublicKey(resolve(io.cwd, options.key)),
            witnessKeys,
            ...(quorum === undefined ? {} : { quorum }),
            ...(report === undefined ? {} : { report }),
          },
          path,
        );
        io.stdout(options.format === 'json' ? renderJson(proven) : describe(proven, file, options.report));
      },
    );
}

function describe(proven: ProvenEvent, file: string, report: string | undefined): string {
  const cosigners =
    proven.cosigners.length === 0
      ? 'no witness cosignatures checked'
      : `cosigned by ${proven.cosigners.map((c) => `${c.name} (${new Date(c.timestamp * 1000).toISOString()})`).join(', ')}`;
  return (
    `Proof ${file} OK: the ${proven.type} event ${proven.eventId} at position ${proven.position} is in ${proven.origin} at size ${proven.checkpointSize} (root ${proven.rootHash}), signed by the ledger key, ${cosigners}.\n` +
    (report === undefined
      ? ''
      : `Report ${report} OK: it hashes to ${proven.reportChecked}, the content hash published in that event.\n`)
  );
}

function readReport(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new IntegrityError('REPORT_MISMATCH', `Cannot read report '${file}'.`, file, { cause: error });
  }
}

/**
 * `report quarter --publish --proof-key KEY`: checked before anything is published (the key, and
 * `<out>.proof.json` as an output file); after publishing, `write` signs a checkpoint of the head
 * and writes the bundle of the ReportPublished event beside the report.
 */
export function prepareReportProof(
  command: Command,
  io: CliIo,
  options: { proofKey?: string; publish: boolean; out?: string; force?: boolean },
): { readonly file: string; write(ledger: Ledger, position: number): Promise<void> } | undefined {
  if (options.proofKey === undefined) return undefined;
  if (!options.publish || options.out === undefined) {
    throw new UsageError(
      '--proof-key needs --publish and --out: the bundle is written beside the report, as <out>.proof.json.',
    );
  }
  const signingKey = loadPrivateKey(resolve(io.cwd, options.proofKey));
  const target = prepareOutput(command, io, {
    out: `${options.out}.proof.json`,
    force: options.force === true,
  });
  const file = target?.file ?? resolve(io.cwd, `${options.out}.proof.json`);
  return {
    file,
    async write(ledger, position) {
      const bundle = await createProofBundle(ledger, { position, signingKey });
      writeProofBundle(file, bundle, {
        overwrite: options.force === true,
        ledgerFiles: ledgerFiles(command, io),
      });
      io.stderr(
        `Proof bundle written to ${file}: verify it with 'perfledger proof verify ${file} --report ${options.out} --key <public key>'.\n`,
      );
    },
  };
}
