import * as crypto from 'node:crypto';
import { GENESIS_HASH } from '@perfledger/core/internal';
import { openLedger } from '@perfledger/sqlite';
import type { Dataset } from './dataset.js';
import { ratePerSecond } from './measure.js';
import {
  assertSameSettings,
  EVENT_COLUMNS,
  ledgerSettings,
  openRaw,
  type RawRow,
  settingsOf,
} from './raw-sqlite.js';
import { type BenchRow, rateRow } from './report.js';

// Node ≥ 20.12 has a one-shot hash; the baseline uses the fastest SHA-256 the runtime offers.
const oneShot = (crypto as { hash?: (algorithm: string, data: string) => string }).hash;
const sha256 = oneShot
  ? (text: string) => oneShot('sha256', text)
  : (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * `verify`: `ledger.verify()` (the whole chain, in one read transaction, with its gap, link,
 * stream-version and head checks) against a raw ordered scan of the same rows that hashes the same
 * bytes (previous hash ‖ canonical envelope) and compares hash and link. The two alternate,
 * `repeats` times each, and the fastest run of each counts.
 *
 * @example
 * ```ts
 * const row = await verify(dataset, 2);
 * ```
 */
export async function verify(dataset: Dataset, repeats: number): Promise<BenchRow> {
  const ledger = await openLedger({ file: dataset.file });
  const raw = openRaw(dataset.file);
  assertSameSettings(ledgerSettings(dataset.file), settingsOf(raw), 'verify');
  let oursMs = Number.POSITIVE_INFINITY;
  let rawMs = Number.POSITIVE_INFINITY;
  let count = 0;
  try {
    for (let i = 0; i < repeats; i++) {
      let started = performance.now();
      const result = await ledger.verify();
      oursMs = Math.min(oursMs, performance.now() - started);
      if (!result.ok) throw new Error(`verify: the cached ledger does not verify (${result.break.message})`);
      count = result.count;
      started = performance.now();
      const checked = rawVerify(raw);
      rawMs = Math.min(rawMs, performance.now() - started);
      if (checked !== count) throw new Error(`verify: the baseline checked ${checked} rows, not ${count}`);
    }
  } finally {
    raw.close();
    await ledger.close();
  }
  return rateRow(
    'verify',
    'events/s',
    ratePerSecond(count, oursMs),
    ratePerSecond(count, rawMs),
    'raw better-sqlite3 + SHA-256',
    0.5,
    `${count.toLocaleString('en-GB')} events, fastest of ${repeats}`,
  );
}

/** A hand-written chain check: scan in position order, hash the same bytes, compare. Returns the rows checked. */
function rawVerify(db: ReturnType<typeof openRaw>): number {
  const scan = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY position`).raw(true);
  const s = JSON.stringify;
  let previous = GENESIS_HASH;
  let checked = 0;
  db.transaction(() => {
    for (const row of scan.iterate() as IterableIterator<RawRow>) {
      const canonical =
        `{"actor":${s(row[9])},"causationId":${s(row[12])},"correlationId":${s(row[11])}` +
        `,"data":${row[6]},"effectiveOn":${s(row[7])},"eventId":${s(row[1])}` +
        `,"idempotencyKey":${s(row[13])},"position":${row[0]},"recordedAt":${s(row[8])}` +
        `,"schemaVersion":${row[5]},"source":${s(row[10])},"stream":${s(row[2])}` +
        `,"streamVersion":${row[3]},"type":${s(row[4])}}`;
      if (row[14] !== previous || sha256(previous + canonical) !== row[15]) {
        throw new Error(`verify baseline: row ${row[0]} does not match its hash`);
      }
      previous = row[15];
      checked += 1;
    }
  }).deferred();
  return checked;
}
