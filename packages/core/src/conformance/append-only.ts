import { describe, expect, it } from 'vitest';
import type { ChainRow } from '../chain/chain-verifier.js';
import type { EngineUnderTest, StoredEventField, StoredValue } from './engine-under-test.js';
import { comment, comments, readLog, rejectionOf, snapshotOf, withEngine } from './fixtures.js';
import { ledgerOn } from './ledger-on.js';

/** A changed value of the same kind for each stored field: what a forger would write. */
const FORGED: Readonly<Record<StoredEventField, StoredValue>> = {
  position: 99,
  eventId: '0190b1a4-0000-7000-8000-00000000f0f0',
  stream: 'action:FORGED',
  streamVersion: 99,
  type: 'ProgressUpdated',
  schemaVersion: 7,
  dataJson: '{"comment":"forged"}',
  effectiveOn: '2020-01-01',
  recordedAt: '2020-01-01T00:00:00.000000Z',
  actor: 'mallory',
  source: 'forgery',
  correlationId: 'forged',
  causationId: 'forged',
  idempotencyKey: 'forged',
  prevHash: 'f'.repeat(64),
  hash: 'e'.repeat(64),
};

const FIELDS = Object.keys(FORGED) as StoredEventField[];

/**
 * Append-only storage enforced by the database itself: a plain client's `UPDATE`, `DELETE` or
 * upsert of a stored event is refused, whatever the library does.
 *
 * @example
 * ```ts
 * describeAppendOnly(sqliteEngine);
 * ```
 */
export function describeAppendOnly(engine: EngineUnderTest): void {
  describe('append-only storage', () => {
    it.each(FIELDS)(
      'a raw UPDATE of %s is refused by the database; the event is unchanged',
      async (field) => {
        await withEngine(engine, {}, async ({ store, raw }) => {
          await store.append([{ stream: 'action:AO1', events: comments('keep', 3) }], { actor: 'j.smith' });
          const before = await snapshotOf(store);
          for (const position of [1, 2, 3]) {
            await rejectionOf(raw.tryUpdate(position, field, FORGED[field]));
          }
          expect(await snapshotOf(store)).toEqual(before);
        });
      },
    );

    it('a raw DELETE of the first, a middle or the last event is refused; the log is unchanged', async () => {
      await withEngine(engine, {}, async ({ store, raw }) => {
        await store.append([{ stream: 'action:AO1', events: comments('keep', 3) }]);
        const before = await snapshotOf(store);
        for (const position of [1, 2, 3]) await rejectionOf(raw.tryDelete(position));
        expect(await snapshotOf(store)).toEqual(before);
      });
    });

    it("an upsert over a stored event (the engine's INSERT … replace form) is refused; the log is unchanged", async () => {
      await withEngine(engine, {}, async ({ store, raw }) => {
        await store.append([{ stream: 'action:AO1', events: comments('keep', 3) }]);
        const before = await snapshotOf(store);
        const forgeries: Partial<Record<keyof ChainRow, StoredValue>>[] = [
          { dataJson: '{"comment":"forged"}' },
          { recordedAt: '2020-01-01T00:00:00.000000Z' },
          { actor: 'mallory' },
        ];
        for (const position of [1, 2, 3]) {
          for (const changes of forgeries) await rejectionOf(raw.tryReplace(position, changes));
        }
        expect(await snapshotOf(store)).toEqual(before);
      });
    });

    it('after a refused UPDATE and DELETE the chain verifies and appends continue', async () => {
      await withEngine(engine, {}, async ({ store, raw }) => {
        await store.append([{ stream: 'action:AO1', events: comments('keep', 2) }]);
        await rejectionOf(raw.tryUpdate(1, 'dataJson', FORGED.dataJson));
        await rejectionOf(raw.tryDelete(2));
        await store.append([{ stream: 'action:AO1', events: [comment('next')], expectedVersion: 2 }]);
        expect((await readLog(store)).map((e) => e.position)).toEqual([1, 2, 3]);
        const ledger = await ledgerOn(store);
        expect(await ledger.verify()).toMatchObject({ ok: true, count: 3, headPosition: 3 });
      });
    });
  });
}
