import type { Ledger } from '../../ledger/ledger.js';
import type { MerkleHash } from '../../merkle/index.js';

// The one place the proofs code asks a ledger for its Merkle tree: `ledger.tree`, the tree every
// engine maintains beside the log (O(log n) nodes per question). Not exported from the package.

/** The root of the ledger's tree of its first `size` events. */
export async function treeRootAt(ledger: Ledger, size: number): Promise<MerkleHash> {
  return (await ledger.tree.head(size)).rootHash;
}

/** The inclusion path of the event at `position` in the tree of `size` events. */
export async function inclusionPathOf(ledger: Ledger, position: number, size: number): Promise<MerkleHash[]> {
  return [...(await ledger.tree.inclusionProof(position, size)).path];
}

/** The consistency path from the tree of `fromSize` events to the tree of `toSize`. */
export async function consistencyPathOf(
  ledger: Ledger,
  fromSize: number,
  toSize: number,
): Promise<MerkleHash[]> {
  return [...(await ledger.tree.consistencyProof(fromSize, toSize)).path];
}
