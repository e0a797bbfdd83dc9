// An OS process that imports one snapshot into a ledger and reports, as one JSON line on
// stdout, the outcome (the error code, or 'imported'), the rows imported, how long it took and
// the process's peak resident set: `node import-worker.js <snapshot> <ledger> [options JSON]`.
import { readFileSync } from 'node:fs';
import { LedgerError } from '@perfledger/core';
import { importSnapshot } from '@perfledger/import';
import { openLedger } from '@perfledger/sqlite';

/** What the worker reports. */
export interface ImportWorkerResult {
  readonly outcome: string;
  readonly upFront: boolean | null;
  readonly rows: number;
  readonly ms: number;
  readonly peakRssMb: number;
  readonly head: number;
}

function peakRssMb(sampled: number): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Math.max(sampled, Number(match[1]) * 1024) / 2 ** 20;
  } catch {
    // not Linux: the samples stand
  }
  return sampled / 2 ** 20;
}

const [snapshot, file, optionsJson] = process.argv.slice(2);
if (snapshot === undefined || file === undefined) {
  console.error('usage: node import-worker.js <snapshot> <ledger> [options JSON]');
  process.exit(2);
}
const extra = optionsJson === undefined ? {} : (JSON.parse(optionsJson) as object);
let sampled = process.memoryUsage().rss;
const ledger = await openLedger({ file, durability: 'normal' });
const started = performance.now();
let outcome = 'imported';
let upFront: boolean | null = null;
let rows = 0;
try {
  const report = await importSnapshot(
    ledger,
    { file: snapshot },
    {
      asOf: '2024-06-30',
      plan: 'Stress Plan',
      ...extra,
      onProgress: () => {
        sampled = Math.max(sampled, process.memoryUsage().rss);
      },
    },
  );
  rows = report.rows;
} catch (error) {
  if (!(error instanceof LedgerError)) throw error;
  outcome = error.code;
  const flag: unknown = (error as unknown as { upFront?: unknown }).upFront;
  upFront = typeof flag === 'boolean' ? flag : null;
}
const ms = performance.now() - started;
const result: ImportWorkerResult = {
  outcome,
  upFront,
  rows,
  ms,
  peakRssMb: peakRssMb(sampled),
  head: (await ledger.head()).position,
};
await ledger.close();
console.log(JSON.stringify(result));
