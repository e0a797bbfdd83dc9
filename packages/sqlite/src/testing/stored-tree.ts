import { TreeBuilder } from '@perfledger/core';
import type Database from 'better-sqlite3';

/**
 * Stores the Merkle nodes of every complete subtree of the log that `merkle_nodes` lacks, on the
 * connection given (inside its transaction): what the appends would have written for rows
 * inserted behind the library's back, as an older build's rows get when a migration builds the
 * tree. Nodes already stored are left as they are.
 *
 * @example
 * ```ts
 * db.prepare('INSERT INTO events …').run(…);
 * completeStoredTree(db);
 * ```
 */
export function completeStoredTree(db: Database.Database): void {
  const hashes = db.prepare('SELECT hash FROM events ORDER BY position').pluck().all() as string[];
  const stored = new Set(
    (db.prepare('SELECT level, idx FROM merkle_nodes').raw(true).all() as [number, number][]).map(
      ([level, index]) => `${level}/${index}`,
    ),
  );
  const insert = db.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
  for (const node of new TreeBuilder().push(hashes)) {
    if (!stored.has(`${node.level}/${node.index}`)) insert.run(node.level, node.index, node.hash);
  }
}

/**
 * Replaces every stored Merkle node by the tree of the log as it now is, as the database's owner
 * could (dropping the table's triggers and restoring them): what a forger who recomputes every
 * hash of a rewritten history does to the tree too. On the connection given, inside its transaction.
 *
 * @example
 * ```ts
 * rewriteHistory(db);
 * rebuildStoredTree(db);
 * ```
 */
export function rebuildStoredTree(db: Database.Database): void {
  const triggers = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'merkle_nodes'")
    .all() as { name: string; sql: string }[];
  for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
  db.exec('DELETE FROM merkle_nodes');
  completeStoredTree(db);
  for (const { sql } of triggers) db.exec(sql);
}
