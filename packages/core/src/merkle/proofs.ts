import { EMPTY_TREE_ROOT, type MerkleHash } from './merkle-hash.js';
import {
  foldSubtrees,
  largestPowerOfTwoBelow,
  type MerkleNodeRef,
  type MerkleNodeSource,
  perfectSubtrees,
} from './subtrees.js';
import { checkTreeNumber } from './tree-range.js';

/**
 * Which complete subtrees make up each element of a proof: element `i`'s hash is
 * {@link foldSubtrees} over the hashes of `recipe[i]`.
 */
type ProofRecipe = MerkleNodeRef[][];

/**
 * The RFC 6962 root of the first `size` leaves, from a node source: the frontier's complete
 * subtrees folded right to left. The empty tree's root is {@link EMPTY_TREE_ROOT}.
 *
 * @example
 * ```ts
 * const root = await treeRootFrom(8, source);
 * ```
 */
export async function treeRootFrom(size: number, source: MerkleNodeSource): Promise<MerkleHash> {
  checkTreeNumber(size, 'tree size', 0, Number.MAX_SAFE_INTEGER);
  if (size === 0) return EMPTY_TREE_ROOT;
  return foldSubtrees(await source(perfectSubtrees(0, size)));
}

/**
 * The inclusion proof (RFC 9162 §2.1.3.1, PATH) of leaf `index` (from 0) in the tree of `size`
 * leaves: sibling hashes from the leaf upwards. Every element is read from `source` in one call.
 * `TREE_RANGE_INVALID` unless `0 ≤ index < size`.
 *
 * @example
 * ```ts
 * const path = await inclusionProofFrom(5, 8, source);
 * ```
 */
export async function inclusionProofFrom(
  index: number,
  size: number,
  source: MerkleNodeSource,
): Promise<MerkleHash[]> {
  checkTreeNumber(size, 'tree size', 1, Number.MAX_SAFE_INTEGER);
  checkTreeNumber(index, 'leaf index', 0, size - 1);
  return resolve(inclusionRecipe(index, size), source);
}

/**
 * The consistency proof (RFC 9162 §2.1.4.1, PROOF) that the tree of `fromSize` leaves is a
 * prefix of the tree of `toSize` leaves; empty when `fromSize` is 0 or equals `toSize`.
 * `TREE_RANGE_INVALID` unless `0 ≤ fromSize ≤ toSize`.
 *
 * @example
 * ```ts
 * const proof = await consistencyProofFrom(6, 8, source);
 * ```
 */
export async function consistencyProofFrom(
  fromSize: number,
  toSize: number,
  source: MerkleNodeSource,
): Promise<MerkleHash[]> {
  checkTreeNumber(toSize, 'tree size', 0, Number.MAX_SAFE_INTEGER);
  checkTreeNumber(fromSize, 'earlier tree size', 0, toSize);
  if (fromSize === 0 || fromSize === toSize) return [];
  return resolve(consistencyRecipe(fromSize, toSize), source);
}

function inclusionRecipe(index: number, size: number): ProofRecipe {
  const topDown: ProofRecipe = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const split = start + largestPowerOfTwoBelow(end - start);
    if (index < split) {
      topDown.push(perfectSubtrees(split, end));
      end = split;
    } else {
      topDown.push(perfectSubtrees(start, split));
      start = split;
    }
  }
  return topDown.reverse();
}

function consistencyRecipe(fromSize: number, toSize: number): ProofRecipe {
  const topDown: ProofRecipe = [];
  let start = 0;
  let end = toSize;
  let whole = true;
  while (fromSize !== end) {
    const split = start + largestPowerOfTwoBelow(end - start);
    if (fromSize <= split) {
      topDown.push(perfectSubtrees(split, end));
      end = split;
    } else {
      topDown.push(perfectSubtrees(start, split));
      start = split;
      whole = false;
    }
  }
  if (!whole) topDown.push(perfectSubtrees(start, end));
  return topDown.reverse();
}

async function resolve(recipe: ProofRecipe, source: MerkleNodeSource): Promise<MerkleHash[]> {
  const refs = recipe.flat();
  const hashes = await source(refs);
  const proof: MerkleHash[] = [];
  let at = 0;
  for (const element of recipe) {
    proof.push(foldSubtrees(hashes.slice(at, at + element.length)));
    at += element.length;
  }
  return proof;
}
