/**
 * One import measurement in a process of its own, so that its peak memory is its own:
 * `node import-child.js <snapshot.csv> <ledger file> ours|raw|read-whole`.
 * - `ours`: `importSnapshot` with the default limits, into a fresh ledger; a refusal is a result.
 * - `raw`: the baseline: read the file, split lines and cells, and insert each row as JSON into
 *   one table in one transaction with better-sqlite3 (no checks, no events, no chain).
 * - `read-whole`: what the old importer did first: `readFileSync` and a UTF-8 decode of it all.
 * Prints one JSON line: rows, ms, peakRssMb, outcome (`imported` or the error code).
 */
import { readFileSync } from 'node:fs';
import { LedgerError } from '@perfledger/core';
import { importSnapshot } from '@perfledger/import';
import { openLedger } from '@perfledger/sqlite';
import Database from 'better-sqlite3';
import { peakRssMb, RssSampler } from './measure.js';

/** What a child reports. */
export interface ImportMeasurement {
  readonly rows: number;
  readonly ms: number;
  readonly peakRssMb: number;
  readonly outcome: string;
}

async function ours(snapshot: string, file: string, sampler: RssSampler) {
  const ledger = await openLedger({ file });
  const started = performance.now();
  try {
    const report = await importSnapshot(
      ledger,
      { file: snapshot },
      { asOf: '2024-06-30', plan: 'Bench Plan', onProgress: () => sampler.sample() },
    );
    return { rows: report.rows, ms: performance.now() - started, outcome: 'imported' };
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    return { rows: 0, ms: performance.now() - started, outcome: error.code };
  } finally {
    await ledger.close();
  }
}

function raw(snapshot: string, file: string, sampler: RssSampler) {
  const started = performance.now();
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE rows (n INTEGER PRIMARY KEY, data TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO rows (data) VALUES (?)');
    const lines = readFileSync(snapshot, 'utf8').split('\n');
    let rows = 0;
    db.transaction(() => {
      for (let i = 1; i < lines.length; i++) {
        if (lines[i] === '') continue;
        insert.run(JSON.stringify(lines[i]!.split(',')));
        rows += 1;
        if ((rows & 1023) === 0) sampler.sample();
      }
    })();
    return { rows, ms: performance.now() - started, outcome: 'imported' };
  } finally {
    db.close();
  }
}

function readWhole(snapshot: string) {
  const started = performance.now();
  const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(snapshot));
  // The length is read so the decode cannot be optimised away.
  return { rows: 0, ms: performance.now() - started, outcome: text.length > 0 ? 'read' : 'empty' };
}

const [snapshot, file, side] = process.argv.slice(2);
if (snapshot === undefined || file === undefined || !['ours', 'raw', 'read-whole'].includes(side ?? '')) {
  console.error('usage: node import-child.js <snapshot.csv> <ledger file> ours|raw|read-whole');
  process.exit(2);
}
const sampler = new RssSampler();
const result =
  side === 'ours'
    ? await ours(snapshot, file, sampler)
    : side === 'raw'
      ? raw(snapshot, file, sampler)
      : readWhole(snapshot);
const measurement: ImportMeasurement = { ...result, peakRssMb: peakRssMb(sampler.peakBytes) };
console.log(JSON.stringify(measurement));
