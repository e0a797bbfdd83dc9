import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { auditTrailProjection, queryTrail } from '@perfledger/audit-trail';
import { createLedger, type Ledger } from '@perfledger/core';
import { commandHistory, HISTORY_CODES, playHistory } from '@perfledger/core/conformance';
import { quarterEndProjection, quarterEndView } from '@perfledger/quarter-end';
import { slippageProjection, slippageReport } from '@perfledger/slippage';
import { sqliteStore } from '@perfledger/sqlite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaOf } from './schema.js';
import { pgliteConnector, pgliteStore, steppingClock, uniqueLedgerName } from './testing/index.js';

const projections = [quarterEndProjection, slippageProjection, auditTrailProjection];

let db: PGlite;
let dir: string;

beforeAll(async () => {
  db = await PGlite.create();
  dir = mkdtempSync(join(tmpdir(), 'perfledger-pg-read-models-'));
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the read models say, without what differs by nature between two ledgers (event ids, hashes). */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !/^(event_?id|hash|prev_?hash|basis)$/i.test(key))
        .map(([key, inner]) => [key, comparable(inner)]),
    );
  }
  return value;
}

async function readModels(ledger: Ledger): Promise<unknown> {
  const quarters = [];
  for (const quarter of [1, 2, 3, 4]) quarters.push(await quarterEndView(ledger, { fy: '2023/24', quarter }));
  return comparable({
    quarters,
    trail: await queryTrail(ledger, {}),
    codes: await queryTrail(ledger, { code: [...HISTORY_CODES] }),
    slippage: await slippageReport(ledger, { thresholdDays: 30 }),
  });
}

describe('the read models of quarter-end, slippage and the audit trail', () => {
  it('say the same on PostgreSQL as on SQLite, over random command histories, inline and after a rebuild', async () => {
    const histories = fc.sample(commandHistory, { numRuns: 3, seed: 20_240_115 });
    for (const [run, steps] of histories.entries()) {
      const ledgerName = uniqueLedgerName('rm');
      const sqlite = await createLedger({
        store: await sqliteStore({
          file: join(dir, `run-${run}.db`),
          clock: steppingClock('2024-01-15T09:00:00Z'),
        }),
        projections,
        clock: steppingClock('2030-01-15T09:00:00Z'),
      });
      const pg = await createLedger({
        store: await pgliteStore({ db, ledger: ledgerName, clock: steppingClock('2024-01-15T09:00:00Z') }),
        projections,
        clock: steppingClock('2030-01-15T09:00:00Z'),
      });
      try {
        await playHistory(sqlite, steps);
        await playHistory(pg, steps);
        const expected = await readModels(sqlite);
        expect(await readModels(pg)).toEqual(expected);
        await pg.projections.rebuild();
        expect(await readModels(pg)).toEqual(expected);
        expect((await pg.verify()).ok).toBe(true);
      } finally {
        await sqlite.close();
        await pg.close();
        const client = await pgliteConnector(db).connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS "${schemaOf(ledgerName)}" CASCADE`);
        } finally {
          client.release();
        }
      }
    }
  });
});
