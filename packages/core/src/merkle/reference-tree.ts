import { EMPTY_TREE_ROOT, type MerkleHash, merkleNodeHash } from './merkle-hash.js';
import { largestPowerOfTwoBelow, type MerkleNodeSource } from './subtrees.js';

/**
 * The RFC 9162 §2.1.1 Merkle Tree Hash of a list of leaf hashes, computed by the definition's
 * recursion over the whole list: the reference the stored tree and every proof are checked
 * against (O(n); for tests, rebuilds and `verify`).
 *
 * @example
 * ```ts
 * const root = merkleRootOf(events.map((event) => eventLeafHash(event.hash)));
 * ```
 */
export function merkleRootOf(leafHashes: readonly MerkleHash[]): MerkleHash {
  if (leafHashes.length === 0) return EMPTY_TREE_ROOT;
  return rootOfRange(leafHashes, 0, leafHashes.length);
}

function rootOfRange(leaves: readonly MerkleHash[], start: number, end: number): MerkleHash {
  if (end - start === 1) return leaves[start] as MerkleHash;
  const split = start + largestPowerOfTwoBelow(end - start);
  return merkleNodeHash(rootOfRange(leaves, start, split), rootOfRange(leaves, split, end));
}

/**
 * A node source over leaf hashes held in memory: each complete subtree's hash computed from its
 * leaves by {@link merkleRootOf}. For tests and small trees; engines serve stored nodes instead.
 *
 * @example
 * ```ts
 * const proof = await inclusionProofFrom(2, leaves.length, memoryNodeSource(leaves));
 * ```
 */
export function memoryNodeSource(leafHashes: readonly MerkleHash[]): MerkleNodeSource {
  return (refs) =>
    refs.map((ref) => {
      const width = 2 ** ref.level;
      const start = ref.index * width;
      if (start + width > leafHashes.length) {
        throw new RangeError(`node ${ref.level}/${ref.index} is not complete in ${leafHashes.length} leaves`);
      }
      return merkleRootOf(leafHashes.slice(start, start + width));
    });
}
