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
 * in the order they complete, and the right edge of the new tree's frontier (all of its
 * {@link perfectSubtrees} when the whole frontier was given, with hashes).
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
 * The frontier subtrees (a suffix of `perfectSubtrees(0, size)`) that appending `count` leaves
 * merges with: all that {@link extendTree} needs to be given. Appending one leaf to a tree of
 * even size needs none; on average one node is needed per append.
 *
 * @example
 * ```ts
 * frontierNeeded(7, 1); // [{ level: 2, index: 0 }, { level: 1, index: 2 }, { level: 0, index: 6 }]
 * frontierNeeded(6, 1); // []
 * ```
 */
export function frontierNeeded(size: number, count: number): MerkleNodeRef[] {
  checkTreeNumber(size, 'tree size', 0, Number.MAX_SAFE_INTEGER);
  checkTreeNumber(count, 'leaf count', 0, Number.MAX_SAFE_INTEGER - size);
  const refs = perfectSubtrees(0, size);
  // Levels on the stack; entries below `original` are the given frontier's, by their index in refs.
  const levels = refs.map((ref) => ref.level);
  let original = levels.length;
  let lowest = refs.length;
  for (let i = 0; i < count; i++) {
    let level = 0;
    while (levels.length > 0 && levels[levels.length - 1] === level) {
      levels.pop();
      if (levels.length < original) {
        original = levels.length;
        lowest = original;
      }
      level += 1;
    }
    levels.push(level);
  }
  return refs.slice(lowest);
}

/**
 * Appends leaf hashes to a tree of `size` leaves. `frontierHashes` are the hashes of the last
 * subtrees of `perfectSubtrees(0, size)` (left to right): the whole frontier, or at least the
 * suffix {@link frontierNeeded} names. Work is O(log n) per leaf: each new leaf merges with
 * equal-sized subtrees at the right edge. Engines store `completed` in the append's transaction;
 * level-0 nodes are the leaves themselves and are not returned. `TREE_MISMATCH` when a subtree
 * the merge needs was not given.
 *
 * @example
 * ```ts
 * const needed = frontierNeeded(size, events.length);
 * const { completed } = extendTree(size, await source(needed), events.map((e) => eventLeafHash(e.hash)));
 * ```
 */
export function extendTree(
  size: number,
  frontierHashes: readonly MerkleHash[],
  leafHashes: readonly MerkleHash[],
): TreeExtension {
  checkTreeNumber(size, 'tree size', 0, Number.MAX_SAFE_INTEGER);
  const refs = perfectSubtrees(0, size);
  if (frontierHashes.length > refs.length) {
    throw new IntegrityError(
      'TREE_MISMATCH',
      `a tree of ${size} leaves has ${refs.length} frontier nodes; ${frontierHashes.length} were given`,
    );
  }
  const hidden = refs.slice(0, refs.length - frontierHashes.length);
  const stack: MerkleNode[] = refs
    .slice(hidden.length)
    .map((ref, i) => ({ ...ref, hash: frontierHashes[i] as MerkleHash }));
  const completed: MerkleNode[] = [];
  let next = size;
  for (const leaf of leafHashes) {
    let node: MerkleNode = { level: 0, index: next, hash: leaf };
    next += 1;
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        const unknown = hidden[hidden.length - 1];
        if (unknown !== undefined && unknown.level === node.level) {
          throw new IntegrityError(
            'TREE_MISMATCH',
            `appending to a tree of ${size} leaves needs frontier node ${unknown.level}/${unknown.index}, which was not given`,
          );
        }
        break;
      }
      if (top.level !== node.level) break;
      stack.pop();
      node = { level: node.level + 1, index: top.index / 2, hash: merkleNodeHash(top.hash, node.hash) };
      completed.push(node);
    }
    stack.push(node);
  }
  return { completed, frontier: stack };
}
