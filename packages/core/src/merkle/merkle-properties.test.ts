import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../integrity/integrity-error.js';
import {
  consistencyProofFrom,
  eventLeafHash,
  extendTree,
  frontierNeeded,
  inclusionProofFrom,
  memoryNodeSource,
  merkleLeafHash,
  merkleNodeHash,
  merkleRootOf,
  perfectSubtrees,
  TreeBuilder,
  treeRootFrom,
  verifyConsistency,
  verifyInclusion,
} from './index.js';

/** Distinct leaves (each input ends with its index), as a log's events are distinct. */
const leavesArbitrary = fc
  .array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 70 })
  .map((inputs) => inputs.map((input, i) => merkleLeafHash(Buffer.concat([input, Buffer.from(`#${i}`)]))));

/** A tree and a leaf index inside it. */
const treeAndIndex = leavesArbitrary.chain((leaves) =>
  fc.record({ leaves: fc.constant(leaves), index: fc.nat({ max: leaves.length - 1 }) }),
);

/** A tree and an earlier size, 1 ≤ m ≤ n. */
const treeAndPrefix = leavesArbitrary.chain((leaves) =>
  fc.record({ leaves: fc.constant(leaves), fromSize: fc.integer({ min: 1, max: leaves.length }) }),
);

/** The definition of RFC 9162 §2.1.1 written as literally as possible. */
function definitionRoot(leaves: readonly string[]): string {
  if (leaves.length === 1) return leaves[0] as string;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return merkleNodeHash(definitionRoot(leaves.slice(0, k)), definitionRoot(leaves.slice(k)));
}

function flipHex(hash: string, at: number): string {
  const i = at % hash.length;
  const flipped = (Number.parseInt(hash[i] as string, 16) ^ 1).toString(16);
  return hash.slice(0, i) + flipped + hash.slice(i + 1);
}

function refuses(work: () => void): boolean {
  try {
    work();
    return false;
  } catch (error) {
    if (error instanceof IntegrityError && error.code === 'PROOF_INVALID') return true;
    throw error;
  }
}

describe('Merkle tree properties', () => {
  it('the root from stored nodes, the reference root and the incremental tree all equal the definition', async () => {
    await fc.assert(
      fc.asyncProperty(
        leavesArbitrary,
        fc.array(fc.nat({ max: 5 }), { maxLength: 30 }),
        async (leaves, cuts) => {
          const expected = definitionRoot(leaves);
          expect(merkleRootOf(leaves)).toBe(expected);
          expect(await treeRootFrom(leaves.length, memoryNodeSource(leaves))).toBe(expected);
          // Append in batches of random sizes; the frontier always folds to the root so far.
          let size = 0;
          let frontier: string[] = [];
          let cut = 0;
          while (size < leaves.length) {
            const take = Math.min(leaves.length - size, (cuts[cut] ?? 1) + 1);
            cut += 1;
            const extension = extendTree(size, frontier, leaves.slice(size, size + take));
            for (const node of extension.completed) {
              expect(node.hash).toBe(
                definitionRoot(
                  leaves.slice(node.index * 2 ** node.level, (node.index + 1) * 2 ** node.level),
                ),
              );
            }
            size += take;
            frontier = extension.frontier.map((node) => node.hash);
            expect(await treeRootFrom(size, () => frontier)).toBe(definitionRoot(leaves.slice(0, size)));
          }
        },
      ),
    );
  });

  it('extending with only the frontier nodes frontierNeeded names completes the same nodes', async () => {
    await fc.assert(
      fc.asyncProperty(treeAndPrefix, async ({ leaves, fromSize }) => {
        const size = fromSize - 1;
        const source = memoryNodeSource(leaves);
        const full = extendTree(size, await source(perfectSubtrees(0, size)), leaves.slice(size));
        const needed = frontierNeeded(size, leaves.length - size);
        const partial = extendTree(size, await source(needed), leaves.slice(size));
        expect(partial.completed).toEqual(full.completed);
        expect(full.frontier.slice(-partial.frontier.length)).toEqual(partial.frontier);
        if (needed.length > 0) {
          // One node fewer than needed is refused, never silently wrong.
          const short = (await source(needed)).slice(1);
          expect(() => extendTree(size, short, leaves.slice(size))).toThrow(
            expect.objectContaining({ code: 'TREE_MISMATCH' }),
          );
        }
      }),
    );
  });

  it('a TreeBuilder fed event hashes in batches stores exactly the complete subtrees of the log', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 70 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 20 }),
        async (bytes, cuts) => {
          const eventHashes = bytes.map((b) => Buffer.from(b).toString('hex'));
          const leaves = eventHashes.map(eventLeafHash);
          const builder = new TreeBuilder();
          const stored = new Map<string, string>();
          for (let at = 0, cut = 0; at < eventHashes.length; cut += 1) {
            const take = cuts[cut % cuts.length] as number;
            for (const node of builder.push(eventHashes.slice(at, at + take)))
              stored.set(`${node.level}/${node.index}`, node.hash);
            at = Math.min(eventHashes.length, at + take);
          }
          expect(builder.size).toBe(eventHashes.length);
          let expected = 0;
          for (let level = 1; 2 ** level <= leaves.length; level++) {
            const count = Math.floor(leaves.length / 2 ** level);
            expected += count;
            const refs = Array.from({ length: count }, (_, index) => ({ level, index }));
            expect(refs.map((ref) => stored.get(`${ref.level}/${ref.index}`))).toEqual(
              await memoryNodeSource(leaves)(refs),
            );
          }
          expect(stored.size).toBe(expected);
        },
      ),
    );
  });

  it('every inclusion proof verifies; any altered element, leaf, index or size fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        treeAndIndex,
        fc.nat(),
        fc.integer({ min: 1, max: 200 }),
        async ({ leaves, index }, pick, delta) => {
          const size = leaves.length;
          const root = merkleRootOf(leaves);
          const leaf = leaves[index] as string;
          const proof = await inclusionProofFrom(index, size, memoryNodeSource(leaves));
          verifyInclusion(leaf, index, size, proof, root);
          if (proof.length > 0) {
            const at = pick % proof.length;
            const altered = proof.map((hash, i) => (i === at ? flipHex(hash, pick) : hash));
            expect(refuses(() => verifyInclusion(leaf, index, size, altered, root))).toBe(true);
            expect(refuses(() => verifyInclusion(leaf, index, size, proof.slice(0, -1), root))).toBe(true);
          }
          expect(refuses(() => verifyInclusion(leaf, index, size, [...proof, root], root))).toBe(true);
          expect(refuses(() => verifyInclusion(flipHex(leaf, pick), index, size, proof, root))).toBe(true);
          expect(refuses(() => verifyInclusion(leaf, index, size, proof, flipHex(root, pick)))).toBe(true);
          const otherIndex = (index + delta) % (size + 1);
          if (otherIndex !== index) {
            expect(refuses(() => verifyInclusion(leaf, otherIndex, size, proof, root))).toBe(true);
          }
          // As in the Go tests: a tree twice or half as large. (Some sizes share a proof's shape,
          // such as leaf 0 of 3 and of 4 leaves; the signed checkpoint binds size and root.)
          expect(refuses(() => verifyInclusion(leaf, index, size * 2, proof, root))).toBe(true);
          if (size > 1)
            expect(refuses(() => verifyInclusion(leaf, index, Math.floor(size / 2), proof, root))).toBe(true);
        },
      ),
    );
  });

  it('every consistency proof verifies; any altered element, root or size fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        treeAndPrefix,
        fc.nat(),
        fc.integer({ min: 1, max: 200 }),
        async ({ leaves, fromSize }, pick, delta) => {
          const toSize = leaves.length;
          const fromRoot = merkleRootOf(leaves.slice(0, fromSize));
          const toRoot = merkleRootOf(leaves);
          const proof = await consistencyProofFrom(fromSize, toSize, memoryNodeSource(leaves));
          verifyConsistency(fromSize, toSize, fromRoot, toRoot, proof);
          verifyConsistency(0, toSize, merkleRootOf([]), toRoot, []);
          expect(
            refuses(() => verifyConsistency(fromSize, toSize, flipHex(fromRoot, pick), toRoot, proof)),
          ).toBe(true);
          expect(
            refuses(() => verifyConsistency(fromSize, toSize, fromRoot, flipHex(toRoot, pick), proof)),
          ).toBe(true);
          if (proof.length > 0) {
            const at = pick % proof.length;
            const altered = proof.map((hash, i) => (i === at ? flipHex(hash, pick) : hash));
            expect(refuses(() => verifyConsistency(fromSize, toSize, fromRoot, toRoot, altered))).toBe(true);
            expect(refuses(() => verifyConsistency(fromSize, toSize, fromRoot, toRoot, proof.slice(1)))).toBe(
              true,
            );
            expect(
              refuses(() => verifyConsistency(fromSize, toSize, fromRoot, toRoot, [...proof, toRoot])),
            ).toBe(true);
            expect(refuses(() => verifyConsistency(fromSize, toSize * 2, fromRoot, toRoot, proof))).toBe(
              true,
            );
            expect(
              refuses(() => verifyConsistency(fromSize, Math.floor(toSize / 2), fromRoot, toRoot, proof)),
            ).toBe(true);
            const otherFrom = fromSize + (delta % (toSize - fromSize + 1));
            if (otherFrom !== fromSize && otherFrom < toSize) {
              expect(refuses(() => verifyConsistency(otherFrom, toSize, fromRoot, toRoot, proof))).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('a changed leaf anywhere changes the root, so the old root is inconsistent with the new tree', async () => {
    await fc.assert(
      fc.asyncProperty(treeAndIndex, async ({ leaves, index }) => {
        const fromSize = leaves.length;
        const rewritten = leaves.map((leaf, i) =>
          i === index ? merkleLeafHash(Buffer.from(leaf, 'hex')) : leaf,
        );
        const extended = [...rewritten, merkleLeafHash(new Uint8Array([1]))];
        const proof = await consistencyProofFrom(fromSize, extended.length, memoryNodeSource(extended));
        expect(
          refuses(() =>
            verifyConsistency(fromSize, extended.length, merkleRootOf(leaves), merkleRootOf(extended), proof),
          ),
        ).toBe(true);
      }),
    );
  });
});
