import { type MerkleHash, merkleNodeHash } from './merkle-hash.js';

/**
 * One complete (perfect) subtree of the tree: the node at `level` (0 = a leaf) and `index`
 * (counted from 0 within the level), covering leaves `index·2^level` to `(index+1)·2^level − 1`.
 *
 * @example
 * ```ts
 * const rootOfFirstEight: MerkleNodeRef = { level: 3, index: 0 };
 * ```
 */
export interface MerkleNodeRef {
  readonly level: number;
  readonly index: number;
}

/**
 * Where the hashes of complete subtrees come from: given node coordinates, their hashes in the
 * same order. Engines serve them from storage (level 0 from the events' hashes); tests from memory.
 *
 * @example
 * ```ts
 * const source: MerkleNodeSource = (refs) => refs.map((ref) => nodes.get(`${ref.level}/${ref.index}`)!);
 * ```
 */
export type MerkleNodeSource = (
  refs: readonly MerkleNodeRef[],
) => Promise<readonly MerkleHash[]> | readonly MerkleHash[];

/**
 * The complete subtrees that make up leaves `[start, end)`, left to right, each as large as
 * alignment allows. For `[0, size)` these are the tree's "frontier": one node per set bit of size.
 *
 * @example
 * ```ts
 * perfectSubtrees(0, 7); // [{ level: 2, index: 0 }, { level: 1, index: 2 }, { level: 0, index: 6 }]
 * ```
 */
export function perfectSubtrees(start: number, end: number): MerkleNodeRef[] {
  const refs: MerkleNodeRef[] = [];
  let at = start;
  while (at < end) {
    let width = 1;
    let level = 0;
    while (at % (width * 2) === 0 && at + width * 2 <= end) {
      width *= 2;
      level += 1;
    }
    refs.push({ level, index: at / width });
    at += width;
  }
  return refs;
}

/**
 * Folds the hashes of a range's complete subtrees (left to right, as {@link perfectSubtrees}
 * lists them) into the range's RFC 6962 hash: right to left, each step `node(left, acc)`.
 *
 * @example
 * ```ts
 * const root = foldSubtrees(await source(perfectSubtrees(0, size)));
 * ```
 */
export function foldSubtrees(hashes: readonly MerkleHash[]): MerkleHash {
  const last = hashes.length - 1;
  let acc = hashes[last] as MerkleHash;
  for (let i = last - 1; i >= 0; i -= 1) acc = merkleNodeHash(hashes[i] as MerkleHash, acc);
  return acc;
}

/** The largest power of two strictly below `n` (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let power = 1;
  while (power * 2 < n) power *= 2;
  return power;
}
