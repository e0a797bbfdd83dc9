// An OS process that appends to a shared ledger file and writes an ack line only after each
// append returns. Spawned by the concurrency and crash scenarios; see scenarios/*.ts.
import { type AppendRequest, type CommandInput, ConcurrencyError, type Ledger } from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import { type AckLine, AckWriter } from '../support/ack-log.js';
import { seededRandom } from '../support/random.js';
import { standardProjections } from '../support/standard-projections.js';
import type { AppendWorkerConfig } from '../support/worker-configs.js';
import { waitForGo } from '../support/worker-main.js';
import { SHARED_ACTIONS, Workload } from '../support/workload.js';

const config = JSON.parse(process.argv[2] ?? '{}') as AppendWorkerConfig;
const log = new AckWriter(config.log);
const random = seededRandom(config.seed);
const workload = new Workload(config.prefix, random, { shared: config.shared });
const pause = new Int32Array(new SharedArrayBuffer(4));

function errorLine(batch: string | null, error: unknown): AckLine {
  const e = error as { name?: unknown; code?: unknown; message?: unknown };
  return {
    k: 'error',
    b: batch,
    name: String(e?.name ?? typeof error),
    code: typeof e?.code === 'string' ? e.code : null,
    message: String(e?.message ?? error).slice(0, 500),
  };
}

function raceWindow(): void {
  if (config.raceWindowMs > 0 && random.chance(0.5)) {
    Atomics.wait(pause, 0, 0, random.next() * config.raceWindowMs);
  }
}

function ackDelay(): void {
  const most = config.ackDelayMs ?? 0;
  if (most > 0) Atomics.wait(pause, 0, 0, random.next() * most);
}

function pickWeighted(): keyof AppendWorkerConfig['mix'] {
  const { mix } = config;
  const kinds = ['exec', 'raw', 'multi', 'replay'] as const;
  let roll = random.next() * (mix.exec + mix.raw + mix.multi + mix.replay);
  for (const kind of kinds) {
    roll -= mix[kind];
    if (roll < 0) return kind;
  }
  return 'replay';
}

interface Sent {
  readonly b: string;
  readonly cmds: readonly CommandInput[];
  readonly first: number;
  readonly last: number;
}

async function run(ledger: Ledger): Promise<void> {
  const sent: Sent[] = [];
  let conflicts = 0;
  let replays = 0;
  let slowest = 0;
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      slowest = Math.max(slowest, performance.now() - started);
    }
  };
  const metadata = (b: string) => ({
    correlationId: b,
    actor: `worker ${config.prefix}`,
    source: 'reliability',
  });
  for (let i = 1; i <= config.batches; i++) {
    const b = `${config.prefix}-b${i}`;
    let op = pickWeighted();
    if (op === 'replay' && sent.length === 0) op = 'exec';
    if (op === 'replay') {
      const earlier = random.pick(sent);
      try {
        const result = await timed(
          async () =>
            await ledger.executeAll(earlier.cmds, { ...metadata(earlier.b), idempotencyKey: earlier.b }),
        );
        replays += 1;
        if (
          !result.replayed ||
          result.firstPosition !== earlier.first ||
          result.lastPosition !== earlier.last
        ) {
          log.write({
            k: 'anomaly',
            b: earlier.b,
            message: `a repeated idempotency key was not replayed: ${JSON.stringify({ ...result, events: result.events.length })}`,
          });
        }
      } catch (error) {
        log.write(errorLine(earlier.b, error));
      }
      continue;
    }
    if (op === 'exec') {
      const cmds = workload.batch(b, random.int(1, config.maxBatch));
      log.write({ k: 'intent', b, op, n: cmds.length, cmds });
      try {
        const result = await timed(
          async () => await ledger.executeAll(cmds, { ...metadata(b), idempotencyKey: b }),
        );
        ackDelay();
        log.write({
          k: 'ack',
          b,
          op,
          first: result.firstPosition,
          last: result.lastPosition,
          ids: result.events.map((event) => event.eventId),
          replayed: result.replayed,
        });
        sent.push({ b, cmds, first: result.firstPosition, last: result.lastPosition });
        if (result.events.length !== cmds.length) {
          log.write({
            k: 'anomaly',
            b,
            message: `${cmds.length} commands wrote ${result.events.length} events`,
          });
        }
      } catch (error) {
        log.write(errorLine(b, error));
      }
      continue;
    }
    // raw or multi: decided events appended with exact expected versions; conflicts are retried.
    const streams =
      op === 'raw'
        ? [`action:${random.pick(SHARED_ACTIONS)}`]
        : (() => {
            const first = random.int(0, SHARED_ACTIONS.length - 1);
            const second = (first + random.int(1, SHARED_ACTIONS.length - 1)) % SHARED_ACTIONS.length;
            return [`action:${SHARED_ACTIONS[first]}`, `action:${SHARED_ACTIONS[second]}`];
          })();
    const size = op === 'raw' ? random.int(1, 3) : 2;
    const events = workload.rawEvents(b, size);
    for (let attempt = 1; ; attempt++) {
      const requests: AppendRequest[] = [];
      for (const [index, stream] of streams.entries()) {
        requests.push({
          stream,
          events: op === 'raw' ? events : events.slice(index, index + 1),
          expectedVersion: await ledger.store.streamVersion(stream),
        });
      }
      raceWindow();
      log.write({ k: 'intent', b, op, n: size });
      try {
        const result = await timed(async () => await ledger.appendMany(requests, metadata(b)));
        ackDelay();
        log.write({
          k: 'ack',
          b,
          op,
          first: result.firstPosition,
          last: result.lastPosition,
          ids: result.events.map((event) => event.eventId),
          replayed: result.replayed,
        });
        break;
      } catch (error) {
        if (error instanceof ConcurrencyError && attempt < 10_000) {
          conflicts += 1;
          log.write({ k: 'conflict', b, stream: error.stream });
          continue;
        }
        log.write(errorLine(b, error));
        break;
      }
    }
  }
  log.write({ k: 'done', batches: config.batches, conflicts, replays, slowestMs: Math.round(slowest) });
}

let ledger: Ledger;
try {
  ledger = await openLedger({
    file: config.file,
    durability: config.durability,
    busyTimeoutMs: config.busyTimeoutMs,
    ...(config.inlineProjections ? { projections: standardProjections } : {}),
  });
} catch (error) {
  log.write(errorLine(null, error));
  process.exit(3);
}
log.write({ k: 'ready', pid: process.pid });
await waitForGo();
await run(ledger);
await ledger.close();
log.close();
process.disconnect?.();
