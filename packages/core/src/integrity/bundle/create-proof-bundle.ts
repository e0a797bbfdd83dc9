import { OutputFileError } from '../../files/output-file-error.js';
import { writeOutputFile } from '../../files/write-output-file.js';
import type { Ledger } from '../../ledger/ledger.js';
import { IntegrityError } from '../integrity-error.js';
import type { KeyInput } from '../keys.js';
import { checkpointOriginOf, type NoteCheckpoint } from '../note/note-checkpoint.js';
import { createNoteCheckpoint } from '../note/note-checkpoint-file.js';
import { inclusionPathOf, treeRootAt } from '../tree/ledger-tree.js';
import { chainRowAt } from './chain-row-at.js';
import { PROOF_BUNDLE_FORMAT, type ProofBundle, proofBundleSchema, storedEventOf } from './proof-bundle.js';
import { formatTlogProof } from './tlog-proof.js';

/**
 * What {@link createProofBundle} proves, and against which checkpoint.
 *
 * @example
 * ```ts
 * const options: CreateProofBundleOptions = { position: 42, checkpoint: readNoteCheckpoint('cp-cosigned.txt') };
 * ```
 */
export interface CreateProofBundleOptions {
  /** The event's position; or give `eventId`. */
  readonly position?: number;
  readonly eventId?: string;
  /** A checkpoint of this ledger covering the event (cosigned, ideally). */
  readonly checkpoint?: NoteCheckpoint;
  /** Without `checkpoint`: the ledger's private key, to sign a checkpoint of the head. */
  readonly signingKey?: KeyInput;
}

/**
 * Builds the offline proof of one event: the event as stored, its inclusion proof in the
 * checkpoint's tree, the checkpoint (with whatever cosignatures it carries) and, for a
 * `ReportPublished` event, the report's content hash and parameters. The checkpoint must be of
 * this ledger, cover the event, and have this ledger's root at its size.
 *
 * @throws IntegrityError `TREE_RANGE_INVALID` (no such event), `PROOF_INVALID` (neither checkpoint nor key),
 *   `CHECKPOINT_MISMATCH` (the checkpoint is of another ledger, too small, or another history),
 *   `CHAIN_BROKEN` (signing a checkpoint of a broken chain).
 * @example
 * ```ts
 * const bundle = await createProofBundle(ledger, { position: 42, checkpoint });
 * writeProofBundle('event-42.proof.json', bundle);
 * ```
 */
export async function createProofBundle(
  ledger: Ledger,
  options: CreateProofBundleOptions,
): Promise<ProofBundle> {
  const position = options.position ?? (await positionOfEvent(ledger, options.eventId));
  const row = await chainRowAt(ledger, position);
  let checkpoint = options.checkpoint;
  if (checkpoint === undefined) {
    if (options.signingKey === undefined) {
      throw new IntegrityError('PROOF_INVALID', 'A proof bundle needs a checkpoint, or the key to sign one.');
    }
    checkpoint = await createNoteCheckpoint(ledger, options.signingKey);
  }
  const origin = checkpointOriginOf(await ledger.origin());
  if (checkpoint.origin !== origin) {
    throw new IntegrityError(
      'CHECKPOINT_MISMATCH',
      `The checkpoint is of ${checkpoint.origin}, not of this ledger (${origin}).`,
    );
  }
  if (checkpoint.size < position) {
    throw new IntegrityError(
      'CHECKPOINT_MISMATCH',
      `The checkpoint covers ${checkpoint.size} events; it cannot prove the event at position ${position}. Sign a newer checkpoint.`,
    );
  }
  const root = await treeRootAt(ledger, checkpoint.size);
  if (root !== checkpoint.rootHash) {
    throw new IntegrityError(
      'CHECKPOINT_MISMATCH',
      `The checkpoint's root at size ${checkpoint.size} is ${checkpoint.rootHash}; this ledger's tree there has root ${root}: the history differs.`,
    );
  }
  const inclusionProof = await inclusionPathOf(ledger, position, checkpoint.size);
  const report =
    row.type === 'ReportPublished' ? (JSON.parse(row.dataJson) as Record<string, unknown>) : null;
  return proofBundleSchema.parse({
    format: PROOF_BUNDLE_FORMAT,
    report,
    event: storedEventOf(row),
    proof: formatTlogProof({ index: position - 1, inclusionProof, checkpoint }),
  });
}

/**
 * Writes a bundle as pretty-printed JSON, whole or not at all.
 *
 * @throws IntegrityError `FILE_EXISTS` without `overwrite`; OutputFileError when it cannot be written.
 * @example
 * ```ts
 * writeProofBundle('q2.md.proof.json', bundle, { overwrite: true });
 * ```
 */
export function writeProofBundle(
  file: string,
  bundle: ProofBundle,
  options: { readonly overwrite?: boolean; readonly ledgerFiles?: readonly string[] } = {},
): void {
  try {
    writeOutputFile(file, `${JSON.stringify(proofBundleSchema.parse(bundle), null, 2)}\n`, {
      force: options.overwrite === true,
      ledgerFiles: options.ledgerFiles ?? [],
    });
  } catch (error) {
    if (error instanceof OutputFileError && error.code === 'FILE_EXISTS') {
      throw new IntegrityError(
        'FILE_EXISTS',
        `Proof bundle '${file}' already exists; it was not overwritten.`,
        file,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

async function positionOfEvent(ledger: Ledger, eventId: string | undefined): Promise<number> {
  if (eventId === undefined)
    throw new IntegrityError('PROOF_INVALID', 'Give the position or the id of the event to prove.');
  for await (const rows of ledger.store.chainRows(0, Number.MAX_SAFE_INTEGER)) {
    const row = rows.find((r) => r.eventId === eventId);
    if (row !== undefined) return row.position;
  }
  throw new IntegrityError('PROOF_INVALID', `There is no event with id ${eventId} in '${ledger.location}'.`);
}
