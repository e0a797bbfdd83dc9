import { describe, expect, it } from 'vitest';
import type { EngineUnderTest } from './engine-under-test.js';
import { comment, comments, snapshotOf, withEngine } from './fixtures.js';
import { ledgerOn, registration } from './ledger-on.js';

/**
 * Idempotency keys: a retry with the key of an earlier append returns that append's result,
 * marked `replayed`, and writes nothing.
 *
 * @example
 * ```ts
 * describeIdempotency(sqliteEngine);
 * ```
 */
export function describeIdempotency(engine: EngineUnderTest): void {
  describe('idempotency keys', () => {
    it('a retry returns the first result with replayed: true and writes nothing', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const requests = [
          { stream: 'action:I1', events: comments('i', 2) },
          { stream: 'action:I2', events: [comment('j')] },
        ];
        const first = await store.append(requests, { idempotencyKey: 'import:q3.csv', actor: 'importer' });
        expect(first.replayed).toBe(false);
        const before = await snapshotOf(store);
        // The retry may differ (another attempt at the same operation): the key decides.
        const retry = await store.append(
          [{ stream: 'action:I3', events: [comment('different')], expectedVersion: 'no-stream' }],
          { idempotencyKey: 'import:q3.csv' },
        );
        expect(retry).toEqual({ ...first, replayed: true });
        expect(await snapshotOf(store)).toEqual(before);
        expect(await store.replayed('import:q3.csv')).toEqual({ ...first, replayed: true });
      });
    });

    it('a retry replays even when its expected versions no longer hold', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const first = await store.append(
          [{ stream: 'action:I1', events: [comment('once')], expectedVersion: 'no-stream' }],
          { idempotencyKey: 'k-1' },
        );
        const retry = await store.append(
          [{ stream: 'action:I1', events: [comment('once')], expectedVersion: 'no-stream' }],
          { idempotencyKey: 'k-1' },
        );
        expect(retry).toEqual({ ...first, replayed: true });
        expect(await store.streamVersion('action:I1')).toBe(1);
      });
    });

    it('the key is kept by the ledger, not the connection: another connection replays it', async () => {
      await withEngine(engine, {}, async ({ store, reopen }) => {
        const first = await store.append([{ stream: 'action:I1', events: [comment('once')] }], {
          idempotencyKey: 'k-2',
        });
        const other = await reopen();
        const retry = await other.append([{ stream: 'action:I1', events: [comment('once')] }], {
          idempotencyKey: 'k-2',
        });
        expect(retry).toEqual({ ...first, replayed: true });
        expect((await other.head()).position).toBe(1);
      });
    });

    it('an unknown key is not replayed, and different keys append separately', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        expect(await store.replayed('never-used')).toBeUndefined();
        await store.append([{ stream: 'action:I1', events: [comment('a')] }], { idempotencyKey: 'a' });
        const b = await store.append([{ stream: 'action:I1', events: [comment('b')] }], {
          idempotencyKey: 'b',
        });
        expect(b).toMatchObject({ replayed: false, firstPosition: 2, lastPosition: 2 });
      });
    });

    it('through the ledger: a retried command returns the first result and writes nothing', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const ledger = await ledgerOn(store);
        const first = await ledger.execute(registration('IDEM1'), { idempotencyKey: 'register-IDEM1' });
        const retry = await ledger.execute(registration('IDEM1'), { idempotencyKey: 'register-IDEM1' });
        expect(retry).toEqual({ ...first, replayed: true });
        expect((await ledger.readAction('IDEM1')).length).toBe(1);
        expect((await ledger.head()).position).toBe(first.lastPosition);
      });
    });
  });
}
