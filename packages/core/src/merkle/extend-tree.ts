import { IntegrityError } from '../integrity/integrity-error.js';
import { type MerkleHash, merkleNodeHash } from './merkle-hash.js';
import { type MerkleNodeRef, perfectSubtrees } from './subtrees.js';
import { checkTreeNumber } from './tree-range.js';

/**
 * A stored complete subtree: its coordinates and hash.
 *
 * @example
 * ```ts
 * const node: MerkleNode = { level: 1, index: 0, hash: merkleNodeHash(leaf0, leaf1) };
 * ```
 */
export interface MerkleNode extends MerkleNodeRef {
  readonly hash: MerkleHash;
}

/**
 * What appending leaves to a tree adds: every interior node (level ≥ 1) the new leaves complete,
 * in the order they complete, and the new tree's frontier (its {@link perfectSubtrees} with hashes).
 *
 * @example
 * ```ts
 * const { completed } = extendTree(size, frontier, leafHashes);
 * ```
 */
export interface TreeExtension {
  readonly completed: readonly MerkleNode[];
  readonly frontier: readonly MerkleNode[];
}

/**
 * Appends leaf hashes to a tree of `size` leaves whose frontier hashes are `frontierHashes`
 * (the hashes of `perfectSubtrees(0, size)`, left to right). Work is O(log n) per leaf: each new
 * leaf merges with equal-sized subtrees at the right edge. Engines store `completed` in the
 * append's transaction; level-0 nodes are the leaves themselves and are not returned.
 *
 * @example
 * ```ts
 * const refs = perfectSubtrees(0, size);
 * const { completed } = extendTree(size, await source(refs), events.map((e) => eventLeafHash(e.hash)));
 * ```
 */
export function extendTree(
  size: number,
  frontierHashes: readonly MerkleHash[],
  leafHashes: readonly MerkleHash[],
): TreeExtension {
  checkTreeNumber(size, 'tree size', 0, Number.MAX_SAFE_INTEGER);
  const refs = perfectSubtrees(0, size);
  if (frontierHashes.length !== refs.length) {
    throw new IntegrityError(
      'TREE_MISMATCH',
      `a tree of ${size} leaves has ${refs.length} frontier nodes; ${frontierHashes.length} were given`,
    );
  }
  const stack: MerkleNode[] = refs.map((ref, i) => ({ ...ref, hash: frontierHashes[i] as MerkleHash }));
  const completed: MerkleNode[] = [];
  let next = size;
  for (const leaf of leafHashes) {
    let node: MerkleNode = { level: 0, index: next, hash: leaf };
    next += 1;
    let top = stack[stack.length - 1];
    while (top !== undefined && top.level === node.level) {
      stack.pop();
      node = { level: node.level + 1, index: top.index / 2, hash: merkleNodeHash(top.hash, node.hash) };
      completed.push(node);
      top = stack[stack.length - 1];
    }
    stack.push(node);
  }
  return { completed, frontier: stack };
}
