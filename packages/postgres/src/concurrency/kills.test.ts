import {
  type AppendRequest,
  type AppendResult,
  LedgerBusyError,
  LedgerError,
  type PendingEvent,
  StorageError,
} from '@perfledger/core';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import type { PostgresStore } from '../postgres-store.js';
import { postgresStore } from '../postgres-store-factory.js';
import { dropLedger, uniqueLedgerName, withClient } from '../testing/test-server.js';
import { runWorker, type WorkerAck, type WorkerPlan } from './append-worker.js';
import { oneTo, range, spawnWorker, summarise } from './load-support.js';

const url = inject('postgresServer');

const comment = (text: string): PendingEvent =>
  ({ type: 'CommentAdded', effectiveOn: '2024-03-31', data: { comment: text } }) as PendingEvent;

/** A store whose connections carry `applicationName`, so their backends can be found and killed. */
async function namedStore(
  ledger: string,
  applicationName: string,
): Promise<{ store: PostgresStore; pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: url!, max: 2, application_name: applicationName });
  pool.on('error', () => undefined);
  return { store: await postgresStore({ pool, ledger, lockTimeoutMs: 20_000 }), pool };
}

/** The backend pids of `applicationName`'s sessions that match `where` (polled until one does). */
async function backendOf(applicationName: string, where: string): Promise<number> {
  return withClient(url!, async (client) => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const { rows } = await client.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND ${where}`,
        [applicationName],
      );
      if (rows.length === 1) return rows[0]!.pid;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no backend of ${applicationName} where ${where}`);
  });
}

/** Terminates one backend and waits (up to 5 s) until it is gone. */
async function terminate(pid: number): Promise<void> {
  await withClient(url!, async (client) => {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_terminate_backend($1, 5000) AS ok', [
      pid,
    ]);
    expect(rows[0]!.ok).toBe(true);
  });
}

/** Whether any session of `applicationName` is still connected, polled for up to 5 s until none is. */
async function sessionsLeft(applicationName: string): Promise<number> {
  return withClient(url!, async (client) => {
    let count = 0;
    for (let attempt = 0; attempt < 100; attempt++) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
        [applicationName],
      );
      count = rows[0]!.n;
      if (count === 0) return 0;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return count;
  });
}

function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe.skipIf(url === null)('killed connections and processes on a PostgreSQL server', () => {
  it('a connection terminated mid-append, holding or waiting for the head row, writes nothing, fails with STORAGE_FAILED, and its retry writes once', async () => {
    const ledger = uniqueLedgerName('kill_conn');
    const tag = ledger.replace(/_/g, '');
    const names = { holder: `${tag}_h`, waiter: `${tag}_w`, survivor: `${tag}_s` };
    const opened = await Promise.all(Object.values(names).map((name) => namedStore(ledger, name)));
    const [holder, waiter, survivor] = opened.map((o) => o.store) as [
      PostgresStore,
      PostgresStore,
      PostgresStore,
    ];
    try {
      await survivor.append([{ stream: 'action:BASE', events: [comment('b1'), comment('b2')] }], {
        idempotencyKey: 'base',
      });
      const requestOf = (stream: string, count: number): AppendRequest[] => [
        {
          stream,
          events: Array.from({ length: count }, (_, i) => comment(`${stream} ${i}`)),
          expectedVersion: 'no-stream',
        },
      ];
      // The holder's append writes its rows, then waits inside its transaction (the head row locked).
      let inside: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        inside = resolve;
      });
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holding = settle(
        holder.append(requestOf('action:HELD', 5), { idempotencyKey: 'held' }, async () => {
          inside();
          await gate;
        }),
      );
      await held;
      const holderPid = await backendOf(names.holder, "state = 'idle in transaction'");
      // Two more appends queue behind it on the head row's lock.
      const waiting = settle(waiter.append(requestOf('action:WAITER', 3), { idempotencyKey: 'waiter' }));
      const waiterPid = await backendOf(names.waiter, "wait_event_type = 'Lock'");
      const surviving = settle(
        survivor.append(requestOf('action:SURVIVOR', 4), { idempotencyKey: 'survivor' }),
      );
      await backendOf(names.survivor, "wait_event_type = 'Lock'");

      // Kill the waiter while it waits, then the holder while it holds the lock with rows written.
      await terminate(waiterPid);
      const waiterOutcome = await waiting;
      await terminate(holderPid);
      release();
      const holderOutcome = await holding;
      for (const outcome of [waiterOutcome, holderOutcome]) {
        expect(outcome.error).toBeInstanceOf(StorageError);
        expect(outcome.error).toBeInstanceOf(LedgerError);
        expect((outcome.error as StorageError).code).toBe('STORAGE_FAILED');
        expect((outcome.error as Error).message).toMatch(/same idempotency key/);
      }
      // The survivor got the lock once the holder's transaction was rolled back, right after the base.
      const survived = (await surviving).value as AppendResult;
      expect(survived).toMatchObject({ firstPosition: 3, lastPosition: 6, replayed: false });
      let summary = await summarise(url!, ledger);
      expect(summary.events).toBe(6);
      expect(summary.streams.has('action:HELD')).toBe(false);
      expect(summary.streams.has('action:WAITER')).toBe(false);

      // Retrying with the same keys (on the same stores: their pools replace the dead sessions) writes each once.
      const retried = [
        await holder.append(requestOf('action:HELD', 5), { idempotencyKey: 'held' }),
        await waiter.append(requestOf('action:WAITER', 3), { idempotencyKey: 'waiter' }),
      ];
      expect(retried.map((r) => [r.firstPosition, r.lastPosition, r.replayed])).toEqual([
        [7, 11, false],
        [12, 14, false],
      ]);
      const again = await holder.append(requestOf('action:HELD', 5), { idempotencyKey: 'held' });
      expect(again).toMatchObject({ firstPosition: 7, lastPosition: 11, replayed: true });
      summary = await summarise(url!, ledger);
      expect(summary).toMatchObject({ events: 14, headPosition: 14, gapFree: true, verify: { ok: true } });
      expect(summary.keys.get('held')).toEqual(range(7, 11));
      expect(summary.keys.get('waiter')).toEqual(range(12, 14));
      expect(summary.streams.get('action:HELD')).toEqual(oneTo(5));
    } finally {
      for (const { store, pool } of opened) {
        await store.close();
        await pool.end();
      }
      await dropLedger(url!, ledger);
    }
  });

  it('an append that cannot get the head row within lockTimeoutMs fails with LEDGER_BUSY and writes nothing', async () => {
    const ledger = uniqueLedgerName('kill_busy');
    const holder = await postgresStore({ connectionString: url!, ledger });
    const impatient = await postgresStore({ connectionString: url!, ledger, lockTimeoutMs: 200 });
    let release: () => void = () => undefined;
    try {
      let inside: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        inside = resolve;
      });
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holding = holder.append(
        [{ stream: 'action:H', events: [comment('h')] }],
        { idempotencyKey: 'h' },
        async () => {
          inside();
          await gate;
        },
      );
      await held;
      const refused = await settle(
        impatient.append([{ stream: 'action:I', events: [comment('i')] }], { idempotencyKey: 'i' }),
      );
      expect(refused.error).toBeInstanceOf(LedgerBusyError);
      expect((refused.error as LedgerBusyError).code).toBe('LEDGER_BUSY');
      release();
      expect(await holding).toMatchObject({ firstPosition: 1, lastPosition: 1 });
      // Nothing of the refused append was written; retried, it goes in once.
      expect(await impatient.replayed('i')).toBeUndefined();
      expect(
        await impatient.append([{ stream: 'action:I', events: [comment('i')] }], { idempotencyKey: 'i' }),
      ).toMatchObject({ firstPosition: 2, replayed: false });
      expect(await summarise(url!, ledger)).toMatchObject({ events: 2, gapFree: true, verify: { ok: true } });
    } finally {
      release();
      await holder.close();
      await impatient.close();
      await dropLedger(url!, ledger);
    }
  });

  it('an app process killed (SIGKILL) mid-batch loses nothing acknowledged, writes nothing half, and its retry writes each batch once', async () => {
    const ledger = uniqueLedgerName('kill_proc');
    const applicationName = `${ledger.replace(/_/g, '')}_k`;
    const base = { url: url!, ledger, appends: 6, batch: 40, shared: 'action:SHARED' } as const;
    const victimPlan: WorkerPlan = { ...base, worker: 1, holdAt: 3, applicationName };
    const survivorPlan: WorkerPlan = { ...base, worker: 2 };
    try {
      const victim = spawnWorker(victimPlan);
      const heldKey = await victim.holding;
      expect(heldKey).toBe('w1-3');
      // Another process appends meanwhile: it queues behind the victim's lock.
      const survivor = spawnWorker(survivorPlan);
      // The victim has written its fourth batch's rows and holds the head row: kill it there.
      await backendOf(applicationName, "state = 'idle in transaction'");
      victim.child.kill('SIGKILL');
      const killed = await victim.exited;
      expect(killed.signal).toBe('SIGKILL');
      const acknowledged = killed.acks.filter((ack) => !ack.replayed);
      expect(acknowledged.map((ack) => ack.key)).toEqual(['w1-0', 'w1-1', 'w1-2']);
      // The server noticed the dead client and rolled its transaction back; the survivor went on.
      expect(await sessionsLeft(applicationName)).toBe(0);
      const survived = await survivor.exited;
      expect(survived.stderr).toBe('');
      expect(survived.code).toBe(0);

      let summary = await summarise(url!, ledger);
      expect(summary).toMatchObject({ gapFree: true, verify: { ok: true } });
      for (const ack of acknowledged) expect(summary.keys.get(ack.key)).toEqual(range(ack.first, ack.last));
      // Nothing of the batch in flight, and only whole batches of anyone.
      expect(summary.keys.has('w1-3')).toBe(false);
      for (const positions of summary.keys.values()) expect(positions).toHaveLength(40);
      expect(summary.events).toBe((3 + 6) * 40);

      // The restarted app repeats its whole run with the same keys: the three acknowledged batches
      // are replayed (the same positions), the rest written once.
      const retry: WorkerAck[] = [];
      await runWorker({ ...base, worker: 1 }, (line) => {
        if ('key' in line) retry.push(line);
      });
      const firstOfEach = new Map<string, WorkerAck>();
      for (const ack of retry) if (!firstOfEach.has(ack.key)) firstOfEach.set(ack.key, ack);
      for (const ack of acknowledged) {
        expect(firstOfEach.get(ack.key)).toMatchObject({ first: ack.first, last: ack.last, replayed: true });
      }
      for (const key of ['w1-3', 'w1-4', 'w1-5']) expect(firstOfEach.get(key)?.replayed).toBe(false);
      summary = await summarise(url!, ledger);
      expect(summary).toMatchObject({
        events: 12 * 40,
        headPosition: 12 * 40,
        gapFree: true,
        verify: { ok: true },
      });
      expect(summary.keys.size).toBe(12);
      expect(summary.streams.get('action:W1')).toEqual(oneTo(6 * 39));
      expect(summary.streams.get('action:SHARED')).toEqual(oneTo(12));
    } finally {
      await dropLedger(url!, ledger);
    }
  });
});
