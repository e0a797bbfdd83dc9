import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChainRow, ChainVerifier } from '../chain/chain-verifier.js';
import { eventHash } from '../chain/event-hash.js';
import type { VerifyResult } from '../chain/verify-result.js';
import type { EventMetadata, PendingEvent } from '../events/index.js';
import type { EventStore } from '../store/event-store.js';
import { GENESIS_HASH } from '../store/schema.js';
import type { EngineUnderTest, StoredEventField, StoredValue } from './engine-under-test.js';
import { comment, progress, readLog, runsFor, withEngine } from './fixtures.js';
import { ledgerOn } from './ledger-on.js';

const STREAMS = ['action:H1', 'action:H2', 'action:H3'] as const;
const DATES = ['2023-04-01', '2023-06-30', '2024-02-29'];

const pendingEvent: fc.Arbitrary<PendingEvent> = fc.oneof(
  fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 12 }).map((s) => `c ${s.replace(/[^ -~]/g, 'x')}`),
      fc.constantFrom(...DATES),
    )
    .map(([t, d]) => comment(t, d)),
  fc.tuple(fc.integer({ min: 0, max: 100 }), fc.constantFrom(...DATES)).map(([n, d]) => progress(n, d)),
);

const metadataValue = fc.option(fc.constantFrom('j.smith', 'cli', 'op-7', 'import:q3.csv'), {
  nil: undefined,
});

interface LogAppend {
  readonly stream: string;
  readonly events: readonly PendingEvent[];
  readonly metadata: EventMetadata;
}

const logAppend: fc.Arbitrary<LogAppend> = fc.record({
  stream: fc.constantFrom(...STREAMS),
  events: fc.array(pendingEvent, { minLength: 1, maxLength: 3 }),
  metadata: fc.record({
    actor: metadataValue,
    source: metadataValue,
    correlationId: metadataValue,
    causationId: metadataValue,
  }),
});

const randomLog = fc.array(logAppend, { minLength: 1, maxLength: 5 });

async function writeLog(store: EventStore, appends: readonly LogAppend[]): Promise<number> {
  for (const [i, { stream, events, metadata }] of appends.entries()) {
    // Every other append carries a key, so the idempotency column is tampered with too.
    await store.append(
      [{ stream, events }],
      i % 2 === 0 ? { ...metadata, idempotencyKey: `key-${i}` } : metadata,
    );
  }
  return (await store.head()).position;
}

/** Every stored row, through the port's {@link EventStore.chainRows}. */
async function chainRowsOf(store: EventStore, upTo: number, batchSize?: number): Promise<ChainRow[][]> {
  const batches: ChainRow[][] = [];
  for await (const batch of store.chainRows(0, upTo, batchSize)) batches.push(batch);
  return batches;
}

/** Walks the chain over the port's rows with core's verifier, as `verify` does. */
async function verifyOverPort(store: EventStore): Promise<VerifyResult> {
  const head = await store.head();
  const verifier = new ChainVerifier();
  // Past the head too: a row renumbered beyond it must show up as a mismatch, not hide.
  for await (const batch of store.chainRows(0, Number.MAX_SAFE_INTEGER, 2)) {
    for (const row of batch) if (!verifier.push(row)) return verifier.finish(head);
  }
  return verifier.finish(head);
}

type Alteration = {
  readonly how: 'replace' | 'insert' | 'delete' | 'null';
  readonly at: number;
  readonly delta: number;
};

const NULLABLE = new Set<StoredEventField>([
  'actor',
  'source',
  'correlationId',
  'causationId',
  'idempotencyKey',
]);
// Altering these by replacing a character could collide with another row's unique key.
const INSERT_ONLY = new Set<StoredEventField>(['eventId', 'stream']);
const FIELDS: readonly StoredEventField[] = [
  'position',
  'eventId',
  'stream',
  'streamVersion',
  'type',
  'schemaVersion',
  'dataJson',
  'effectiveOn',
  'recordedAt',
  'actor',
  'source',
  'correlationId',
  'causationId',
  'idempotencyKey',
  'prevHash',
  'hash',
];

/** A different value of the same kind as `value`; never equal to it. */
function altered(field: StoredEventField, value: StoredValue, change: Alteration): StoredValue {
  if (typeof value === 'number') {
    // Far beyond every stored position and version, so no unique key is hit.
    return value + 1_000 + change.delta;
  }
  if (value === null) return `x${change.delta}`;
  if (change.how === 'null' && NULLABLE.has(field)) return null;
  const at = value.length === 0 ? 0 : change.at % value.length;
  const how = INSERT_ONLY.has(field) || value.length === 0 ? 'insert' : change.how;
  if (how === 'delete') return value.slice(0, at) + value.slice(at + 1);
  const other = otherChar(value[at] ?? 'a', change.delta);
  if (how === 'insert') return value.slice(0, at) + other + value.slice(at);
  return value.slice(0, at) + other + value.slice(at + 1);
}

/** A printable character other than `c`. */
function otherChar(c: string, delta: number): string {
  const code = c.charCodeAt(0);
  const base = code >= 32 && code < 127 ? code - 32 : 0;
  const next = String.fromCharCode(32 + ((base + delta) % 95));
  return next === c ? (c === 'a' ? 'b' : 'a') : next;
}

/**
 * The hash chain and `verify`: each event's hash covers its stored envelope and the previous
 * hash, the head records the last, and any single altered stored field is detected.
 *
 * @example
 * ```ts
 * describeHashChain(sqliteEngine);
 * ```
 */
export function describeHashChain(engine: EngineUnderTest): void {
  describe('the hash chain and verify', () => {
    it('an empty ledger verifies with the genesis hash as its head', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        expect(await store.head()).toEqual({ position: 0, hash: GENESIS_HASH, recordedAt: null });
        expect(await store.hashAt(0)).toBe(GENESIS_HASH);
        expect(await store.hashAt(1)).toBeUndefined();
        const ledger = await ledgerOn(store);
        expect(await ledger.verify()).toEqual({
          ok: true,
          count: 0,
          headPosition: 0,
          headHash: GENESIS_HASH,
        });
      });
    });

    it('each stored row links to the previous hash and hashes its own envelope; the head records the last', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        await store.append([{ stream: 'action:H1', events: [comment('one'), progress(10)] }], {
          actor: 'a',
          idempotencyKey: 'k',
        });
        await store.append([
          { stream: 'action:H2', events: [comment('two')] },
          { stream: 'action:H1', events: [comment('three')] },
        ]);
        const log = await readLog(store);
        const rows = (await chainRowsOf(store, 4)).flat();
        expect(rows.map((r) => r.position)).toEqual([1, 2, 3, 4]);
        let previous = GENESIS_HASH;
        for (const [i, row] of rows.entries()) {
          const event = log[i]!;
          expect(row).toMatchObject({
            position: event.position,
            eventId: event.eventId,
            stream: event.stream,
            streamVersion: event.streamVersion,
            type: event.type,
            schemaVersion: event.schemaVersion,
            effectiveOn: event.effectiveOn,
            recordedAt: event.recordedAt,
            actor: event.actor,
            idempotencyKey: event.idempotencyKey,
            prevHash: previous,
            hash: event.hash,
          });
          expect(event.prevHash).toBe(previous);
          expect(JSON.parse(row.dataJson)).toEqual(event.data);
          expect(eventHash(previous, row)).toBe(row.hash);
          expect(await store.hashAt(row.position)).toBe(row.hash);
          previous = row.hash;
        }
        expect(await store.head()).toEqual({ position: 4, hash: previous, recordedAt: log[3]!.recordedAt });
        const ledger = await ledgerOn(store);
        expect(await ledger.verify()).toEqual({ ok: true, count: 4, headPosition: 4, headHash: previous });
      });
    });

    it('chainRows reads after a position, up to a position, a batch at a time', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        for (let i = 0; i < 7; i++)
          await store.append([{ stream: STREAMS[i % 3]!, events: [comment(`n${i}`)] }]);
        const batches: ChainRow[][] = [];
        for await (const batch of store.chainRows(2, 6, 3)) batches.push(batch);
        expect(batches.map((b) => b.map((r) => r.position))).toEqual([[3, 4, 5], [6]]);
        const all = (await chainRowsOf(store, 7, 1000)).flat();
        expect(all.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      });
    });

    it('property: any single altered stored field is detected by verify', async () => {
      const alteration: fc.Arbitrary<Alteration> = fc.record({
        how: fc.constantFrom('replace' as const, 'insert' as const, 'delete' as const, 'null' as const),
        at: fc.nat(),
        delta: fc.integer({ min: 1, max: 94 }),
      });
      await fc.assert(
        fc.asyncProperty(
          randomLog,
          fc.nat(),
          fc.constantFrom(...FIELDS),
          alteration,
          (appends, pick, field, change) =>
            withEngine(engine, {}, async ({ store, raw }) => {
              const count = await writeLog(store, appends);
              const ledger = await ledgerOn(store);
              expect((await ledger.verify()).ok).toBe(true);
              const position = (pick % count) + 1;
              const row = (await chainRowsOf(store, count)).flat()[position - 1]!;
              const value = altered(field, row[field], change);
              expect(value).not.toEqual(row[field]);
              await raw.tamper(position, { [field]: value });
              const result = await ledger.verify();
              expect(
                result.ok,
                `altering ${field} of position ${position} to ${JSON.stringify(value)} went unnoticed`,
              ).toBe(false);
              expect((await verifyOverPort(store)).ok).toBe(false);
            }),
        ),
        { numRuns: runsFor(engine, 2), endOnFailure: true },
      );
    });

    it('property: a removed event is detected by verify', async () => {
      await fc.assert(
        fc.asyncProperty(randomLog, fc.nat(), (appends, pick) =>
          withEngine(engine, {}, async ({ store, raw }) => {
            const count = await writeLog(store, appends);
            const ledger = await ledgerOn(store);
            const position = (pick % count) + 1;
            await raw.tamperDelete(position);
            const result = await ledger.verify();
            expect(result.ok).toBe(false);
            if (!result.ok) expect(result.break.kind).toBe(position === count ? 'head-mismatch' : 'gap');
          }),
        ),
        { numRuns: runsFor(engine, 0.5), endOnFailure: true },
      );
    });
  });
}
