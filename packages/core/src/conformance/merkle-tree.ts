import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventLeafHash, type MerkleHash } from '../merkle/merkle-hash.js';
import { merkleRootOf } from '../merkle/reference-tree.js';
import { TreeBuilder } from '../merkle/tree-builder.js';
import { verifyConsistency, verifyInclusion } from '../merkle/verify-proofs.js';
import { copyLedger } from '../store/copy-ledger.js';
import type { AppendRequest, EventStore } from '../store/event-store.js';
import type { EngineUnderTest } from './engine-under-test.js';
import {
  comment,
  comments,
  conformanceClock,
  expectLedgerError,
  rejectionOf,
  runsFor,
  snapshotOf,
  withEngine,
} from './fixtures.js';
import { ledgerOn } from './ledger-on.js';

/** Appends as lists of requests, each request a number of events on one of three streams. */
const appendPlan = fc.array(
  fc.array(
    fc.record({
      stream: fc.constantFrom('action:T1', 'action:T2', 'action:T3'),
      count: fc.integer({ min: 1, max: 3 }),
    }),
    {
      minLength: 1,
      maxLength: 2,
    },
  ),
  { minLength: 1, maxLength: 6 },
);

type Plan = readonly (readonly { readonly stream: string; readonly count: number }[])[];

async function play(store: EventStore, plan: Plan): Promise<void> {
  for (const [i, requests] of plan.entries()) {
    await store.append(
      requests.map(
        ({ stream, count }, j): AppendRequest => ({ stream, events: comments(`t${i}.${j}.`, count) }),
      ),
      { actor: 'j.smith' },
    );
  }
}

/** The leaf hashes of the stored chain, in position order. */
async function leavesOf(store: EventStore): Promise<MerkleHash[]> {
  const leaves: MerkleHash[] = [];
  for await (const rows of store.chainRows(0, Number.MAX_SAFE_INTEGER)) {
    for (const row of rows) leaves.push(eventLeafHash(row.hash));
  }
  return leaves;
}

/** The nodes a rebuild from the chain stores, as `level/index` → hash. */
async function rebuiltNodes(store: EventStore): Promise<Record<string, string>> {
  const builder = new TreeBuilder();
  const nodes: Record<string, string> = {};
  for await (const rows of store.chainRows(0, Number.MAX_SAFE_INTEGER)) {
    for (const node of builder.push(rows.map((row) => row.hash)))
      nodes[`${node.level}/${node.index}`] = node.hash;
  }
  return nodes;
}

/** Checks heads and a spread of proofs at every size against the pure tree over the chain. */
async function expectTreeOfChain(store: EventStore): Promise<void> {
  const ledger = await ledgerOn(store);
  const leaves = await leavesOf(store);
  for (let size = 0; size <= leaves.length; size++) {
    const root = merkleRootOf(leaves.slice(0, size));
    expect(await ledger.tree.head(size)).toEqual({ size, rootHash: root });
    for (const position of new Set(size === 0 ? [] : [1, Math.ceil(size / 2), size])) {
      const proof = await ledger.tree.inclusionProof(position, size);
      expect(proof).toMatchObject({ position, size, rootHash: root, leafHash: leaves[position - 1] });
      verifyInclusion(proof.leafHash, position - 1, size, proof.path, root);
    }
    for (const fromSize of new Set(
      [0, 1, Math.floor(size / 2), size - 1, size].filter((m) => m >= 0 && m <= size),
    )) {
      const proof = await ledger.tree.consistencyProof(fromSize, size);
      expect(proof.fromRoot).toBe(merkleRootOf(leaves.slice(0, fromSize)));
      verifyConsistency(fromSize, size, proof.fromRoot, root, proof.path);
    }
  }
  expect(await ledger.tree.head()).toEqual({ size: leaves.length, rootHash: merkleRootOf(leaves) });
}

/**
 * The RFC 6962 Merkle tree over the log, maintained by the engine inside every append's
 * transaction: heads at every size equal the pure root over the chain's hashes, proofs from the
 * store verify, the stored nodes are exactly what a rebuild from the chain makes (a copy too),
 * the node table is append-only like the events, and `verify` catches a tampered node.
 *
 * @example
 * ```ts
 * describeMerkleTree(sqliteEngine);
 * ```
 */
export function describeMerkleTree(engine: EngineUnderTest): void {
  describe('Merkle tree', () => {
    it('at every size the tree head is the root over the chain, and proofs from the store verify', async () => {
      await fc.assert(
        fc.asyncProperty(appendPlan, async (plan) => {
          await withEngine(engine, {}, async ({ store, raw }) => {
            await play(store, plan);
            await expectTreeOfChain(store);
            expect(await raw.nodes.all()).toEqual(await rebuiltNodes(store));
          });
        }),
        { numRuns: runsFor(engine, 0.3) },
      );
    });

    it('an append that is rolled back (a hook throws, a version conflict) leaves no node behind', async () => {
      await withEngine(engine, {}, async ({ store, raw }) => {
        await store.append([{ stream: 'action:T1', events: comments('a', 3) }]);
        const before = await raw.nodes.all();
        await rejectionOf(
          store.append([{ stream: 'action:T1', events: comments('b', 5) }], {}, () => {
            throw new Error('the hook refuses');
          }),
        );
        await expectLedgerError(
          store.append([
            { stream: 'action:T2', events: comments('c', 4) },
            { stream: 'action:T1', events: [comment('d')], expectedVersion: 99 },
          ]),
          'CONCURRENCY_CONFLICT',
        );
        expect(await raw.nodes.all()).toEqual(before);
        await store.append([{ stream: 'action:T2', events: comments('e', 6) }]);
        await expectTreeOfChain(store);
        expect(await raw.nodes.all()).toEqual(await rebuiltNodes(store));
      });
    });

    it('a copied ledger has the same tree at every size, whole or in steps', async () => {
      await withEngine(engine, {}, async (source) => {
        await play(source.store, [[{ stream: 'action:T1', count: 3 }], [{ stream: 'action:T2', count: 2 }]]);
        const target = await engine.open({ clock: conformanceClock('2024-01-16T09:00:00Z') });
        try {
          await copyLedger(source.store, target.store, { batchSize: 2 });
          await play(source.store, [[{ stream: 'action:T3', count: 6 }]]);
          await copyLedger(source.store, target.store, { batchSize: 3 });
          const sourceLedger = await ledgerOn(source.store);
          const targetLedger = await ledgerOn(target.store);
          for (let size = 0; size <= 11; size++) {
            expect(await targetLedger.tree.head(size)).toEqual(await sourceLedger.tree.head(size));
          }
          expect(await target.raw.nodes.all()).toEqual(await source.raw.nodes.all());
          await expectTreeOfChain(target.store);
          expect(await targetLedger.verify()).toMatchObject({ ok: true, count: 11 });
        } finally {
          await target.dispose();
        }
      });
    });

    it('the database refuses a raw UPDATE, DELETE or upsert of a stored node; the tree is unchanged', async () => {
      await withEngine(engine, {}, async ({ store, raw }) => {
        await store.append([{ stream: 'action:T1', events: comments('n', 8) }]);
        const before = await raw.nodes.all();
        expect(Object.keys(before).sort()).toEqual(['1/0', '1/1', '1/2', '1/3', '2/0', '2/1', '3/0']);
        for (const [level, index] of [
          [1, 0],
          [2, 1],
          [3, 0],
        ] as const) {
          await rejectionOf(raw.nodes.tryUpdate(level, index, 'f'.repeat(64)));
          await rejectionOf(raw.nodes.tryDelete(level, index));
          await rejectionOf(raw.nodes.tryReplace(level, index, 'f'.repeat(64)));
        }
        expect(await raw.nodes.all()).toEqual(before);
        const ledger = await ledgerOn(store);
        expect(await ledger.verify()).toMatchObject({ ok: true, count: 8 });
      });
    });

    it('verify reports a tampered node as a tree-mismatch at the event that completes it', async () => {
      await withEngine(engine, {}, async ({ store, raw }) => {
        await store.append([{ stream: 'action:T1', events: comments('v', 7) }]);
        await raw.nodes.tamper(1, 2, 'a'.repeat(64));
        const ledger = await ledgerOn(store);
        const result = await ledger.verify();
        expect(result).toMatchObject({ ok: false, break: { kind: 'tree-mismatch', position: 6 } });
        // The break names the node (level 1, index 2: events 5–6).
        if (!result.ok) expect(result.break.message).toContain('node 1/2 (events 5–6)');
      });
    });

    it('sizes and positions outside the log are refused with TREE_RANGE_INVALID; nothing is written', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const ledger = await ledgerOn(store);
        await expectLedgerError(ledger.tree.inclusionProof(1), 'TREE_RANGE_INVALID');
        await store.append([{ stream: 'action:T1', events: comments('r', 5) }]);
        const before = await snapshotOf(store);
        for (const refused of [
          () => ledger.tree.head(6),
          () => ledger.tree.head(-1),
          () => ledger.tree.head(2.5),
          () => ledger.tree.inclusionProof(0),
          () => ledger.tree.inclusionProof(6),
          () => ledger.tree.inclusionProof(4, 3),
          () => ledger.tree.inclusionProof(1, 6),
          () => ledger.tree.consistencyProof(4, 3),
          () => ledger.tree.consistencyProof(2, 6),
          () => ledger.tree.consistencyProof(-1),
        ]) {
          await expectLedgerError(refused(), 'TREE_RANGE_INVALID');
        }
        expect(await snapshotOf(store)).toEqual(before);
      });
    });

    it('a read-only handle serves the same heads and proofs', async () => {
      await withEngine(engine, {}, async ({ store, reopenReadonly }) => {
        await play(store, [[{ stream: 'action:T1', count: 3 }], [{ stream: 'action:T2', count: 3 }]]);
        const reader = await reopenReadonly();
        const writerTree = (await ledgerOn(store)).tree;
        const readerTree = (await ledgerOn(reader)).tree;
        expect(await readerTree.head()).toEqual(await writerTree.head());
        expect(await readerTree.inclusionProof(5)).toEqual(await writerTree.inclusionProof(5));
        expect(await readerTree.consistencyProof(3)).toEqual(await writerTree.consistencyProof(3));
        await expectTreeOfChain(reader);
      });
    });
  });
}
