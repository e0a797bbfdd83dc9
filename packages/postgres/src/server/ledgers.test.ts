import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLedger, LedgerError } from '@perfledger/core';
import { sqliteStore } from '@perfledger/sqlite';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openLedger, openReadonlyLedger, postgresStore } from '../index.js';
import { schemaOf } from '../schema.js';
import { allChainRows, appendHistory, comment } from '../test-support/fixtures.js';
import { steppingClock, withClient, withTestLedger } from '../testing/index.js';
import { serverUrl } from './server-fixtures.js';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LedgerError) return error.code;
    throw error;
  }
  return 'no error';
}

describe.skipIf(serverUrl === null)('several ledgers in one database on a server', () => {
  const url = serverUrl ?? '';

  it('appends to two ledgers in parallel, each gap-free with its own chain; nothing of one is visible through the other', async () => {
    await withTestLedger(url, (a) =>
      withTestLedger(url, async (b) => {
        const [storeA, storeB, storeA2] = await Promise.all([
          postgresStore({ connectionString: url, ledger: a }),
          postgresStore({ connectionString: url, ledger: b }),
          postgresStore({ connectionString: url, ledger: a }),
        ]);
        try {
          await Promise.all(
            Array.from({ length: 12 }, (_, i) =>
              [storeA, storeB, storeA2][i % 3]!.append([
                { stream: `action:S${i % 2}`, events: [comment(`e${i}`)] },
              ]),
            ),
          );
          expect((await storeA.head()).position).toBe(8);
          expect((await storeB.head()).position).toBe(4);
          for (const store of [storeA, storeB]) {
            const rows = await allChainRows(store);
            expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));
            expect(await (await createLedger({ store })).verify()).toMatchObject({ ok: true });
          }
          expect(await storeB.query.all('SELECT count(*) AS n FROM events')).toEqual([{ n: 4 }]);
          const hashesOfA = new Set((await allChainRows(storeA)).map((row) => row.hash));
          expect((await allChainRows(storeB)).some((row) => hashesOfA.has(row.hash))).toBe(false);
          expect(await storeB.readStream('action:S0')).toHaveLength(2);
          expect(await storeA.origin()).not.toBe(await storeB.origin());
          expect(storeA.location).toContain(`#${a}`);
        } finally {
          await Promise.all([storeA.close(), storeB.close(), storeA2.close()]);
        }
      }),
    );
  });

  it('a catch-up reader polling while three connections append never skips a position that commits later', async () => {
    await withTestLedger(url, async (ledger) => {
      const writers = await Promise.all(
        [1, 2, 3].map(() => postgresStore({ connectionString: url, ledger })),
      );
      const reader = await postgresStore({ connectionString: url, ledger, readonly: true });
      try {
        let done = false;
        const seen: number[] = [];
        const poll = (async () => {
          for (;;) {
            // One more pass after the writers finish, then stop: a skipped position stays missing.
            const last = done;
            for await (const batch of reader.readAllBatches({ after: seen.at(-1) ?? 0 })) {
              for (const event of batch) seen.push(event.position);
            }
            if (last) return;
            await new Promise((resolve) => setImmediate(resolve));
          }
        })();
        await Promise.all(
          writers.map(async (writer, w) => {
            for (let i = 0; i < 15; i++)
              await writer.append([{ stream: `action:G${w}`, events: [comment(`${w}-${i}`)] }]);
          }),
        );
        done = true;
        await poll;
        expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
      } finally {
        await Promise.all([...writers, reader].map((store) => store.close()));
      }
    });
  });

  it('openLedger and openReadonlyLedger take a pool the application shares; close leaves it open', async () => {
    await withTestLedger(url, async (ledger) => {
      const pool = new pg.Pool({ connectionString: url, max: 3 });
      try {
        const writer = await openLedger({ pool, ledger });
        await writer.transaction(async () => {
          expect((await writer.verify()).ok).toBe(true);
        });
        await writer.close();
        const reader = await openReadonlyLedger({ pool, ledger });
        expect(reader.readonly).toBe(true);
        await reader.close();
        // Or, as on SQLite, where the ledger is first and the options after it.
        const byUrl = await openReadonlyLedger(url, { ledger });
        expect(byUrl.readonly).toBe(true);
        expect(
          await codeOf(
            byUrl.execute({
              type: 'UpdateProgress',
              code: 'X',
              effectiveOn: '2024-01-01',
              percentComplete: 5,
            } as never),
          ),
        ).toMatch(/READ_ONLY|UNKNOWN_ACTION/);
        await byUrl.close();
        expect(await codeOf(openReadonlyLedger(url, { ledger, readonly: true } as never))).toBe(
          'VALIDATION_FAILED',
        );
        expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await pool.end();
      }
    });
  });

  it('SQLite rows copied to the server verify there with the same head hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfledger-pg-server-copy-'));
    try {
      await withTestLedger(url, async (ledger) => {
        const sqlite = await sqliteStore({
          file: join(dir, 'a.db'),
          clock: steppingClock('2024-01-15T09:00:00Z'),
        });
        const store = await postgresStore({ connectionString: url, ledger });
        try {
          await appendHistory(sqlite);
          await store.appendCopied(await sqlite.origin(), await allChainRows(sqlite));
          expect(await store.head()).toEqual(await sqlite.head());
          expect(await (await createLedger({ store })).verify()).toMatchObject({
            ok: true,
            headHash: (await sqlite.head()).hash,
          });
        } finally {
          await sqlite.close();
          await store.close();
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(serverUrl === null)('server failures map to stable codes', () => {
  const url = serverUrl ?? '';

  it("an append that cannot get the ledger's head row within lockTimeoutMs is LEDGER_BUSY and writes nothing", async () => {
    await withTestLedger(url, async (ledger) => {
      const store = await postgresStore({ connectionString: url, ledger, lockTimeoutMs: 200 });
      try {
        await withClient(url, async (holder) => {
          await holder.query('BEGIN');
          await holder.query(`SELECT * FROM "${schemaOf(ledger)}".ledger_head FOR UPDATE`);
          expect(await codeOf(store.append([{ stream: 'action:L', events: [comment('waits')] }]))).toBe(
            'LEDGER_BUSY',
          );
          await holder.query('ROLLBACK');
        });
        expect((await store.head()).position).toBe(0);
        expect((await store.append([{ stream: 'action:L', events: [comment('now')] }])).firstPosition).toBe(
          1,
        );
      } finally {
        await store.close();
      }
    });
  });

  it('a session ended by the server mid-transaction is STORAGE_FAILED; nothing of it is written and the store goes on', async () => {
    await withTestLedger(url, async (ledger) => {
      const store = await postgresStore({ connectionString: url, ledger });
      try {
        const error = await store
          .transaction(async (session) => {
            await session.append([{ stream: 'action:K', events: [comment('lost')] }]);
            const pid = await session.query.get<{ pid: number }>('SELECT pg_backend_pid() AS pid');
            await withClient(url, (killer) => killer.query('SELECT pg_terminate_backend($1)', [pid!.pid]));
            await session.append([{ stream: 'action:K', events: [comment('after the kill')] }]);
          })
          .then(
            () => undefined,
            (failure: unknown) => failure,
          );
        expect(error).toBeInstanceOf(LedgerError);
        expect((error as LedgerError).code).toBe('STORAGE_FAILED');
        expect((error as LedgerError).message).toMatch(/idempotency key/);
        expect((await store.head()).position).toBe(0);
        expect(
          (await store.append([{ stream: 'action:K', events: [comment('retried')] }])).firstPosition,
        ).toBe(1);
      } finally {
        await store.close();
      }
    });
  });
});
