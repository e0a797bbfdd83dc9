/**
 * A child process of the real-concurrency tests (not part of the package's API): appends to one
 * ledger on a PostgreSQL server as one application process among several, and reports on stdout,
 * one JSON line per acknowledged append, what the server acknowledged. The tests spawn it with
 * `node dist/concurrency/append-worker.js '<WorkerPlan as JSON>'`.
 *
 * Each append writes one event to the stream every worker shares (with its exact expected
 * version: a conflict re-reads the version and retries under the same idempotency key) and
 * `batch - 1` events to the worker's own stream (also with its exact expected version). Every
 * fifth append is sent twice with the same idempotency key, and the second must be replayed.
 * With `holdAt`, that append prints `{"holding":key}` from inside its transaction (after its rows
 * are written, before it commits) and waits there for ever: the test kills the process or its
 * connection at that moment.
 *
 * @example
 * ```ts
 * spawn(process.execPath, [WORKER, JSON.stringify({ url, ledger, worker: 1, appends: 20, batch: 3, shared: 'action:SHARED' })]);
 * ```
 */
import {
  type AppendRequest,
  ConcurrencyError,
  type ExpectedVersion,
  LedgerBusyError,
  type PendingEvent,
} from '@perfledger/core';
import pg from 'pg';
import { postgresStore } from '../postgres-store-factory.js';

/**
 * What a worker is asked to do.
 *
 * @example
 * ```ts
 * const plan: WorkerPlan = { url, ledger: 'load_a', worker: 1, appends: 20, batch: 3, shared: 'action:SHARED' };
 * ```
 */
export interface WorkerPlan {
  readonly url: string;
  readonly ledger: string;
  /** The worker's number: its own stream is `action:W<n>`, its keys `w<n>-<i>`. */
  readonly worker: number;
  readonly appends: number;
  /** Events per append (at least 1): one to the shared stream, the rest to the worker's own. */
  readonly batch: number;
  /** The stream every worker of the ledger appends to. */
  readonly shared: string;
  /** The append (0-based) that holds its transaction open and waits to be killed. */
  readonly holdAt?: number;
  /** The `application_name` of the worker's connections, so a test can find their backends. */
  readonly applicationName?: string;
}

/**
 * One line the worker prints for each acknowledged append (`replayed` for the repeated key).
 *
 * @example
 * ```ts
 * const ack = JSON.parse(line) as WorkerAck;
 * ```
 */
export interface WorkerAck {
  readonly key: string;
  readonly first: number;
  readonly last: number;
  readonly replayed: boolean;
  /** Expected-version conflicts retried before this append went in. */
  readonly conflicts: number;
}

/**
 * The events of append `index` of `worker`: first the shared stream's, then the worker's own.
 *
 * @example
 * ```ts
 * eventsOf(1, 0, 3); // { shared: [one comment], own: [two comments] }
 * ```
 */
export function eventsOf(
  worker: number,
  index: number,
  batch: number,
): { shared: PendingEvent[]; own: PendingEvent[] } {
  const event = (part: number): PendingEvent =>
    ({
      type: 'CommentAdded',
      effectiveOn: '2024-03-31',
      data: { comment: `worker ${worker} append ${index} part ${part}` },
    }) as PendingEvent;
  return {
    shared: [event(0)],
    own: Array.from({ length: batch - 1 }, (_, part) => event(part + 1)),
  };
}

function printLine(line: unknown): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/**
 * Runs `plan` in this process (on a pool of its own): what the child process does, reporting
 * each acknowledgement (and the held append) to `say` instead of stdout. The tests use it for
 * further connections beside the child processes.
 *
 * @example
 * ```ts
 * const acks: WorkerAck[] = [];
 * await runWorker(plan, (line) => { if ('key' in line) acks.push(line); });
 * ```
 */
export async function runWorker(
  plan: WorkerPlan,
  say: (line: WorkerAck | { holding: string } | { done: number }) => void,
): Promise<void> {
  const pool = new pg.Pool({
    connectionString: plan.url,
    max: 2,
    ...(plan.applicationName === undefined ? {} : { application_name: plan.applicationName }),
  });
  pool.on('error', () => undefined);
  const store = await postgresStore({ pool, ledger: plan.ledger, lockTimeoutMs: 20_000 });
  const own = `action:W${plan.worker}`;
  let ownVersion = await store.streamVersion(own);
  let sharedVersion = await store.streamVersion(plan.shared);
  try {
    for (let index = 0; index < plan.appends; index++) {
      const key = `w${plan.worker}-${index}`;
      const { shared, own: ownEvents } = eventsOf(plan.worker, index, plan.batch);
      const hold =
        plan.holdAt === index
          ? async () => {
              say({ holding: key });
              await new Promise(() => undefined);
            }
          : undefined;
      let conflicts = 0;
      for (;;) {
        const expected = (version: number): ExpectedVersion => (version === 0 ? 'no-stream' : version);
        const requests: AppendRequest[] = [
          { stream: plan.shared, events: shared, expectedVersion: expected(sharedVersion) },
        ];
        if (ownEvents.length > 0)
          requests.push({ stream: own, events: ownEvents, expectedVersion: expected(ownVersion) });
        try {
          const result = await store.append(
            requests,
            { idempotencyKey: key, actor: `worker-${plan.worker}` },
            hold,
          );
          sharedVersion = result.streamVersions[plan.shared] ?? sharedVersion;
          ownVersion = result.streamVersions[own] ?? ownVersion;
          say({
            key,
            first: result.firstPosition,
            last: result.lastPosition,
            replayed: result.replayed,
            conflicts,
          });
          if (index % 5 === 4) {
            const again = await store.append(requests, {
              idempotencyKey: key,
              actor: `worker-${plan.worker}`,
            });
            say({
              key,
              first: again.firstPosition,
              last: again.lastPosition,
              replayed: again.replayed,
              conflicts,
            });
          }
          break;
        } catch (error) {
          if (error instanceof ConcurrencyError) {
            conflicts += 1;
            sharedVersion = await store.streamVersion(plan.shared);
            continue;
          }
          if (error instanceof LedgerBusyError) continue;
          throw error;
        }
      }
    }
    say({ done: plan.worker });
  } finally {
    await store.close();
    await pool.end();
  }
}

const argument = process.argv[2];
if (argument !== undefined && process.argv[1]?.endsWith('append-worker.js')) {
  runWorker(JSON.parse(argument) as WorkerPlan, printLine).catch((error: unknown) => {
    const e = error as { code?: unknown; message?: unknown };
    process.stderr.write(`${JSON.stringify({ failed: String(e.message), code: e.code })}\n`);
    process.exitCode = 1;
  });
}
