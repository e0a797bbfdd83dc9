import { IntegrityError } from '../integrity/integrity-error.js';
import { EMPTY_TREE_ROOT, hashBytes, type MerkleHash, merkleNodeHash } from './merkle-hash.js';

/**
 * The root an inclusion proof leads to (RFC 9162 §2.1.3.2) for `leafHash` at `index` in a tree
 * of `size` leaves. `PROOF_INVALID` when the index lies outside the tree, a hash is malformed, or
 * the path is too long or too short for that index and size.
 *
 * @example
 * ```ts
 * const root = rootFromInclusionProof(leafHash, 5, 8, path);
 * ```
 */
export function rootFromInclusionProof(
  leafHash: MerkleHash,
  index: number,
  size: number,
  path: readonly MerkleHash[],
): MerkleHash {
  checkSize(size, 'tree size');
  checkSize(index, 'leaf index');
  if (index >= size) refuse(`leaf index ${index} is outside a tree of ${size} leaves`);
  hashBytes(leafHash, 'leaf hash');
  checkPath(path);
  let fn = index;
  let sn = size - 1;
  let acc = leafHash;
  for (const sibling of path) {
    if (sn === 0)
      refuse(
        `the inclusion proof has more than the ${path.length - 1} elements a leaf at ${index} of ${size} needs`,
      );
    if (fn % 2 === 1 || fn === sn) {
      acc = merkleNodeHash(sibling, acc);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      acc = merkleNodeHash(acc, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) refuse(`the inclusion proof is too short for leaf ${index} of ${size}`);
  return acc;
}

/**
 * Checks an inclusion proof: `leafHash` is leaf `index` (from 0) of the tree of `size` leaves
 * whose root is `root`. Returns nothing; throws `IntegrityError` `PROOF_INVALID` naming what
 * failed otherwise.
 *
 * @example
 * ```ts
 * verifyInclusion(eventLeafHash(event.hash), event.position - 1, head.size, proof, head.rootHash);
 * ```
 */
export function verifyInclusion(
  leafHash: MerkleHash,
  index: number,
  size: number,
  path: readonly MerkleHash[],
  root: MerkleHash,
): void {
  hashBytes(root, 'root hash');
  const computed = rootFromInclusionProof(leafHash, index, size, path);
  if (computed !== root) {
    refuse(
      `the inclusion proof of leaf ${index} leads to root ${computed}, not the tree of ${size} leaves' root ${root}`,
    );
  }
}

/**
 * Checks a consistency proof (RFC 9162 §2.1.4.2): the tree of `fromSize` leaves with root
 * `fromRoot` is a prefix of the tree of `toSize` leaves with root `toRoot`. When `fromSize` is 0
 * the proof must be empty and `fromRoot` the empty tree's root; when the sizes are equal, empty
 * with equal roots. Returns nothing; throws `IntegrityError` `PROOF_INVALID` otherwise.
 *
 * @example
 * ```ts
 * verifyConsistency(checkpoint.size, head.size, checkpoint.rootHash, head.rootHash, proof);
 * ```
 */
export function verifyConsistency(
  fromSize: number,
  toSize: number,
  fromRoot: MerkleHash,
  toRoot: MerkleHash,
  proof: readonly MerkleHash[],
): void {
  checkSize(fromSize, 'earlier tree size');
  checkSize(toSize, 'tree size');
  hashBytes(fromRoot, 'earlier root hash');
  hashBytes(toRoot, 'root hash');
  checkPath(proof);
  if (fromSize > toSize) refuse(`a tree of ${fromSize} leaves cannot be a prefix of one of ${toSize}`);
  if (fromSize === 0 || fromSize === toSize) {
    if (proof.length !== 0) refuse(`a consistency proof from ${fromSize} to ${toSize} leaves must be empty`);
    const expected = fromSize === 0 ? EMPTY_TREE_ROOT : toRoot;
    if (fromRoot !== expected) {
      refuse(
        fromSize === 0
          ? `the root of the empty tree is ${EMPTY_TREE_ROOT}, not ${fromRoot}`
          : `two trees of ${toSize} leaves have different roots ${fromRoot} and ${toRoot}`,
      );
    }
    return;
  }
  if (proof.length === 0) refuse(`a consistency proof from ${fromSize} to ${toSize} leaves cannot be empty`);
  const path = isPowerOfTwo(fromSize) ? [fromRoot, ...proof] : [...proof];
  let fn = fromSize - 1;
  let sn = toSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as MerkleHash;
  let sr = fr;
  for (const element of path.slice(1)) {
    if (sn === 0) refuse(`the consistency proof from ${fromSize} to ${toSize} leaves is too long`);
    if (fn % 2 === 1 || fn === sn) {
      fr = merkleNodeHash(element, fr);
      sr = merkleNodeHash(element, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = merkleNodeHash(sr, element);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) refuse(`the consistency proof from ${fromSize} to ${toSize} leaves is too short`);
  if (fr !== fromRoot) refuse(`the consistency proof leads to earlier root ${fr}, not ${fromRoot}`);
  if (sr !== toRoot) refuse(`the consistency proof leads to root ${sr}, not ${toRoot}`);
}

function isPowerOfTwo(n: number): boolean {
  let power = 1;
  while (power < n) power *= 2;
  return power === n;
}

function checkSize(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    refuse(
      `${what} must be a whole number of 0 or more; got ${typeof value === 'number' ? value : typeof value}`,
    );
  }
}

function checkPath(path: readonly unknown[]): void {
  if (!Array.isArray(path)) refuse('a proof must be a list of hashes');
  path.forEach((element, i) => {
    hashBytes(element as string, `proof element ${i}`);
  });
}

function refuse(message: string): never {
  throw new IntegrityError('PROOF_INVALID', message);
}
