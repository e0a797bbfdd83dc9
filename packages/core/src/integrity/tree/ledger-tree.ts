import type { Ledger } from '../../ledger/ledger.js';
import {
  consistencyProofFrom,
  eventLeafHash,
  inclusionProofFrom,
  type MerkleHash,
  type MerkleNodeSource,
  memoryNodeSource,
  treeRootFrom,
} from '../../merkle/index.js';
import { IntegrityError } from '../integrity-error.js';

// The one place the proofs code asks a ledger for its Merkle tree: the root at a size, an
// inclusion path, a consistency path. Not exported from the package.

/** The root of the ledger's tree of its first `size` events. */
export async function treeRootAt(ledger: Ledger, size: number): Promise<MerkleHash> {
  return treeRootFrom(size, await nodesOf(ledger, size));
}

/** The inclusion path of the event at `position` in the tree of `size` events. */
export async function inclusionPathOf(ledger: Ledger, position: number, size: number): Promise<MerkleHash[]> {
  return inclusionProofFrom(position - 1, size, await nodesOf(ledger, size));
}

/** The consistency path from the tree of `fromSize` events to the tree of `toSize`. */
export async function consistencyPathOf(
  ledger: Ledger,
  fromSize: number,
  toSize: number,
): Promise<MerkleHash[]> {
  return consistencyProofFrom(fromSize, toSize, await nodesOf(ledger, toSize));
}

async function nodesOf(ledger: Ledger, size: number): Promise<MerkleNodeSource> {
  const leaves: MerkleHash[] = [];
  if (size > 0) {
    for await (const rows of ledger.store.chainRows(0, size)) {
      for (const row of rows) leaves.push(eventLeafHash(row.hash));
    }
  }
  if (leaves.length !== size) {
    throw new IntegrityError(
      'TREE_RANGE_INVALID',
      `The log of '${ledger.location}' holds ${leaves.length} events, fewer than the tree size ${size} asked for.`,
    );
  }
  return memoryNodeSource(leaves);
}
