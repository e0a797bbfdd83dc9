import {
  eventLeafHash,
  extendTree,
  IntegrityError,
  type MerkleHash,
  type MerkleNode,
  type MerkleNodeRef,
  merkleRootOf,
  perfectSubtrees,
  TreeBuilder,
} from '@perfledger/core';
import type { SqlClient } from './sql-client.js';

/** The schema version that added `merkle_nodes`; a migration to it builds the tree from the chain. */
export const MERKLE_SCHEMA_VERSION = 2;

/**
 * Migration 2: the complete subtrees (level ≥ 1) of the RFC 6962 Merkle tree over the log, one
 * row per node, written by each append in the statement that writes its events; level 0 is read
 * from `events.hash`. Append-only like the events: a statement trigger refuses UPDATE, DELETE and
 * TRUNCATE (and so an `INSERT … ON CONFLICT DO UPDATE` over a stored node).
 *
 * @example
 * ```ts
 * await client.script(merkleMigrationSql('perfledger_x'));
 * ```
 */
export function merkleMigrationSql(schema: string): string {
  const s = `"${schema}"`;
  return `
    CREATE TABLE ${s}.merkle_nodes (
      level integer NOT NULL CHECK (level >= 1),
      idx bigint NOT NULL CHECK (idx >= 0),
      hash text NOT NULL,
      PRIMARY KEY (level, idx)
    );
    CREATE FUNCTION ${s}.merkle_nodes_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'perfledger: Merkle tree nodes are immutable; % is not allowed', TG_OP
          USING ERRCODE = 'P0001', HINT = 'The tree is derived from the append-only log and grows with it.';
      END
    $fn$;
    CREATE TRIGGER merkle_nodes_are_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${s}.merkle_nodes
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.merkle_nodes_are_append_only();
  `;
}

/** Events read per batch when the tree is built from the chain. */
const BUILD_BATCH = 10_000;

/**
 * Builds `merkle_nodes` from the stored chain, streaming the events' hashes in position order
 * (memory holds one batch and the frontier). Runs inside the migration's transaction.
 *
 * @example
 * ```ts
 * await buildStoredTree(client, 'perfledger_x');
 * ```
 */
export async function buildStoredTree(client: SqlClient, schema: string): Promise<void> {
  const s = `"${schema}"`;
  const builder = new TreeBuilder();
  for (;;) {
    const rows = (
      await client.query<[string]>(
        `SELECT hash FROM ${s}.events WHERE position > $1 ORDER BY position LIMIT $2`,
        [builder.size, BUILD_BATCH],
        { arrays: true },
      )
    ).rows;
    if (rows.length === 0) return;
    const nodes = builder.push(rows.map((row) => row[0]));
    if (nodes.length > 0) {
      await client.query(
        `INSERT INTO ${s}.merkle_nodes (level, idx, hash) SELECT * FROM unnest($1::integer[], $2::bigint[], $3::text[])`,
        [nodes.map((node) => node.level), nodes.map((node) => node.index), nodes.map((node) => node.hash)],
      );
    }
    if (rows.length < BUILD_BATCH) return;
  }
}

/**
 * A statement (to run right after the head is locked) that reads the stored frontier of the
 * tree at the head: for each set bit `level ≥ 1` of the head position, the node
 * `(level, ⌊position / 2^level⌋ − 1)`. One index probe per level.
 */
export function frontierSql(s: string): string {
  return `SELECT m.level, m.hash FROM ${s}.ledger_head h
    CROSS JOIN generate_series(1, 62) AS l(level)
    JOIN ${s}.merkle_nodes m ON m.level = l.level AND m.idx = (h.position >> l.level) - 1
    WHERE h.id = 1 AND ((h.position >> l.level) & 1) = 1;`;
}

/**
 * The interior nodes that appending `eventHashes` to a log of `size` events completes, from the
 * stored frontier (`frontierRows`, as {@link frontierSql} reads it) and the head's hash.
 * `TREE_MISMATCH` when a frontier node is not stored.
 */
export function completedNodes(
  size: number,
  headHash: string,
  frontierRows: readonly (readonly [number, string])[],
  eventHashes: readonly string[],
): readonly MerkleNode[] {
  const byLevel = new Map(frontierRows.map(([level, hash]) => [Number(level), hash]));
  const frontier = perfectSubtrees(0, size).map((ref) => {
    if (ref.level === 0) return eventLeafHash(headHash);
    const hash = byLevel.get(ref.level);
    if (hash === undefined) throw missing(ref);
    return hash;
  });
  return extendTree(size, frontier, eventHashes.map(eventLeafHash)).completed;
}

/** The nodes as the JSON records the append statement inserts. */
export function nodesJson(nodes: readonly MerkleNode[]): string {
  return JSON.stringify(nodes.map((node) => ({ level: node.level, idx: node.index, hash: node.hash })));
}

/** True when the ledger's schema has `merkle_nodes` (false only for a read-only handle on an older one). */
export async function hasStoredTree(client: SqlClient, schema: string): Promise<boolean> {
  const table = (
    await client.query<[string | null]>('SELECT to_regclass($1)::text', [`"${schema}".merkle_nodes`], {
      arrays: true,
    })
  ).rows[0]?.[0];
  return table !== null && table !== undefined;
}

/**
 * Reads complete subtrees in one round trip: level 0 from `events.hash`, higher levels from
 * `merkle_nodes`. A read-only handle on a ledger from before schema 2 (no `merkle_nodes`)
 * computes them from the events instead. `TREE_MISMATCH` naming the first one not stored.
 */
export async function readNodes(
  client: SqlClient,
  schema: string,
  refs: readonly MerkleNodeRef[],
  stored: boolean,
): Promise<MerkleHash[]> {
  if (refs.length === 0) return [];
  const s = `"${schema}"`;
  const levels = refs.map((ref) => ref.level);
  const indexes = refs.map((ref) => ref.index);
  if (!stored) return computedNodes(client, s, refs);
  const rows = (
    await client.query<[number, string | null]>(
      `SELECT r.level, CASE WHEN r.level = 0 THEN e.hash ELSE m.hash END
       FROM unnest($1::integer[], $2::bigint[]) WITH ORDINALITY AS r(level, idx, ord)
       LEFT JOIN ${s}.merkle_nodes m ON r.level > 0 AND m.level = r.level AND m.idx = r.idx
       LEFT JOIN ${s}.events e ON r.level = 0 AND e.position = r.idx + 1
       ORDER BY r.ord`,
      [levels, indexes],
      { arrays: true },
    )
  ).rows;
  return rows.map(([level, hash], i) => {
    if (hash === null) throw missing(refs[i]!);
    return Number(level) === 0 ? eventLeafHash(hash) : hash;
  });
}

async function computedNodes(
  client: SqlClient,
  s: string,
  refs: readonly MerkleNodeRef[],
): Promise<MerkleHash[]> {
  const hashes: MerkleHash[] = [];
  for (const ref of refs) {
    const width = 2 ** ref.level;
    const first = ref.index * width + 1;
    const rows = (
      await client.query<[string]>(
        `SELECT hash FROM ${s}.events WHERE position BETWEEN $1 AND $2 ORDER BY position`,
        [first, first + width - 1],
        { arrays: true },
      )
    ).rows;
    if (rows.length !== width) throw missing(ref);
    hashes.push(merkleRootOf(rows.map((row) => eventLeafHash(row[0]))));
  }
  return hashes;
}

function missing(ref: MerkleNodeRef): IntegrityError {
  return new IntegrityError(
    'TREE_MISMATCH',
    `the Merkle tree node ${ref.level}/${ref.index} (events ${ref.index * 2 ** ref.level + 1}–${(ref.index + 1) * 2 ** ref.level}) is not stored`,
  );
}
