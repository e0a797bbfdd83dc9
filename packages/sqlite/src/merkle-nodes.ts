import {
  eventLeafHash,
  extendTree,
  frontierNeeded,
  IntegrityError,
  type MerkleHash,
  type MerkleNodeRef,
  merkleRootOf,
  TreeBuilder,
} from '@perfledger/core';
import type Database from 'better-sqlite3';

/**
 * The schema version that added `merkle_nodes`: files migrated from before it have their tree
 * built from the chain in the same transaction.
 */
export const MERKLE_SCHEMA_VERSION = 4;

/**
 * Migration 4: the complete subtrees (level ≥ 1) of the RFC 6962 Merkle tree over the log, one row
 * per node, written as appends complete them; level 0 is read from `events.hash`. Append-only like
 * the events: UPDATE, DELETE and an insert over a stored node are refused by triggers.
 */
export const MERKLE_MIGRATION = `
  CREATE TABLE merkle_nodes (
    level INTEGER NOT NULL CHECK (level >= 1),
    idx INTEGER NOT NULL CHECK (idx >= 0),
    hash TEXT NOT NULL,
    PRIMARY KEY (level, idx)
  ) STRICT, WITHOUT ROWID;
  CREATE TRIGGER merkle_nodes_are_append_only_update BEFORE UPDATE ON merkle_nodes
    BEGIN SELECT RAISE(ABORT, 'perfledger: Merkle tree nodes are immutable; UPDATE is not allowed'); END;
  CREATE TRIGGER merkle_nodes_are_append_only_delete BEFORE DELETE ON merkle_nodes
    BEGIN SELECT RAISE(ABORT, 'perfledger: Merkle tree nodes are immutable; DELETE is not allowed'); END;
  CREATE TRIGGER merkle_nodes_are_append_only_replace BEFORE INSERT ON merkle_nodes
    WHEN EXISTS (SELECT 1 FROM merkle_nodes WHERE level = NEW.level AND idx = NEW.idx)
    BEGIN SELECT RAISE(ABORT, 'perfledger: Merkle tree nodes are immutable; an insert over a stored node is not allowed'); END;
`;

/** Events read per batch when the tree is built from the chain. */
const BUILD_BATCH = 10_000;

/**
 * Builds `merkle_nodes` from the stored chain, streaming the events' hashes in position order
 * (memory holds one batch and the frontier). Runs inside the migration's transaction.
 *
 * @example
 * ```ts
 * db.exec(MERKLE_MIGRATION);
 * buildStoredTree(db);
 * ```
 */
export function buildStoredTree(db: Database.Database): void {
  const read = db
    .prepare('SELECT position, hash FROM events WHERE position > ? ORDER BY position LIMIT ?')
    .raw(true);
  const insert = db.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
  const builder = new TreeBuilder();
  for (;;) {
    const rows = read.all(builder.size, BUILD_BATCH) as [number, string][];
    if (rows.length === 0) return;
    for (const node of builder.push(rows.map((row) => row[1]))) insert.run(node.level, node.index, node.hash);
    if (rows.length < BUILD_BATCH) return;
  }
}

/**
 * The stored Merkle tree of one SQLite connection: reads of complete subtrees (level 0 from the
 * events' hashes) and the nodes an append completes. A read-only handle on a file from before
 * schema 4 has no `merkle_nodes`; it computes the nodes it is asked for from the events instead.
 */
export class SqliteMerkleNodes {
  readonly #db: Database.Database;
  readonly #leaf: Database.Statement;
  #get: Database.Statement | undefined;
  #insert: Database.Statement | undefined;
  #stored: boolean | undefined;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#leaf = db.prepare('SELECT hash FROM events WHERE position = ?').pluck();
  }

  /** The hashes of `refs`, in order; `TREE_MISMATCH` naming the first one not stored. */
  read(refs: readonly MerkleNodeRef[]): MerkleHash[] {
    return refs.map((ref) => this.#node(ref));
  }

  /**
   * Stores the nodes that appending `eventHashes` to a log of `size` events (whose last event
   * hashes to `headHash`) completes: O(log n) per append. Call inside the append's transaction.
   */
  extend(size: number, headHash: string, eventHashes: readonly string[]): void {
    const needed = frontierNeeded(size, eventHashes.length);
    const frontier = needed.map((ref) => (ref.level === 0 ? eventLeafHash(headHash) : this.#node(ref)));
    const { completed } = extendTree(size, frontier, eventHashes.map(eventLeafHash));
    if (completed.length === 0) return;
    this.#insert ??= this.#db.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
    for (const node of completed) this.#insert.run(node.level, node.index, node.hash);
  }

  #node(ref: MerkleNodeRef): MerkleHash {
    if (ref.level === 0) {
      const hash = this.#leaf.get(ref.index + 1) as string | undefined;
      if (hash === undefined) throw missing(ref);
      return eventLeafHash(hash);
    }
    if (!this.#hasTable()) return this.#computed(ref);
    this.#get ??= this.#db.prepare('SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?').pluck();
    const hash = this.#get.get(ref.level, ref.index) as string | undefined;
    if (hash === undefined) throw missing(ref);
    return hash;
  }

  #hasTable(): boolean {
    this.#stored ??=
      this.#db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'merkle_nodes'").get() !==
      undefined;
    return this.#stored;
  }

  /** A node computed from its events (a file from before schema 4, read as it is). */
  #computed(ref: MerkleNodeRef): MerkleHash {
    const width = 2 ** ref.level;
    const first = ref.index * width + 1;
    const hashes = this.#db
      .prepare('SELECT hash FROM events WHERE position BETWEEN ? AND ? ORDER BY position')
      .pluck()
      .all(first, first + width - 1) as string[];
    if (hashes.length !== width) throw missing(ref);
    return merkleRootOf(hashes.map(eventLeafHash));
  }
}

function missing(ref: MerkleNodeRef): IntegrityError {
  return new IntegrityError(
    'TREE_MISMATCH',
    `the Merkle tree node ${ref.level}/${ref.index} (events ${ref.index * 2 ** ref.level + 1}–${(ref.index + 1) * 2 ** ref.level}) is not stored`,
  );
}
