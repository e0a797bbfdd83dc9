import { describe, expect, it } from 'vitest';
import type { ChainRow } from '../chain/chain-verifier.js';
import { eventHash } from '../chain/event-hash.js';
import { UnknownSchemaVersionError } from '../errors/index.js';
import type { Upcaster } from '../events/upcasters.js';
import type { EventStore } from '../store/event-store.js';
import { formatRecordedAt, parseRecordedAt } from '../store/recorded-clock.js';
import type { EngineUnderTest, RawEventAccess } from './engine-under-test.js';
import { CLOCK_START, expectLedgerError, readLog, rejectionOf, withEngine } from './fixtures.js';
import { ledgerOn, registration } from './ledger-on.js';

/** Reads a `CommentAdded` stored at schema version 0 as `{ text }`: today's shape is `{ comment }`. */
const legacyComment: Upcaster = {
  type: 'CommentAdded',
  fromVersion: 0,
  upcast: (data) => ({ comment: (data as { text: string }).text }),
};

/**
 * Stores an event after the head as an older build did, correctly chained: a `CommentAdded` at
 * `schemaVersion` with `data`.
 */
async function storeOlderEvent(
  store: EventStore,
  raw: RawEventAccess,
  stream: string,
  schemaVersion: number,
  dataJson: string,
): Promise<ChainRow> {
  const head = await store.head();
  const recordedMicros =
    (head.recordedAt === null ? parseRecordedAt(CLOCK_START) : parseRecordedAt(head.recordedAt)) + 1_000;
  const fields = {
    position: head.position + 1,
    eventId: `0190b1a4-0000-7000-8000-${String(head.position + 1).padStart(12, '0')}`,
    stream,
    streamVersion: (await store.streamVersion(stream)) + 1,
    type: 'CommentAdded',
    schemaVersion,
    dataJson,
    effectiveOn: '2023-05-01',
    recordedAt: formatRecordedAt(recordedMicros),
    actor: null,
    source: null,
    correlationId: null,
    causationId: null,
    idempotencyKey: null,
  };
  const row: ChainRow = { ...fields, prevHash: head.hash, hash: eventHash(head.hash, fields) };
  await raw.appendRows([row]);
  return row;
}

/**
 * Upcasting: an older schema version's stored data is read in today's shape through an
 * upcaster, its stored bytes (and so the chain) untouched; without one it is refused.
 *
 * @example
 * ```ts
 * describeUpcasting(sqliteEngine);
 * ```
 */
export function describeUpcasting(engine: EngineUnderTest): void {
  describe('upcasting', () => {
    it("an older schema version's data reads in the current shape through an upcaster; the stored version is kept", async () => {
      await withEngine(engine, { upcasters: [legacyComment] }, async ({ store, raw }) => {
        const ledger = await ledgerOn(store);
        await ledger.execute(registration('U1'));
        const row = await storeOlderEvent(store, raw, 'action:U1', 0, '{"text":"Legacy"}');
        const [, legacy] = await store.readStream('action:U1');
        expect(legacy).toMatchObject({
          type: 'CommentAdded',
          schemaVersion: 0,
          data: { comment: 'Legacy' },
          hash: row.hash,
        });
        expect((await readLog(store)).at(-1)).toEqual(legacy);
        const facts = await store.readStreamFacts('action:U1');
        expect(facts[1]).toMatchObject({ type: 'CommentAdded', data: { comment: 'Legacy' } });
        const state = await ledger.getAction('U1');
        expect(state?.lastComment).toEqual({ text: 'Legacy', effectiveOn: '2023-05-01' });
        // The chain covers the bytes as stored, and continues after them.
        expect(await ledger.verify()).toMatchObject({ ok: true, count: 2 });
        await ledger.execute({ type: 'AddComment', code: 'U1', effectiveOn: '2023-06-01', comment: 'New' });
        expect(await ledger.verify()).toMatchObject({ ok: true, count: 3 });
        expect((await ledger.getAction('U1'))?.lastComment?.text).toBe('New');
      });
    });

    it('without an upcaster, reading an older schema version is refused with UNKNOWN_SCHEMA_VERSION', async () => {
      await withEngine(engine, {}, async ({ store, raw }) => {
        const ledger = await ledgerOn(store);
        await ledger.execute(registration('U1'));
        await storeOlderEvent(store, raw, 'action:U1', 0, '{"text":"Legacy"}');
        const error = await expectLedgerError(store.readStream('action:U1'), 'UNKNOWN_SCHEMA_VERSION');
        expect(error).toBeInstanceOf(UnknownSchemaVersionError);
        expect(error).toMatchObject({ eventType: 'CommentAdded', schemaVersion: 0, currentVersion: 1 });
        await expectLedgerError(ledger.getAction('U1'), 'UNKNOWN_SCHEMA_VERSION');
        // Verification reads stored bytes, not shapes: the chain is intact.
        expect((await ledger.verify()).ok).toBe(true);
      });
    });

    it('a schema version newer than the catalogue is refused even with upcasters', async () => {
      await withEngine(engine, { upcasters: [legacyComment] }, async ({ store, raw }) => {
        await storeOlderEvent(store, raw, 'action:U2', 2, '{"comment":"From the future"}');
        const error = await rejectionOf(store.readStream('action:U2'));
        expect(error).toBeInstanceOf(UnknownSchemaVersionError);
      });
    });
  });
}
