import { describe, expect, it } from 'vitest';
import type { ChainRow } from '../chain/chain-verifier.js';
import { eventHash } from '../chain/event-hash.js';
import { VerificationFailedError } from '../errors/verification-failed-error.js';
import { copyLedger } from '../store/copy-ledger.js';
import type { EventStore } from '../store/event-store.js';
import { GENESIS_HASH } from '../store/schema.js';
import type { EngineUnderTest, OpenedEngine } from './engine-under-test.js';
import {
  comment,
  comments,
  conformanceClock,
  expectLedgerError,
  progress,
  readLog,
  snapshotOf,
} from './fixtures.js';
import { ledgerOn } from './ledger-on.js';

/** Opens two fresh ledgers of the engine, runs `work` on them and disposes of both. */
async function withTwo(
  engine: EngineUnderTest,
  work: (source: OpenedEngine, target: OpenedEngine) => Promise<void>,
): Promise<void> {
  const source = await engine.open({ clock: conformanceClock() });
  try {
    // The target's clock runs a day later, so its own appends are never before the copied rows.
    const target = await engine.open({ clock: conformanceClock('2024-01-16T09:00:00Z') });
    try {
      await work(source, target);
    } finally {
      await target.dispose();
    }
  } finally {
    await source.dispose();
  }
}

/** A few appends over two streams, with metadata and an idempotency key. */
async function writeSome(store: EventStore, label: string): Promise<void> {
  await store.append([{ stream: 'action:C1', events: [comment(`${label} one`), progress(10)] }], {
    actor: 'j.smith',
    source: 'cli',
    idempotencyKey: `${label}-key`,
  });
  await store.append([
    { stream: 'action:C2', events: comments(`${label} c2 `, 3) },
    { stream: 'action:C1', events: [progress(40, '2023-09-30')] },
  ]);
}

async function rowsOf(store: EventStore, after = 0): Promise<ChainRow[]> {
  const rows: ChainRow[] = [];
  for await (const batch of store.chainRows(after, Number.MAX_SAFE_INTEGER)) rows.push(...batch);
  return rows;
}

/** Everything a copy could change on the target, to compare before and after a refusal. */
async function targetState(store: EventStore) {
  return { ...(await snapshotOf(store)), origin: await store.origin(), rows: await rowsOf(store) };
}

/**
 * Copying a ledger between two stores of the engine: `appendCopied` writes stored rows verbatim
 * (same positions, recorded times, hashes, origin), checked row by row and all or nothing per
 * call, and `copyLedger` streams a whole ledger through it, incrementally, verified at the end.
 *
 * @example
 * ```ts
 * describeCopyLedger(sqliteEngine);
 * ```
 */
export function describeCopyLedger(engine: EngineUnderTest): void {
  describe('copying a ledger (appendCopied, copyLedger)', () => {
    it('a copy has the same rows, origin and head hash, verifies, and takes appends afterwards', async () => {
      await withTwo(engine, async (source, target) => {
        await writeSome(source.store, 'a');
        const origin = await source.store.origin();
        const progressSeen: number[] = [];
        const result = await copyLedger(source.store, target.store, {
          batchSize: 2,
          onProgress: (p) => progressSeen.push(p.copied),
        });
        const head = await source.store.head();
        expect(result).toEqual({ copied: 6, events: 6, headHash: head.hash, origin });
        expect(progressSeen).toEqual([2, 4, 6]);
        expect(await target.store.head()).toEqual(head);
        expect(await target.store.origin()).toBe(origin);
        expect(await rowsOf(target.store)).toEqual(await rowsOf(source.store));
        expect(await readLog(target.store)).toEqual(await readLog(source.store));
        const ledger = await ledgerOn(target.store);
        expect(await ledger.verify()).toEqual({ ok: true, count: 6, headPosition: 6, headHash: head.hash });
        // The copy is the ledger: stream versions, idempotency keys and positions carry on.
        expect(await target.store.streamVersion('action:C1')).toBe(3);
        const replayed = await target.store.append([{ stream: 'action:C1', events: [comment('again')] }], {
          idempotencyKey: 'a-key',
        });
        expect(replayed).toMatchObject({ replayed: true, firstPosition: 1, lastPosition: 2 });
        const next = await target.store.append([
          { stream: 'action:C1', events: [comment('after the copy')], expectedVersion: 3 },
        ]);
        expect(next).toMatchObject({ firstPosition: 7, replayed: false, streamVersions: { 'action:C1': 4 } });
        expect(next.events[0]!.prevHash).toBe(head.hash);
        expect((await ledger.verify()).ok).toBe(true);
      });
    });

    it('copying an empty ledger copies nothing; the target takes the origin with the first events', async () => {
      await withTwo(engine, async (source, target) => {
        const origin = await source.store.origin();
        expect(await copyLedger(source.store, target.store)).toEqual({
          copied: 0,
          events: 0,
          headHash: GENESIS_HASH,
          origin,
        });
        expect((await target.store.head()).position).toBe(0);
        await writeSome(source.store, 'a');
        expect(await copyLedger(source.store, target.store)).toMatchObject({ copied: 6, events: 6, origin });
        expect(await target.store.origin()).toBe(origin);
      });
    });

    it('copying again after more appends copies only the new rows and ends at the same head', async () => {
      await withTwo(engine, async (source, target) => {
        await writeSome(source.store, 'a');
        expect((await copyLedger(source.store, target.store)).copied).toBe(6);
        expect(await copyLedger(source.store, target.store)).toMatchObject({ copied: 0, events: 6 });
        await writeSome(source.store, 'b');
        const result = await copyLedger(source.store, target.store);
        const head = await source.store.head();
        expect(result).toMatchObject({ copied: 6, events: 12, headHash: head.hash });
        expect(await target.store.head()).toEqual(head);
        expect(await rowsOf(target.store)).toEqual(await rowsOf(source.store));
        expect((await (await ledgerOn(target.store)).verify()).ok).toBe(true);
      });
    });

    it('appendCopied writes verbatim rows continuing the head, and an empty call writes nothing', async () => {
      await withTwo(engine, async (source, target) => {
        await writeSome(source.store, 'a');
        const origin = await source.store.origin();
        const rows = await rowsOf(source.store);
        const before = await targetState(target.store);
        await target.store.appendCopied(origin, []);
        expect(await targetState(target.store)).toEqual(before);
        expect(await target.store.head()).toEqual({ position: 0, hash: GENESIS_HASH, recordedAt: null });
        await target.store.appendCopied(origin, rows.slice(0, 2));
        expect(await target.store.origin()).toBe(origin);
        await target.store.appendCopied(origin, rows.slice(2));
        expect(await rowsOf(target.store)).toEqual(rows);
        expect((await target.store.head()).hash).toBe(rows.at(-1)!.hash);
      });
    });

    it('a tampered row is refused naming its position, and nothing of the call is written', async () => {
      await withTwo(engine, async (source, target) => {
        await writeSome(source.store, 'a');
        const origin = await source.store.origin();
        const rows = await rowsOf(source.store);
        const before = await targetState(target.store);
        const tampered = rows.map((row) =>
          row.position === 3 ? { ...row, dataJson: '{"comment":"forged"}' } : row,
        );
        const error = await expectLedgerError(
          target.store.appendCopied(origin, tampered),
          'VERIFICATION_FAILED',
        );
        expect(error).toBeInstanceOf(VerificationFailedError);
        expect((error as VerificationFailedError).break).toMatchObject({
          kind: 'hash-mismatch',
          position: 3,
        });
        expect(error.message).toMatch(/position 3/);
        expect(await targetState(target.store)).toEqual(before);
        // Rehashing the forged row does not help: the next row no longer links to it.
        const forged = { ...tampered[2]!, hash: eventHash(tampered[2]!.prevHash, tampered[2]!) };
        const relinked = rows.map((row) => (row.position === 3 ? forged : row));
        const again = await expectLedgerError(
          target.store.appendCopied(origin, relinked),
          'VERIFICATION_FAILED',
        );
        expect(again.message).toMatch(/position 4/);
        // Nor do recorded times out of order, or a stream version skipped.
        const backdated = rows
          .slice(0, 2)
          .map((row, i) =>
            i === 1 ? rehashed(row, rows[0]!.hash, { recordedAt: rows[0]!.recordedAt }) : row,
          );
        expect(
          (await expectLedgerError(target.store.appendCopied(origin, backdated), 'VERIFICATION_FAILED'))
            .message,
        ).toMatch(/position 2/);
        const skipped = [rows[0]!, rehashed(rows[1]!, rows[0]!.hash, { streamVersion: 5 })];
        expect(
          (await expectLedgerError(target.store.appendCopied(origin, skipped), 'VERIFICATION_FAILED'))
            .message,
        ).toMatch(/position 2/);
        expect(await targetState(target.store)).toEqual(before);
      });
    });

    it('a row repeating a stored event id (rehashed to link) is refused naming its position, and nothing is written', async () => {
      await withTwo(engine, async (source, target) => {
        await writeSome(source.store, 'a');
        const origin = await source.store.origin();
        const rows = await rowsOf(source.store);
        await target.store.appendCopied(origin, rows.slice(0, 2));
        const before = await targetState(target.store);
        // Only the target's unique key on event ids can catch it: the chain itself links.
        const repeated = rehashed(rows[2]!, rows[1]!.hash, { eventId: rows[0]!.eventId });
        const error = await expectLedgerError(
          target.store.appendCopied(origin, [repeated]),
          'VALIDATION_FAILED',
        );
        expect(error.message).toMatch(/position 3 repeats event id/);
        expect(await targetState(target.store)).toEqual(before);
      });
    });

    it('a tampered source is refused by copyLedger at that row, and the target stays verifiable', async () => {
      await withTwo(engine, async (source, target) => {
        await writeSome(source.store, 'a');
        await source.raw.tamper(5, { dataJson: '{"comment":"forged"}' });
        const error = await expectLedgerError(
          copyLedger(source.store, target.store, { batchSize: 2 }),
          'VERIFICATION_FAILED',
        );
        expect(error.message).toMatch(/position 5/);
        // The batches before it arrived whole; the broken one not at all.
        expect((await target.store.head()).position).toBe(4);
        expect((await (await ledgerOn(target.store)).verify()).ok).toBe(true);
      });
    });

    it('rows of another origin are refused by a ledger with events', async () => {
      await withTwo(engine, async (source, target) => {
        await writeSome(source.store, 'a');
        const origin = await source.store.origin();
        const rows = await rowsOf(source.store);
        await target.store.appendCopied(origin, rows.slice(0, 3));
        const before = await targetState(target.store);
        await expectLedgerError(
          target.store.appendCopied('another-origin-0000', rows.slice(3)),
          'VALIDATION_FAILED',
        );
        expect(await targetState(target.store)).toEqual(before);
      });
    });

    it('a target with other history is refused, whichever way the rows come, and nothing is written', async () => {
      await withTwo(engine, async (source, target) => {
        await writeSome(source.store, 'a');
        await writeSome(target.store, 'own');
        const before = await targetState(target.store);
        const origin = await source.store.origin();
        const rows = await rowsOf(source.store);
        const copied = await expectLedgerError(copyLedger(source.store, target.store), 'VALIDATION_FAILED');
        expect(copied.message).toMatch(/other history/);
        await expectLedgerError(target.store.appendCopied(origin, rows), 'VALIDATION_FAILED');
        expect(await targetState(target.store)).toEqual(before);
      });
    });

    it('rows that do not continue the head are refused naming the position', async () => {
      await withTwo(engine, async (source, target) => {
        await writeSome(source.store, 'a');
        const origin = await source.store.origin();
        const rows = await rowsOf(source.store);
        const gap = await expectLedgerError(
          target.store.appendCopied(origin, rows.slice(1)),
          'VALIDATION_FAILED',
        );
        expect(gap.message).toMatch(/position 2/);
        await target.store.appendCopied(origin, rows.slice(0, 2));
        const before = await targetState(target.store);
        // Again from the start: positions 1 and 2 are stored already.
        const repeated = await expectLedgerError(
          target.store.appendCopied(origin, rows),
          'VALIDATION_FAILED',
        );
        expect(repeated.message).toMatch(/position 1/);
        const holes = [rows[2]!, rows[4]!];
        expect(
          (await expectLedgerError(target.store.appendCopied(origin, holes), 'VERIFICATION_FAILED')).message,
        ).toMatch(/position/);
        await expectLedgerError(target.store.appendCopied(origin, 'not rows' as never), 'VALIDATION_FAILED');
        const malformed = [{ ...rows[2]!, position: '3' as unknown as number }];
        await expectLedgerError(target.store.appendCopied(origin, malformed), 'VALIDATION_FAILED');
        expect(await targetState(target.store)).toEqual(before);
        // Diverged: the same origin, but the target went on by itself.
        await target.store.append([{ stream: 'action:C9', events: [comment('only here')] }]);
        const diverged = await expectLedgerError(copyLedger(source.store, target.store), 'VALIDATION_FAILED');
        expect(diverged.message).toMatch(/other history/);
        expect(
          (await expectLedgerError(target.store.appendCopied(origin, rows.slice(3)), 'VALIDATION_FAILED'))
            .message,
        ).toMatch(/position 4/);
      });
    });

    it('a read-only store refuses appendCopied with READ_ONLY', async () => {
      await withTwo(engine, async (source, target) => {
        await writeSome(source.store, 'a');
        const readonly = await target.reopenReadonly();
        const rows = await rowsOf(source.store);
        await expectLedgerError(readonly.appendCopied(await source.store.origin(), rows), 'READ_ONLY');
        await expectLedgerError(copyLedger(source.store, readonly), 'READ_ONLY');
        expect((await target.store.head()).position).toBe(0);
      });
    });
  });
}

/** `row` with some fields changed and its hash recomputed after `prevHash`. */
function rehashed(row: ChainRow, prevHash: string, changes: Partial<ChainRow>): ChainRow {
  const changed = { ...row, ...changes, prevHash };
  return { ...changed, hash: eventHash(prevHash, changed) };
}
