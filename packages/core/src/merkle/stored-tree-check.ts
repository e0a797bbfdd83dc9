import type { ChainBreak } from '../chain/verify-result.js';
import { IntegrityError } from '../integrity/integrity-error.js';
import type { EventStore } from '../store/event-store.js';
import { TreeBuilder } from './tree-builder.js';

/**
 * Compares the engine's stored Merkle nodes with the tree computed from the chain, a batch of
 * event hashes at a time (in position order from the genesis): a full verification's second
 * check. Resolves to the first `tree-mismatch` break, naming the event that completes the node.
 */
export class StoredTreeCheck {
  readonly #store: EventStore;
  readonly #builder = new TreeBuilder();

  constructor(store: EventStore) {
    this.#store = store;
  }

  async push(eventHashes: readonly string[]): Promise<ChainBreak | undefined> {
    const computed = this.#builder.push(eventHashes);
    if (computed.length === 0) return undefined;
    let stored: readonly string[];
    try {
      stored = await this.#store.merkleNodes(computed);
    } catch (error) {
      if (!(error instanceof IntegrityError && error.code === 'TREE_MISMATCH')) throw error;
      const first = await this.#firstMissing(computed);
      return first;
    }
    for (let i = 0; i < computed.length; i++) {
      const node = computed[i]!;
      if (stored[i] !== node.hash)
        return mismatch(
          node,
          `is ${String(stored[i]).slice(0, 12)}…, not the ${node.hash.slice(0, 12)}… computed from the chain`,
        );
    }
    return undefined;
  }

  async #firstMissing(nodes: readonly { level: number; index: number }[]): Promise<ChainBreak> {
    for (const node of nodes) {
      try {
        await this.#store.merkleNodes([node]);
      } catch (error) {
        if (error instanceof IntegrityError && error.code === 'TREE_MISMATCH')
          return mismatch(node, 'is not stored');
        throw error;
      }
    }
    return mismatch(nodes[0]!, 'could not be read');
  }
}

function mismatch(node: { level: number; index: number }, what: string): ChainBreak {
  const position = (node.index + 1) * 2 ** node.level;
  return {
    kind: 'tree-mismatch',
    position,
    message: `tree-mismatch at position ${position}: the stored Merkle node ${node.level}/${node.index} (events ${node.index * 2 ** node.level + 1}–${position}) ${what}`,
  };
}
