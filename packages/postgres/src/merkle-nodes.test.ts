import { PGlite } from '@electric-sql/pglite';
import type { EventStore } from '@perfledger/core';
import { createLedger, eventLeafHash, merkleRootOf, TreeBuilder } from '@perfledger/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaOf } from './schema.js';
import { allChainRows, comment } from './test-support/fixtures.js';
import { pgliteStore, uniqueLedgerName } from './testing/index.js';

let db: PGlite;

/** `count` appends of one event each, then one of three events. */
async function appendSome(store: EventStore, label: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await store.append([{ stream: 'action:M1', events: [comment(`${label}${i}`)] }]);
  await store.append([
    { stream: 'action:M2', events: [comment(`${label}a`), comment(`${label}b`), comment(`${label}c`)] },
  ]);
}
beforeAll(async () => {
  db = await PGlite.create();
});
afterAll(async () => {
  await db.close();
});

async function nodesOf(schema: string): Promise<Record<string, string>> {
  const rows = (
    await db.query<{ level: number; idx: number | string; hash: string }>(
      `SELECT level, idx, hash FROM "${schema}".merkle_nodes ORDER BY level, idx`,
    )
  ).rows;
  return Object.fromEntries(rows.map((row) => [`${row.level}/${Number(row.idx)}`, row.hash]));
}

describe('schema 2: the Merkle tree of a PostgreSQL ledger', () => {
  it('migrating a version-1 ledger builds the nodes the appends had written; appends continue it', async () => {
    const ledger = uniqueLedgerName('merkle');
    const schema = schemaOf(ledger);
    const store = await pgliteStore({ db, ledger });
    await appendSome(store, 'm', 10);
    const nodes = await nodesOf(schema);
    const hashes = (await allChainRows(store)).map((row) => row.hash);
    expect(nodes).toEqual(
      Object.fromEntries(
        new TreeBuilder().push(hashes).map((node) => [`${node.level}/${node.index}`, node.hash]),
      ),
    );
    await store.close();
    // Back to version 1: no merkle_nodes, no migration 2 recorded.
    await db.exec(`DROP TABLE "${schema}".merkle_nodes; DROP FUNCTION "${schema}".merkle_nodes_are_append_only();
      DELETE FROM "${schema}".schema_migrations WHERE version = 2;`);
    const reader = await pgliteStore({ db, ledger, readonly: true });
    // A read-only handle reads version 1 as it is, computing the nodes from the events.
    const readerLedger = await createLedger({ store: reader });
    expect(await readerLedger.tree.head()).toEqual({
      size: hashes.length,
      rootHash: merkleRootOf(hashes.map(eventLeafHash)),
    });
    await reader.close();
    const migrated = await pgliteStore({ db, ledger });
    expect(await nodesOf(schema)).toEqual(nodes);
    const opened = await createLedger({ store: migrated });
    expect(await opened.verify()).toMatchObject({ ok: true, count: hashes.length });
    await appendSome(migrated, 'n', 2);
    const after = (await allChainRows(migrated)).map((row) => row.hash);
    expect(await opened.tree.head()).toEqual({
      size: after.length,
      rootHash: merkleRootOf(after.map(eventLeafHash)),
    });
    expect(await opened.verify()).toMatchObject({ ok: true, count: after.length });
    await migrated.close();
  });
});
