import { readFileSync } from 'node:fs';
import { OutputFileError } from '../../files/output-file-error.js';
import { writeOutputFile } from '../../files/write-output-file.js';
import type { Ledger } from '../../ledger/ledger.js';
import { parseCheckpoint, type SignedCheckpoint } from '../checkpoint.js';
import { IntegrityError } from '../integrity-error.js';
import { describeFsError, type KeyInput } from '../keys.js';
import { treeRootAt } from '../tree/ledger-tree.js';
import {
  checkpointOriginOf,
  formatNoteCheckpoint,
  type NoteCheckpoint,
  parseNoteCheckpoint,
  signCheckpointBody,
} from './note-checkpoint.js';

/**
 * A checkpoint file of either format perfledger writes: the C2SP note (`'note'`, the default
 * since issue 13) or the JSON `perfledger-checkpoint/1` (`'json'`).
 *
 * @example
 * ```ts
 * const read = readAnyCheckpoint('cp.txt');
 * console.log(read.format === 'note' ? read.checkpoint.rootHash : read.checkpoint.headHash);
 * ```
 */
export type AnyCheckpoint =
  | { readonly format: 'note'; readonly checkpoint: NoteCheckpoint }
  | { readonly format: 'json'; readonly checkpoint: SignedCheckpoint };

/**
 * Reads a checkpoint file of either format: JSON when its first non-blank character is `{`,
 * otherwise a signed note.
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` naming the file.
 * @example
 * ```ts
 * const { format, checkpoint } = readAnyCheckpoint('checkpoint-42.txt');
 * ```
 */
export function readAnyCheckpoint(file: string): AnyCheckpoint {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new IntegrityError(
      'CHECKPOINT_INVALID',
      `Cannot read checkpoint '${file}': ${describeFsError(error)}.`,
      file,
      { cause: error },
    );
  }
  return parseAnyCheckpoint(bytes, file);
}

/**
 * Parses checkpoint bytes of either format; `file` names them in messages.
 *
 * @throws IntegrityError `CHECKPOINT_INVALID`.
 * @example
 * ```ts
 * const read = parseAnyCheckpoint(Buffer.from(text), 'the checkpoint in the bundle');
 * ```
 */
export function parseAnyCheckpoint(bytes: Uint8Array, file: string): AnyCheckpoint {
  const label = `Checkpoint '${file}'`;
  try {
    const start = Buffer.from(bytes).toString('utf8').trimStart();
    if (start.startsWith('{')) {
      let value: unknown;
      try {
        value = JSON.parse(start);
      } catch (error) {
        throw new IntegrityError('CHECKPOINT_INVALID', `${label} is not JSON.`, file, { cause: error });
      }
      return Object.freeze({ format: 'json', checkpoint: parseCheckpoint(value, label) });
    }
    return Object.freeze({ format: 'note', checkpoint: parseNoteCheckpoint(bytes, label) });
  } catch (error) {
    if (error instanceof IntegrityError && error.file === null) {
      throw new IntegrityError(error.code, error.message, file, { cause: error.cause });
    }
    throw error;
  }
}

/**
 * Reads a note checkpoint file; a JSON checkpoint is refused (it has no Merkle root).
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` naming the file.
 * @example
 * ```ts
 * const checkpoint = readNoteCheckpoint('checkpoint-42.txt');
 * ```
 */
export function readNoteCheckpoint(file: string): NoteCheckpoint {
  const read = readAnyCheckpoint(file);
  if (read.format !== 'note') {
    throw new IntegrityError(
      'CHECKPOINT_INVALID',
      `Checkpoint '${file}' is a JSON checkpoint (${read.checkpoint.format}); this needs a signed-note checkpoint with a Merkle root (perfledger checkpoint writes one).`,
      file,
    );
  }
  return read.checkpoint;
}

/**
 * Options for {@link createNoteCheckpoint}.
 *
 * @example
 * ```ts
 * const options: CreateNoteCheckpointOptions = { size: 40 };
 * ```
 */
export interface CreateNoteCheckpointOptions {
  /** The tree size to sign; the head by default. */
  readonly size?: number;
}

/**
 * Signs a C2SP checkpoint of the ledger's Merkle tree at its head (or `size`): origin line
 * `perfledger/<origin>`, the size, the root. The chain is verified first, so a broken log is
 * never signed.
 *
 * @throws IntegrityError `CHAIN_BROKEN` when the chain does not verify, `KEY_INVALID` for a bad
 *   key, `TREE_RANGE_INVALID` for a size beyond the head.
 * @example
 * ```ts
 * const checkpoint = await createNoteCheckpoint(ledger, loadPrivateKey('perfledger.key'));
 * writeNoteCheckpoint(`checkpoint-${checkpoint.size}.txt`, checkpoint);
 * ```
 */
export async function createNoteCheckpoint(
  ledger: Ledger,
  privateKey: KeyInput,
  options: CreateNoteCheckpointOptions = {},
): Promise<NoteCheckpoint> {
  const head = await ledger.head();
  const chain = await ledger.verify();
  if (!chain.ok) {
    throw new IntegrityError(
      'CHAIN_BROKEN',
      `Refusing to sign a checkpoint of '${ledger.location}': its hash chain is broken (${chain.break.message}).`,
    );
  }
  const size = options.size ?? head.position;
  if (!Number.isSafeInteger(size) || size < 0 || size > head.position) {
    throw new IntegrityError(
      'TREE_RANGE_INVALID',
      `Cannot sign a checkpoint at size ${String(size)}: the log ends at ${head.position}.`,
    );
  }
  return signCheckpointBody(
    {
      origin: checkpointOriginOf(await ledger.origin()),
      size,
      rootHash: await treeRootAt(ledger, size),
      extensions: [],
    },
    privateKey,
  );
}

/**
 * Options for {@link writeNoteCheckpoint}.
 *
 * @example
 * ```ts
 * writeNoteCheckpoint('cp.txt', checkpoint, { overwrite: true } satisfies WriteNoteCheckpointOptions);
 * ```
 */
export interface WriteNoteCheckpointOptions {
  /** Replace an existing file; false by default. */
  readonly overwrite?: boolean;
  /** Ledger databases whose files must never be written. */
  readonly ledgerFiles?: readonly string[];
}

/**
 * Writes a note checkpoint, whole or not at all (see `writeOutputFile`).
 *
 * @throws IntegrityError `FILE_EXISTS` when the file exists and `overwrite` is not set;
 *   OutputFileError when it cannot be written.
 * @example
 * ```ts
 * writeNoteCheckpoint('checkpoint-42.txt', checkpoint);
 * ```
 */
export function writeNoteCheckpoint(
  file: string,
  checkpoint: NoteCheckpoint,
  options: WriteNoteCheckpointOptions = {},
): void {
  try {
    writeOutputFile(file, formatNoteCheckpoint(checkpoint), {
      force: options.overwrite === true,
      ledgerFiles: options.ledgerFiles ?? [],
    });
  } catch (error) {
    if (error instanceof OutputFileError && error.code === 'FILE_EXISTS') {
      throw new IntegrityError(
        'FILE_EXISTS',
        `Checkpoint '${file}' already exists; it was not overwritten.`,
        file,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
