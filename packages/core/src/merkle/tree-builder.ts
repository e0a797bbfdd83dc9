import { extendTree, type MerkleNode } from './extend-tree.js';
import { eventLeafHash, type MerkleHash } from './merkle-hash.js';

/**
 * Builds the tree of a log from its events' hashes in position order, a batch at a time, keeping
 * only the frontier in memory: what a migration or a rebuild stores, and what `verify` compares
 * with the stored nodes. Each {@link TreeBuilder.push} returns the interior nodes the batch completed.
 *
 * @example
 * ```ts
 * const builder = new TreeBuilder();
 * for await (const rows of store.chainRows(0, head.position)) insert(builder.push(rows.map((row) => row.hash)));
 * ```
 */
export class TreeBuilder {
  #size = 0;
  #frontier: readonly MerkleHash[] = [];

  /** The number of leaves pushed so far. */
  get size(): number {
    return this.#size;
  }

  /** Adds the next events (their chain hashes); returns the interior nodes they completed. */
  push(eventHashes: readonly string[]): readonly MerkleNode[] {
    const extension = extendTree(this.#size, this.#frontier, eventHashes.map(eventLeafHash));
    this.#size += eventHashes.length;
    this.#frontier = extension.frontier.map((node) => node.hash);
    return extension.completed;
  }
}
