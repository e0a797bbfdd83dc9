import {
  consistencyProofFrom,
  inclusionProofFrom,
  type MerkleNodeRef,
  perfectSubtrees,
  verifyConsistency,
  verifyInclusion,
} from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import { SqliteMerkleNodes } from '@perfledger/sqlite/internal';
import type Database from 'better-sqlite3';
import type { Dataset } from './dataset.js';
import { ratePerSecond, Stopwatch } from './measure.js';
import { removeDatabase, scratchFile } from './paths.js';
import {
  assertSameSettings,
  createRawDatabase,
  EVENT_COLUMNS,
  ledgerSettings,
  openRawReader,
  prepareInsert,
  type RawRow,
  settingsOf,
} from './raw-sqlite.js';
import { RealisticEvents, toRequest } from './realistic-events.js';
import { type BenchRow, rateRow } from './report.js';

/** Sizes of the merkle-append case: `actions × rounds` single appends, and batches of `batch`. */
export interface MerkleAppendSize {
  readonly actions: number;
  readonly rounds: number;
  readonly batch: number;
}

/** Index of `hash` in a raw events row (EVENT_COLUMNS order). */
const HASH = 15;

/**
 * `merkle-append` (durability `normal`, where no fsync hides the code path): three interleaved
 * stopwatches over the same rows. (1) `ledger.append`, which maintains the tree; (2) raw inserts
 * of the rows it wrote into a second file, one transaction each (the append-single baseline);
 * (3) the same raw inserts plus the engine's own tree maintenance (`SqliteMerkleNodes.extend`:
 * the frontier read, the leaf and node hashes, the node inserts) in the same transaction. The
 * tree's cost per append is (3) − (2); the "without tree" row sets ledger.append against itself
 * with that cost taken out, which is what the "within 15 %" is judged on. Then the same
 * for batches through `appendMany`.
 *
 * @example
 * ```ts
 * const rows = await merkleAppend({ actions: 1_000, rounds: 20, batch: 1_000 });
 * ```
 */
export async function merkleAppend(size: MerkleAppendSize): Promise<BenchRow[]> {
  await single(new RealisticEvents({ actions: 100, eventsPerAction: 3, seed: 11 }));
  const one = await single(new RealisticEvents({ actions: size.actions, eventsPerAction: size.rounds }));
  const many = await batched(
    new RealisticEvents({ actions: size.actions, eventsPerAction: size.rounds }),
    size.batch,
  );
  return [
    ...rowsOf('merkle-append [normal]', 'appends/s', one),
    ...rowsOf('merkle-append batch [normal]', 'events/s', many),
  ];
}

interface ThreeWay {
  readonly items: number;
  readonly ledger: Stopwatch;
  readonly raw: Stopwatch;
  readonly rawWithTree: Stopwatch;
}

function rowsOf(name: string, unit: string, run: ThreeWay): BenchRow[] {
  const treeMs = Math.max(0, run.rawWithTree.ms - run.raw.ms);
  const perItemUs = (ms: number) => ((ms * 1000) / run.items).toFixed(1);
  const share = run.ledger.ms > 0 ? (treeMs / run.ledger.ms) * 100 : 0;
  return [
    rateRow(
      name,
      unit,
      ratePerSecond(run.items, run.ledger.ms),
      ratePerSecond(run.items, run.raw.ms),
      'raw better-sqlite3',
      undefined,
      `tree maintained; ${perItemUs(run.ledger.ms)} µs per item`,
    ),
    rateRow(
      `${name} vs no tree`,
      unit,
      ratePerSecond(run.items, run.ledger.ms),
      ratePerSecond(run.items, Math.max(1e-9, run.ledger.ms - treeMs)),
      'the same appends less the tree work',
      0.85,
      `tree ${perItemUs(treeMs)} µs of ${perItemUs(run.ledger.ms)} µs per item (${share.toFixed(1)} %)`,
    ),
  ];
}

interface Sides {
  readonly oursFile: string;
  readonly rawFile: string;
  readonly treeFile: string;
  readonly raw: Database.Database;
  readonly rawTree: Database.Database;
  readonly tree: SqliteMerkleNodes;
  readonly insert: Database.Statement<unknown[]>;
  readonly insertTree: Database.Statement<unknown[]>;
}

async function openSides(label: string): Promise<Sides> {
  const oursFile = scratchFile(`merkle-append-ours-${label}`);
  const rawFile = scratchFile(`merkle-append-raw-${label}`);
  const treeFile = scratchFile(`merkle-append-tree-${label}`);
  const raw = await createRawDatabase(rawFile, 'normal');
  const rawTree = await createRawDatabase(treeFile, 'normal');
  return {
    oursFile,
    rawFile,
    treeFile,
    raw,
    rawTree,
    tree: new SqliteMerkleNodes(rawTree),
    insert: prepareInsert(raw),
    insertTree: prepareInsert(rawTree),
  };
}

function closeSides(sides: Sides): void {
  sides.raw.close();
  sides.rawTree.close();
  for (const file of [sides.oursFile, sides.rawFile, sides.treeFile]) removeDatabase(file);
}

async function single(generator: RealisticEvents): Promise<ThreeWay> {
  const sides = await openSides('single');
  const ledger = await openLedger({ file: sides.oursFile, durability: 'normal' });
  assertSameSettings(ledgerSettings(sides.oursFile, 'normal'), settingsOf(sides.raw), 'merkle-append');
  const reader = openRawReader(sides.oursFile);
  const readBack = reader.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position = ?`).raw(true);
  const run: ThreeWay = {
    items: 0,
    ledger: new Stopwatch(),
    raw: new Stopwatch(),
    rawWithTree: new Stopwatch(),
  };
  const rawOne = sides.raw.transaction((row: RawRow) => sides.insert.run(row));
  let size = 0;
  let headHash = '';
  const treeOne = sides.rawTree.transaction((row: RawRow) => {
    sides.insertTree.run(row);
    sides.tree.extend(size, headHash, [row[HASH] as string]);
  });
  let items = 0;
  try {
    for (const round of generator.rounds()) {
      for (const planned of round) {
        const expectedVersion = planned.expectedVersion === 0 ? 'no-stream' : planned.expectedVersion;
        const result = await run.ledger.timeAsync(() =>
          ledger.append(planned.stream, [planned.event], { expectedVersion }),
        );
        const row = readBack.get(result.lastPosition) as RawRow;
        run.raw.time(() => rawOne(row));
        run.rawWithTree.time(() => treeOne(row));
        size += 1;
        headHash = row[HASH] as string;
        items += 1;
      }
    }
  } finally {
    reader.close();
    await ledger.close();
    closeSides(sides);
  }
  return { ...run, items };
}

async function batched(generator: RealisticEvents, batch: number): Promise<ThreeWay> {
  const sides = await openSides('batch');
  const ledger = await openLedger({ file: sides.oursFile, durability: 'normal' });
  const reader = openRawReader(sides.oursFile);
  const readBack = reader
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position BETWEEN ? AND ? ORDER BY position`)
    .raw(true);
  const run: ThreeWay = {
    items: 0,
    ledger: new Stopwatch(),
    raw: new Stopwatch(),
    rawWithTree: new Stopwatch(),
  };
  const rawMany = sides.raw.transaction((rows: RawRow[]) => {
    for (const row of rows) sides.insert.run(row);
  });
  let size = 0;
  let headHash = '';
  const treeMany = sides.rawTree.transaction((rows: RawRow[]) => {
    for (const row of rows) sides.insertTree.run(row);
    sides.tree.extend(
      size,
      headHash,
      rows.map((row) => row[HASH] as string),
    );
  });
  let items = 0;
  try {
    for (const round of generator.rounds()) {
      for (let i = 0; i < round.length; i += batch) {
        const requests = round.slice(i, i + batch).map(toRequest);
        const result = await run.ledger.timeAsync(() => ledger.appendMany(requests));
        const rows = readBack.all(result.firstPosition, result.lastPosition) as RawRow[];
        run.raw.time(() => rawMany(rows));
        run.rawWithTree.time(() => treeMany(rows));
        size += rows.length;
        headHash = rows.at(-1)?.[HASH] as string;
        items += rows.length;
      }
    }
  } finally {
    reader.close();
    await ledger.close();
    closeSides(sides);
  }
  return { ...run, items };
}

/**
 * `merkle-proof`: on the largest generated ledger (1 000 000 events at full size), `proofs`
 * inclusion proofs of random events at the head's size through `ledger.tree.inclusionProof`
 * (the head, every node of the path and the frontier in one read, the event's hash, the folds),
 * against raw better-sqlite3 reads of exactly the rows that proof needs (one primary-key seek
 * each): the floor of any implementation over this storage. Then consistency proofs from random
 * earlier sizes. Every proof is verified outside the timed sections.
 *
 * @example
 * ```ts
 * const rows = await merkleProof(dataset, 2_000);
 * ```
 */
export async function merkleProof(dataset: Dataset, proofs: number): Promise<BenchRow[]> {
  const ledger = await openLedger({ file: dataset.file });
  const raw = openRawReader(dataset.file);
  const node = raw.prepare('SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?').pluck();
  const leaf = raw.prepare('SELECT hash FROM events WHERE position = ?').pluck();
  const head = raw.prepare('SELECT position, hash FROM ledger_head WHERE id = 1');
  const rawRead = (refs: readonly MerkleNodeRef[]) => {
    head.get();
    for (const ref of refs)
      (ref.level === 0 ? leaf.get(ref.index + 1) : node.get(ref.level, ref.index)) as string;
  };
  const size = (await ledger.head()).position;
  const zero = '0'.repeat(64);
  const refsOf = async (make: (source: (refs: readonly MerkleNodeRef[]) => string[]) => Promise<unknown>) => {
    const seen: MerkleNodeRef[] = [];
    await make((refs) => {
      seen.push(...refs);
      return refs.map(() => zero);
    });
    return seen;
  };
  let seed = 12_345;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed;
  };
  const inclusion = { ours: new Stopwatch(), raw: new Stopwatch() };
  const consistency = { ours: new Stopwatch(), raw: new Stopwatch() };
  try {
    const root = (await ledger.tree.head()).rootHash;
    for (let i = 0; i < proofs; i++) {
      const position = 1 + (next() % size);
      const proof = await inclusion.ours.timeAsync(() => ledger.tree.inclusionProof(position));
      const refs = [
        ...perfectSubtrees(0, size),
        { level: 0, index: position - 1 },
        ...(await refsOf((source) => inclusionProofFrom(position - 1, size, source))),
      ];
      inclusion.raw.time(() => rawRead(refs));
      verifyInclusion(proof.leafHash, position - 1, size, proof.path, root);
    }
    for (let i = 0; i < proofs; i++) {
      const fromSize = 1 + (next() % size);
      const proof = await consistency.ours.timeAsync(() => ledger.tree.consistencyProof(fromSize));
      const refs = [
        ...perfectSubtrees(0, fromSize),
        ...perfectSubtrees(0, size),
        ...(await refsOf((source) => consistencyProofFrom(fromSize, size, source))),
      ];
      consistency.raw.time(() => rawRead(refs));
      verifyConsistency(fromSize, size, proof.fromRoot, root, proof.path);
    }
  } finally {
    raw.close();
    await ledger.close();
  }
  const perProof = (ms: number) => `${((ms * 1000) / proofs).toFixed(0)} µs per proof`;
  const at = `${size.toLocaleString('en-GB')} events`;
  return [
    rateRow(
      'merkle-proof inclusion',
      'proofs/s',
      ratePerSecond(proofs, inclusion.ours.ms),
      ratePerSecond(proofs, inclusion.raw.ms),
      'raw reads of the same rows',
      undefined,
      `${perProof(inclusion.ours.ms)} at ${at} (raw ${perProof(inclusion.raw.ms)})`,
    ),
    rateRow(
      'merkle-proof consistency',
      'proofs/s',
      ratePerSecond(proofs, consistency.ours.ms),
      ratePerSecond(proofs, consistency.raw.ms),
      'raw reads of the same rows',
      undefined,
      `${perProof(consistency.ours.ms)} at ${at} (raw ${perProof(consistency.raw.ms)})`,
    ),
  ];
}
