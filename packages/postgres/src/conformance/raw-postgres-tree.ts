import { TreeBuilder } from '@perfledger/core';
import type { RawNodeAccess } from '@perfledger/core/conformance';
import type { RawQuery, RawRunner } from './raw-postgres-events.js';

/**
 * Another client's access to a PostgreSQL ledger's `merkle_nodes`: the plain writes its trigger
 * must refuse, and the owner's tampering, which disables the trigger inside a transaction of its
 * own and enables it again before committing.
 *
 * @example
 * ```ts
 * await rawPostgresTree(run, 'perfledger_x').tamper(1, 0, 'f'.repeat(64));
 * ```
 */
export function rawPostgresTree(run: RawRunner, schema: string): RawNodeAccess {
  const s = `"${schema}"`;
  return {
    async tryUpdate(level, index, hash) {
      await run((query) =>
        query(`UPDATE ${s}.merkle_nodes SET hash = $1 WHERE level = $2 AND idx = $3`, [hash, level, index]),
      );
    },
    async tryDelete(level, index) {
      await run((query) =>
        query(`DELETE FROM ${s}.merkle_nodes WHERE level = $1 AND idx = $2`, [level, index]),
      );
    },
    async tryReplace(level, index, hash) {
      await run((query) =>
        query(
          `INSERT INTO ${s}.merkle_nodes (level, idx, hash) VALUES ($1, $2, $3) ON CONFLICT (level, idx) DO UPDATE SET hash = excluded.hash`,
          [level, index, hash],
        ),
      );
    },
    async tamper(level, index, hash) {
      await run(async (query) => {
        await query('BEGIN');
        try {
          await query(`ALTER TABLE ${s}.merkle_nodes DISABLE TRIGGER merkle_nodes_are_append_only`);
          const changed = await query(
            `UPDATE ${s}.merkle_nodes SET hash = $1 WHERE level = $2 AND idx = $3 RETURNING 1`,
            [hash, level, index],
          );
          if (changed.rows.length !== 1) throw new RangeError(`there is no stored node ${level}/${index}`);
          await query(`ALTER TABLE ${s}.merkle_nodes ENABLE TRIGGER merkle_nodes_are_append_only`);
          await query('COMMIT');
        } catch (error) {
          await query('ROLLBACK');
          throw error;
        }
      });
    },
    async all() {
      return run(async (query) => {
        const rows = (await query(`SELECT level, idx, hash FROM ${s}.merkle_nodes ORDER BY level, idx`))
          .rows as {
          level: number | string;
          idx: number | string;
          hash: string;
        }[];
        return Object.fromEntries(rows.map((row) => [`${Number(row.level)}/${Number(row.idx)}`, row.hash]));
      });
    },
  };
}

/**
 * Stores the nodes of the tree over every event that are not stored yet, on the raw session:
 * what an append would have written for rows inserted behind the library's back.
 */
export async function completeStoredTree(query: RawQuery, schema: string): Promise<void> {
  const s = `"${schema}"`;
  const hashes = (
    (await query(`SELECT hash FROM ${s}.events ORDER BY position`)).rows as { hash: string }[]
  ).map((row) => row.hash);
  const nodes = new TreeBuilder().push(hashes);
  if (nodes.length === 0) return;
  await query(
    `INSERT INTO ${s}.merkle_nodes (level, idx, hash) SELECT * FROM unnest($1::integer[], $2::bigint[], $3::text[]) ON CONFLICT DO NOTHING`,
    [nodes.map((node) => node.level), nodes.map((node) => node.index), nodes.map((node) => node.hash)],
  );
}
