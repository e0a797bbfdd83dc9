import type { ChainRow } from '../../chain/chain-verifier.js';
import type { Ledger } from '../../ledger/ledger.js';
import {
  consistencyProofFrom,
  eventLeafHash,
  inclusionProofFrom,
  type MerkleHash,
  memoryNodeSource,
  treeRootFrom,
} from '../../merkle/index.js';
import { IntegrityError } from '../integrity-error.js';

/**
 * The RFC 6962 Merkle tree over a ledger's event hashes, up to a size: its root, and inclusion and
 * consistency proofs within it. Leaves are `eventLeafHash(event.hash)`; leaf `i` is the event at
 * position `i + 1`.
 *
 * @example
 * ```ts
 * const tree = await ledgerTree(ledger, (await ledger.head()).position);
 * const proof = await tree.inclusionProof(41); // the event at position 42
 * ```
 */
export interface LedgerTree {
  readonly size: number;
  /** The tree's root hash (the empty tree's root for size 0). */
  root(): Promise<MerkleHash>;
  /** The inclusion proof of leaf `index` (zero-based: position − 1). */
  inclusionProof(index: number): Promise<MerkleHash[]>;
  /** The consistency proof from an earlier size to this tree's size. */
  consistencyProof(fromSize: number): Promise<MerkleHash[]>;
}

/**
 * The ledger's tree at `size` (the number of events it covers).
 *
 * @throws IntegrityError `PROOF_INVALID` when the log holds fewer than `size` events.
 * @example
 * ```ts
 * const root = await (await ledgerTree(ledger, 42)).root();
 * ```
 */
export async function ledgerTree(ledger: Ledger, size: number): Promise<LedgerTree> {
  const leaves: MerkleHash[] = [];
  if (size > 0) {
    for await (const rows of ledger.store.chainRows(0, size)) {
      for (const row of rows) leaves.push(eventLeafHash(row.hash));
    }
  }
  if (leaves.length !== size) {
    throw new IntegrityError(
      'PROOF_INVALID',
      `The log of '${ledger.location}' holds ${leaves.length} events, fewer than the tree size ${size} asked for.`,
    );
  }
  const source = memoryNodeSource(leaves);
  return Object.freeze({
    size,
    root: () => treeRootFrom(size, source),
    inclusionProof: (index: number) => inclusionProofFrom(index, size, source),
    consistencyProof: (fromSize: number) => consistencyProofFrom(fromSize, size, source),
  });
}

/**
 * The stored row of the event at `position`, as the hash chain holds it.
 *
 * @throws IntegrityError `PROOF_INVALID` when there is no event at that position.
 * @example
 * ```ts
 * const row = await chainRowAt(ledger, 42);
 * ```
 */
export async function chainRowAt(ledger: Ledger, position: number): Promise<ChainRow> {
  if (Number.isSafeInteger(position) && position > 0) {
    for await (const rows of ledger.store.chainRows(position - 1, position)) {
      const row = rows.find((r) => r.position === position);
      if (row !== undefined) return row;
    }
  }
  throw new IntegrityError(
    'PROOF_INVALID',
    `There is no event at position ${String(position)} in '${ledger.location}'.`,
  );
}
