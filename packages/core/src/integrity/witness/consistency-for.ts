import type { Ledger } from '../../ledger/ledger.js';
import { IntegrityError } from '../integrity-error.js';
import type { NoteCheckpoint } from '../note/note-checkpoint.js';
import { consistencyPathOf, treeRootAt } from '../tree/ledger-tree.js';
import type { ConsistencyRequest } from './consistency-file.js';

/**
 * The consistency proof a witness needs to cosign `checkpoint`: from the size it last cosigned
 * (`fromSize`) to the checkpoint's size, computed from the ledger's tree. The checkpoint must have
 * this ledger's root at its size.
 *
 * @throws IntegrityError `CHECKPOINT_MISMATCH` when it does not; `TREE_RANGE_INVALID` for a size
 *   beyond the checkpoint's or the log's.
 * @example
 * ```ts
 * writeOutputFile('since-155.proof', formatConsistencyRequest(await consistencyRequestFor(ledger, checkpoint, 155)));
 * ```
 */
export async function consistencyRequestFor(
  ledger: Ledger,
  checkpoint: NoteCheckpoint,
  fromSize: number,
): Promise<ConsistencyRequest> {
  if (!Number.isSafeInteger(fromSize) || fromSize < 0 || fromSize > checkpoint.size) {
    throw new IntegrityError(
      'TREE_RANGE_INVALID',
      `A consistency proof from size ${String(fromSize)} to the checkpoint's ${checkpoint.size} is not possible.`,
    );
  }
  const root = await treeRootAt(ledger, checkpoint.size);
  if (root !== checkpoint.rootHash) {
    throw new IntegrityError(
      'CHECKPOINT_MISMATCH',
      `The checkpoint's root at size ${checkpoint.size} is ${checkpoint.rootHash}; this ledger's tree there has root ${root}: it is not a checkpoint of this history.`,
    );
  }
  return Object.freeze({
    oldSize: fromSize,
    proof: Object.freeze(await consistencyPathOf(ledger, fromSize, checkpoint.size)),
  });
}
