/**
 * What the real-concurrency tests share (not part of the package's API): spawning the append
 * worker as a child process, and reading a ledger back into a summary the tests check
 * (positions, idempotency keys, stream versions, the chain).
 *
 * @example
 * ```ts
 * const run = spawnWorker(plan);
 * const { acks } = await run.exited;
 * const summary = await summarise(url, plan.ledger);
 * ```
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLedger, type VerifyResult } from '@perfledger/core';
import { postgresStore } from '../postgres-store-factory.js';
import type { WorkerAck, WorkerPlan } from './append-worker.js';

/** The compiled worker (`npx tsc -b` builds it into `dist/concurrency/`). */
export const WORKER_SCRIPT = fileURLToPath(
  new URL('../../dist/concurrency/append-worker.js', import.meta.url),
);

/**
 * One spawned worker: its process, the acknowledgements seen so far, a promise of the line it
 * prints when it holds an append open (`holdAt`), and a promise of its exit.
 *
 * @example
 * ```ts
 * const run = spawnWorker({ ...plan, holdAt: 3 });
 * await run.holding;
 * run.child.kill('SIGKILL');
 * ```
 */
export interface WorkerRun {
  readonly child: ChildProcess;
  readonly acks: WorkerAck[];
  /** Resolves with the key of the held append once the worker is inside its transaction. */
  readonly holding: Promise<string>;
  /** Resolves when the process ends, with its exit code or signal and what it wrote on stderr. */
  readonly exited: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
    acks: WorkerAck[];
  }>;
}

/**
 * Starts the append worker on `plan` as a child process (`node dist/concurrency/append-worker.js`).
 *
 * @example
 * ```ts
 * const { acks, code } = await spawnWorker(plan).exited;
 * ```
 */
export function spawnWorker(plan: WorkerPlan): WorkerRun {
  if (!existsSync(WORKER_SCRIPT)) {
    throw new Error(
      `${WORKER_SCRIPT} is missing: run \`npx tsc -b\` first (the tests spawn the built worker).`,
    );
  }
  const child = spawn(process.execPath, [WORKER_SCRIPT, JSON.stringify(plan)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: WorkerAck[] = [];
  let stderr = '';
  let buffered = '';
  let held: (key: string) => void = () => undefined;
  const holding = new Promise<string>((resolve) => {
    held = resolve;
  });
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffered += chunk;
    let end = buffered.indexOf('\n');
    while (end >= 0) {
      const line = JSON.parse(buffered.slice(0, end)) as Partial<WorkerAck> & { holding?: string };
      buffered = buffered.slice(end + 1);
      if (line.holding !== undefined) held(line.holding);
      else if (line.key !== undefined) acks.push(line as WorkerAck);
      end = buffered.indexOf('\n');
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
    acks: WorkerAck[];
  }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr, acks }));
  });
  return { child, acks, holding, exited };
}

/**
 * A ledger as the tests check it: every event in position order, whether the positions run
 * 1, 2, 3, … without a gap, each idempotency key's positions, each stream's versions, and the
 * outcome of `ledger.verify()` (the whole hash chain).
 *
 * @example
 * ```ts
 * const summary = await summarise(url, 'load_a');
 * expect(summary.verify.ok).toBe(true);
 * ```
 */
export interface LedgerSummary {
  readonly events: number;
  readonly headPosition: number;
  readonly gapFree: boolean;
  /** Each key's positions, in order. */
  readonly keys: ReadonlyMap<string, readonly number[]>;
  /** Each stream's versions, in position order. */
  readonly streams: ReadonlyMap<string, readonly number[]>;
  readonly verify: VerifyResult;
}

/**
 * Reads the ledger `ledger` on `url` back, on a store of its own, into a {@link LedgerSummary}.
 *
 * @example
 * ```ts
 * const { gapFree, verify } = await summarise(url, ledger);
 * ```
 */
export async function summarise(url: string, ledger: string): Promise<LedgerSummary> {
  const store = await postgresStore({ connectionString: url, ledger, readonly: true });
  try {
    const keys = new Map<string, number[]>();
    const streams = new Map<string, number[]>();
    let events = 0;
    let gapFree = true;
    for await (const batch of store.readAllBatches()) {
      for (const event of batch) {
        events += 1;
        if (event.position !== events) gapFree = false;
        if (event.idempotencyKey !== null) {
          const positions = keys.get(event.idempotencyKey) ?? [];
          positions.push(event.position);
          keys.set(event.idempotencyKey, positions);
        }
        const versions = streams.get(event.stream) ?? [];
        versions.push(event.streamVersion);
        streams.set(event.stream, versions);
      }
    }
    const headPosition = (await store.head()).position;
    const verify = await (await createLedger({ store })).verify();
    return { events, headPosition, gapFree, keys, streams, verify };
  } finally {
    await store.close();
  }
}

/**
 * `1, 2, …, n`: what a stream's versions (or a ledger's positions) must be.
 *
 * @example
 * ```ts
 * expect(summary.streams.get('action:W1')).toEqual(oneTo(40));
 * ```
 */
export function oneTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/**
 * `first, first + 1, …, last`: the positions one acknowledged append must hold.
 *
 * @example
 * ```ts
 * expect(summary.keys.get(ack.key)).toEqual(range(ack.first, ack.last));
 * ```
 */
export function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
