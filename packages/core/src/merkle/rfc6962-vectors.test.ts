import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../integrity/integrity-error.js';
import {
  consistencyProofFrom,
  EMPTY_TREE_ROOT,
  extendTree,
  inclusionProofFrom,
  memoryNodeSource,
  merkleLeafHash,
  merkleRootOf,
  perfectSubtrees,
  treeRootFrom,
  verifyConsistency,
  verifyInclusion,
} from './index.js';

interface Vectors {
  readonly leafInputs: readonly string[];
  readonly emptyRoot: string;
  readonly nodeHashes: readonly (readonly string[])[];
  readonly rootsBySize: readonly string[];
  readonly inclusionProofs: readonly { leaf: number; size: number; proof: string[] }[];
  readonly consistencyProofs: readonly { size1: number; size2: number; proof: string[] }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('./testdata/rfc6962-vectors.json', import.meta.url), 'utf8'),
) as Vectors;
const leaves = vectors.leafInputs.map((hex) => merkleLeafHash(Buffer.from(hex, 'hex')));
const source = memoryNodeSource(leaves);

function refusalCode(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof IntegrityError) return error.code;
    throw error;
  }
  return undefined;
}

describe('RFC 6962 vectors (transparency-dev/merkle)', () => {
  it('hashes the empty tree and each leaf as published', () => {
    expect(EMPTY_TREE_ROOT).toBe(vectors.emptyRoot);
    expect(leaves).toEqual(vectors.nodeHashes[0]);
  });

  it('gives every published complete-subtree hash', async () => {
    for (const [level, row] of vectors.nodeHashes.entries()) {
      const refs = row.map((_, index) => ({ level, index }));
      expect(await source(refs)).toEqual(row);
    }
  });

  it('gives the published root at every size, by definition and from nodes', async () => {
    for (const [size, root] of vectors.rootsBySize.entries()) {
      expect(merkleRootOf(leaves.slice(0, size))).toBe(root);
      expect(await treeRootFrom(size, source)).toBe(root);
    }
  });

  it('generates and verifies the published inclusion proofs', async () => {
    for (const vector of vectors.inclusionProofs) {
      const index = vector.leaf - 1;
      const root = vectors.rootsBySize[vector.size] as string;
      expect(
        await inclusionProofFrom(index, vector.size, memoryNodeSource(leaves.slice(0, vector.size))),
      ).toEqual(vector.proof);
      expect(() =>
        verifyInclusion(leaves[index] as string, index, vector.size, vector.proof, root),
      ).not.toThrow();
    }
  });

  it('generates and verifies the published consistency proofs', async () => {
    for (const vector of vectors.consistencyProofs) {
      const toLeaves = memoryNodeSource(leaves.slice(0, vector.size2));
      expect(await consistencyProofFrom(vector.size1, vector.size2, toLeaves)).toEqual(vector.proof);
      const fromRoot = vectors.rootsBySize[vector.size1] as string;
      const toRoot = vectors.rootsBySize[vector.size2] as string;
      expect(() =>
        verifyConsistency(vector.size1, vector.size2, fromRoot, toRoot, vector.proof),
      ).not.toThrow();
    }
  });

  it('refuses the published proofs corrupted the ways the Go tests corrupt them', () => {
    const someHash = 'abacaba000000000000000000000000000000000000000000060061e00123456';
    for (const vector of vectors.inclusionProofs.filter((v) => v.proof.length > 0)) {
      const index = vector.leaf - 1;
      const root = vectors.rootsBySize[vector.size] as string;
      const leaf = leaves[index] as string;
      const probes: [string, number, number, string[], string][] = [
        [leaf, index - 1, vector.size, vector.proof, root],
        [leaf, index + 1, vector.size, vector.proof, root],
        [leaf, index ^ 2, vector.size, vector.proof, root],
        [leaf, index, vector.size * 2, vector.proof, root],
        [leaf, index, Math.floor(vector.size / 2), vector.proof, root],
        [someHash, index, vector.size, vector.proof, root],
        [leaf, index, vector.size, vector.proof, EMPTY_TREE_ROOT],
        [leaf, index, vector.size, [...vector.proof, root], root],
        [leaf, index, vector.size, [root, ...vector.proof], root],
        [leaf, index, vector.size, vector.proof.slice(0, -1), root],
      ];
      for (const [l, i, s, p, r] of probes) {
        expect(refusalCode(() => verifyInclusion(l, i, s, p, r))).toBe('PROOF_INVALID');
      }
    }
    for (const vector of vectors.consistencyProofs.filter((v) => v.proof.length > 0)) {
      const r1 = vectors.rootsBySize[vector.size1] as string;
      const r2 = vectors.rootsBySize[vector.size2] as string;
      const { size1: m, size2: n, proof } = vector;
      const probes: [number, number, string, string, string[]][] = [
        [m - 1, n, r1, r2, proof],
        [m + 1, n, r1, r2, proof],
        [m ^ 2, n, r1, r2, proof],
        [m, n * 2, r1, r2, proof],
        [m, Math.floor(n / 2), r1, r2, proof],
        [m, n, someHash, r2, proof],
        [m, n, r1, someHash, proof],
        [m, n, r2, r1, proof],
        [m, n, r1, r2, []],
        [m, n, r1, r2, [...proof, r1]],
        [m, n, r1, r2, [...proof, r2]],
        [m, n, r1, r2, [r1, ...proof]],
        [m, n, r1, r2, [r2, ...proof]],
        [m, n, r1, r2, [proof[0] as string, ...proof]],
        [m, n, r1, r2, proof.slice(0, -1)],
      ];
      for (const [a, b, x, y, p] of probes) {
        expect(refusalCode(() => verifyConsistency(a, b, x, y, p))).toBe('PROOF_INVALID');
      }
    }
  });

  it('builds the published subtrees incrementally, one leaf at a time', () => {
    const stored = new Map<string, string>();
    let frontier: string[] = [];
    for (const [size, leaf] of leaves.entries()) {
      const extension = extendTree(size, frontier, [leaf]);
      for (const node of extension.completed) stored.set(`${node.level}/${node.index}`, node.hash);
      frontier = extension.frontier.map((node) => node.hash);
      expect(extension.frontier.map(({ level, index }) => ({ level, index }))).toEqual(
        perfectSubtrees(0, size + 1),
      );
    }
    for (const [level, row] of vectors.nodeHashes.entries()) {
      if (level === 0) continue;
      row.forEach((hash, index) => {
        expect(stored.get(`${level}/${index}`)).toBe(hash);
      });
    }
    expect(stored.size).toBe(7);
  });

  it('refuses malformed hashes, indexes and sizes with typed codes', async () => {
    const root = vectors.rootsBySize[8] as string;
    const proof = vectors.inclusionProofs[1]?.proof ?? [];
    expect(refusalCode(() => verifyInclusion('ABC', 0, 8, proof, root))).toBe('PROOF_INVALID');
    expect(
      refusalCode(() => verifyInclusion(leaves[0] as string, 0, 8, [...proof.slice(1), 'zz'], root)),
    ).toBe('PROOF_INVALID');
    expect(refusalCode(() => verifyInclusion(leaves[0] as string, 8, 8, proof, root))).toBe('PROOF_INVALID');
    expect(refusalCode(() => verifyInclusion(leaves[0] as string, -1, 8, proof, root))).toBe('PROOF_INVALID');
    expect(refusalCode(() => verifyConsistency(3, 2, root, root, []))).toBe('PROOF_INVALID');
    expect(refusalCode(() => verifyConsistency(0, 2, root, root, []))).toBe('PROOF_INVALID');
    await expect(inclusionProofFrom(8, 8, source)).rejects.toMatchObject({ code: 'TREE_RANGE_INVALID' });
    await expect(inclusionProofFrom(0, 0, source)).rejects.toMatchObject({ code: 'TREE_RANGE_INVALID' });
    await expect(consistencyProofFrom(5, 4, source)).rejects.toMatchObject({ code: 'TREE_RANGE_INVALID' });
    await expect(treeRootFrom(1.5, source)).rejects.toMatchObject({ code: 'TREE_RANGE_INVALID' });
    expect(() => extendTree(3, [], [leaves[3] as string])).toThrow(
      expect.objectContaining({ code: 'TREE_MISMATCH' }),
    );
    expect(() => extendTree(3, [root, root, root], [])).toThrow(
      expect.objectContaining({ code: 'TREE_MISMATCH' }),
    );
  });
});
