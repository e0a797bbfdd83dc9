import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CommandInput,
  eventLeafHash,
  type Ledger,
  merkleRootOf,
  TreeBuilder,
  verifyConsistency,
  verifyInclusion,
} from '@perfledger/core';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, openReadonlyLedger } from './open-ledger.js';

const dirs: string[] = [];
const ledgers: Ledger[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-merkle-'));
  dirs.push(dir);
  return join(dir, 'ledger.db');
}

const register = (code: string): CommandInput => ({
  type: 'RegisterAction',
  code,
  effectiveOn: '2023-04-01',
  title: `Action ${code}`,
  plan: 'Corporate Plan 2018-23',
  directorate: 'Finance',
  section: 'Digital',
  dueDate: '2024-03-31',
  statusKey: 'rag',
});

/** A file of `count` events whose `merkle_nodes` is dropped and `user_version` set back to 3. */
async function schema3File(count: number): Promise<{ file: string; nodes: Record<string, string> }> {
  const file = newFile();
  const ledger = await openLedger({ file });
  for (let i = 0; i < count; i++) await ledger.execute(register(`M${i}`));
  await ledger.close();
  const db = new Database(file);
  const nodes = nodesOf(db);
  // As schema 3 left it: no merkle_nodes (migration 4), no personal-data tables (migration 5).
  db.exec('DROP TABLE merkle_nodes; DROP TABLE personal_data; DROP TABLE personal_data_erased');
  db.pragma('user_version = 3');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { file, nodes };
}

function nodesOf(db: Database.Database): Record<string, string> {
  const rows = db
    .prepare('SELECT level, idx, hash FROM merkle_nodes ORDER BY level, idx')
    .raw(true)
    .all() as [number, number, string][];
  return Object.fromEntries(rows.map(([level, index, hash]) => [`${level}/${index}`, hash]));
}

function chainHashes(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT hash FROM events ORDER BY position').pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('schema 4: the Merkle tree of a SQLite ledger', () => {
  it('a writer migrating a version-3 file builds the same nodes the appends had written', async () => {
    const { file, nodes } = await schema3File(13);
    expect(Object.keys(nodes)).toHaveLength(13 - 3); // 6 + 3 + 1 complete subtrees of 13 leaves
    const ledger = await openLedger({ file });
    ledgers.push(ledger);
    const db = new Database(file, { readonly: true });
    expect(nodesOf(db)).toEqual(nodes);
    db.close();
    const leaves = chainHashes(file).map(eventLeafHash);
    expect(await ledger.tree.head()).toEqual({ size: 13, rootHash: merkleRootOf(leaves) });
    expect(await ledger.verify()).toMatchObject({ ok: true, count: 13 });
    // Appends continue the migrated tree.
    await ledger.execute(register('M13'));
    expect(await ledger.tree.head()).toEqual({
      size: 14,
      rootHash: merkleRootOf(chainHashes(file).map(eventLeafHash)),
    });
  });

  it('a read-only handle on a version-3 file computes the tree from the events, writing nothing', async () => {
    const { file } = await schema3File(6);
    const reader = await openReadonlyLedger(file);
    ledgers.push(reader);
    const leaves = chainHashes(file).map(eventLeafHash);
    const head = await reader.tree.head();
    expect(head).toEqual({ size: 6, rootHash: merkleRootOf(leaves) });
    const inclusion = await reader.tree.inclusionProof(3);
    verifyInclusion(inclusion.leafHash, 2, 6, inclusion.path, head.rootHash);
    const consistency = await reader.tree.consistencyProof(5);
    verifyConsistency(5, 6, merkleRootOf(leaves.slice(0, 5)), head.rootHash, consistency.path);
    expect(await reader.verify()).toMatchObject({ ok: true, count: 6 });
  });

  it('the nodes stored by appends of one event each equal a TreeBuilder over the chain', async () => {
    const file = newFile();
    const ledger = await openLedger({ file });
    ledgers.push(ledger);
    for (let i = 0; i < 17; i++) await ledger.execute(register(`B${i}`));
    await ledger.executeAll([register('C1'), register('C2'), register('C3')]);
    const expected = Object.fromEntries(
      new TreeBuilder().push(chainHashes(file)).map((node) => [`${node.level}/${node.index}`, node.hash]),
    );
    const db = new Database(file, { readonly: true });
    expect(nodesOf(db)).toEqual(expected);
    db.close();
  });
});
