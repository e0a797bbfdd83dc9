import { TreeBuilder } from '@perfledger/core';
import type { RawNodeAccess } from '@perfledger/core/conformance';
import Database from 'better-sqlite3';

/** Runs `work` on a connection of its own to the file, as another client of the database. */
function withConnection<T>(file: string, work: (db: Database.Database) => T): T {
  const db = new Database(file, { fileMustExist: true, timeout: 5_000 });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/**
 * Another client's access to a SQLite ledger's `merkle_nodes`: the plain writes its triggers must
 * refuse, and the owner's tampering that drops them first.
 *
 * @example
 * ```ts
 * await rawSqliteTree('/tmp/ledger.db').tamper(1, 0, 'f'.repeat(64));
 * ```
 */
export function rawSqliteTree(file: string): RawNodeAccess {
  return {
    async tryUpdate(level, index, hash) {
      withConnection(file, (db) => {
        db.prepare('UPDATE merkle_nodes SET hash = ? WHERE level = ? AND idx = ?').run(hash, level, index);
      });
    },
    async tryDelete(level, index) {
      withConnection(file, (db) => {
        db.prepare('DELETE FROM merkle_nodes WHERE level = ? AND idx = ?').run(level, index);
      });
    },
    async tryReplace(level, index, hash) {
      withConnection(file, (db) => {
        db.prepare('INSERT OR REPLACE INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)').run(
          level,
          index,
          hash,
        );
      });
    },
    async tamper(level, index, hash) {
      withConnection(file, (db) => {
        db.transaction(() => {
          const triggers = db
            .prepare(
              "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'merkle_nodes'",
            )
            .all() as { name: string; sql: string }[];
          for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
          const changed = db
            .prepare('UPDATE merkle_nodes SET hash = ? WHERE level = ? AND idx = ?')
            .run(hash, level, index);
          if (changed.changes !== 1) throw new RangeError(`there is no stored node ${level}/${index}`);
          for (const { sql } of triggers) db.exec(sql);
        })();
      });
    },
    async all() {
      return withConnection(file, (db) => {
        const rows = db
          .prepare('SELECT level, idx, hash FROM merkle_nodes ORDER BY level, idx')
          .raw(true)
          .all() as [number, number, string][];
        return Object.fromEntries(rows.map(([level, index, hash]) => [`${level}/${index}`, hash]));
      });
    },
  };
}

/**
 * Stores the nodes of the tree over every event that are not stored yet, on the connection
 * given: what an append would have written for rows inserted behind the library's back.
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
