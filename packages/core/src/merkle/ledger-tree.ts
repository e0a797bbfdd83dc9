import { IntegrityError } from '../integrity/integrity-error.js';
import type { EventStore } from '../store/event-store.js';
import { eventLeafHash, type MerkleHash } from './merkle-hash.js';
import { consistencyProofFrom, inclusionProofFrom, treeRootFrom } from './proofs.js';
import { foldSubtrees, type MerkleNodeSource, perfectSubtrees } from './subtrees.js';
import { checkTreeNumber } from './tree-range.js';

/**
 * The tree head at one size: the RFC 6962 root over the first `size` events' hashes.
 *
 * @example
 * ```ts
 * const { size, rootHash }: TreeHead = await ledger.tree.head();
 * ```
 */
export interface TreeHead {
  readonly size: number;
  readonly rootHash: MerkleHash;
}

/**
 * That the event at `position` is in the tree of `size` events: check it with
 * `verifyInclusion(leafHash, position - 1, size, path, rootHash)`.
 *
 * @example
 * ```ts
 * const proof: InclusionProof = await ledger.tree.inclusionProof(42);
 * verifyInclusion(proof.leafHash, proof.position - 1, proof.size, proof.path, proof.rootHash);
 * ```
 */
export interface InclusionProof {
  /** The event's position (1-based); its leaf index is `position - 1`. */
  readonly position: number;
  /** The event's stored chain hash: the leaf's input. */
  readonly eventHash: string;
  /** `eventLeafHash(eventHash)`. */
  readonly leafHash: MerkleHash;
  readonly size: number;
  readonly rootHash: MerkleHash;
  /** Sibling hashes from the leaf upwards (RFC 9162 §2.1.3). */
  readonly path: readonly MerkleHash[];
}

/**
 * That the tree of `fromSize` events is a prefix of the tree of `toSize` events: check it with
 * `verifyConsistency(fromSize, toSize, fromRoot, toRoot, path)`.
 *
 * @example
 * ```ts
 * const proof: ConsistencyProof = await ledger.tree.consistencyProof(checkpoint.size);
 * verifyConsistency(proof.fromSize, proof.toSize, proof.fromRoot, proof.toRoot, proof.path);
 * ```
 */
export interface ConsistencyProof {
  readonly fromSize: number;
  readonly toSize: number;
  readonly fromRoot: MerkleHash;
  readonly toRoot: MerkleHash;
  /** RFC 9162 §2.1.4 consistency proof; empty when `fromSize` is 0 or equals `toSize`. */
  readonly path: readonly MerkleHash[];
}

/**
 * The Merkle tree over a ledger's log, served from the nodes its engine stores: tree heads at any
 * size, inclusion and consistency proofs. Sizes count events; a size defaults to the log's head.
 * A size beyond the head, or a position outside the tree, is refused with `IntegrityError`
 * `TREE_RANGE_INVALID`. Each call reads its nodes in one store call, so a proof costs O(log n).
 *
 * @example
 * ```ts
 * const head = await ledger.tree.head();
 * const proof = await ledger.tree.inclusionProof(1, head.size);
 * ```
 */
export class LedgerTree {
  readonly #store: EventStore;
  readonly #source: MerkleNodeSource;

  /** Use `ledger.tree`. */
  constructor(store: EventStore) {
    this.#store = store;
    this.#source = (refs) => store.merkleNodes(refs);
  }

  /**
   * The tree head at `size` events (the log's head by default).
   *
   * @example
   * ```ts
   * const { rootHash } = await ledger.tree.head(100);
   * ```
   */
  async head(size?: number): Promise<TreeHead> {
    const treeSize = await this.#size(size, 'tree size');
    return { size: treeSize, rootHash: await treeRootFrom(treeSize, this.#source) };
  }

  /**
   * The inclusion proof of the event at `position` (1-based) in the tree of `size` events (the
   * log's head by default), with the root it leads to.
   *
   * @example
   * ```ts
   * const { path, rootHash } = await ledger.tree.inclusionProof(7);
   * ```
   */
  async inclusionProof(position: number, size?: number): Promise<InclusionProof> {
    const treeSize = await this.#size(size, 'tree size');
    if (treeSize === 0) {
      throw new IntegrityError(
        'TREE_RANGE_INVALID',
        `the tree of 0 events has no event at position ${String(position)}`,
      );
    }
    checkTreeNumber(position, `position in a tree of ${treeSize} events`, 1, treeSize);
    const index = position - 1;
    // One read of nodes: the frontier (for the root) and the path's.
    const frontier = perfectSubtrees(0, treeSize);
    let frontierHashes: readonly MerkleHash[] = [];
    const path = await inclusionProofFrom(index, treeSize, async (refs) => {
      const hashes = await this.#store.merkleNodes([...frontier, ...refs]);
      frontierHashes = hashes.slice(0, frontier.length);
      return hashes.slice(frontier.length);
    });
    const eventHash = await this.#store.hashAt(position);
    if (eventHash === undefined) {
      throw new IntegrityError(
        'TREE_MISMATCH',
        `the log has no event at position ${position}, inside its head`,
      );
    }
    return {
      position,
      eventHash,
      leafHash: eventLeafHash(eventHash),
      size: treeSize,
      rootHash: foldSubtrees(frontierHashes),
      path,
    };
  }

  /**
   * The consistency proof from the tree of `fromSize` events to the tree of `toSize` (the log's
   * head by default), with both roots.
   *
   * @example
   * ```ts
   * const { path } = await ledger.tree.consistencyProof(checkpoint.size);
   * ```
   */
  async consistencyProof(fromSize: number, toSize?: number): Promise<ConsistencyProof> {
    const to = await this.#size(toSize, 'tree size');
    checkTreeNumber(fromSize, 'earlier tree size', 0, to);
    const [fromHead, toHead, path] = await Promise.all([
      treeRootFrom(fromSize, this.#source),
      treeRootFrom(to, this.#source),
      consistencyProofFrom(fromSize, to, this.#source),
    ]);
    return { fromSize, toSize: to, fromRoot: fromHead, toRoot: toHead, path };
  }

  async #size(size: number | undefined, what: string): Promise<number> {
    const head = (await this.#store.head()).position;
    if (size === undefined) return head;
    return checkTreeNumber(size, `${what} (the log has ${head} events)`, 0, head);
  }
}
