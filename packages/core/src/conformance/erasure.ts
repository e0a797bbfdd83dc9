import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../action/commands.js';
import type { ChainRow } from '../chain/chain-verifier.js';
import { IntegrityError } from '../integrity/integrity-error.js';
import type { Ledger } from '../ledger/ledger.js';
import { markerDigest, personalDigest } from '../personal-data/personal-marker.js';
import { copyLedger } from '../store/copy-ledger.js';
import type { EventStore } from '../store/event-store.js';
import type { EngineUnderTest } from './engine-under-test.js';
import {
  CLOCK_START,
  conformanceClock,
  expectLedgerError,
  readLog,
  runsFor,
  snapshotOf,
  withEngine,
} from './fixtures.js';
import { ledgerOn, registration } from './ledger-on.js';

const ERASED = `[erased on ${CLOCK_START.slice(0, 10)}]`;

function addComment(code: string, comment: string, effectiveOn = '2023-06-30'): CommandInput {
  return { type: 'AddComment', code, comment, effectiveOn } as CommandInput;
}

function revise(code: string, to: string, reason: string, approver: string): CommandInput {
  return { type: 'ReviseDueDate', code, effectiveOn: '2023-07-15', to, reason, approver } as CommandInput;
}

async function erasable(store: EventStore): Promise<Ledger> {
  const ledger = await ledgerOn(store);
  await ledger.enablePersonalDataErasure();
  return ledger;
}

async function rowsOf(store: EventStore): Promise<ChainRow[]> {
  const rows: ChainRow[] = [];
  for await (const batch of store.chainRows(0, Number.MAX_SAFE_INTEGER)) rows.push(...batch);
  return rows;
}

/** Every read path of the port, as plain data: what readers are handed. */
async function everyRead(ledger: Ledger, code: string) {
  const store = ledger.store;
  const effective: unknown[] = [];
  for await (const batch of store.readByEffectiveDate({})) effective.push(...batch.map((e) => e.data));
  return {
    log: (await readLog(store)).map((e) => e.data),
    stream: (await store.readStream(`action:${code}`)).map((e) => e.data),
    facts: (await store.readStreamFacts(`action:${code}`)).map((e) => e.data),
    effective,
    state: await ledger.getAction(code),
  };
}

/**
 * Erasable personal data (docs/erasure.md): once a ledger's personal data is erasable, the
 * text of personal-data fields is kept beside the log and the chain holds salted digests; reads
 * put the text back; an erasure removes it while the chain verifies; a side table altered
 * behind the ledger's back is found; copies carry texts and erasures.
 */
export function describeErasure(engine: EngineUnderTest): void {
  describe('erasable personal data', () => {
    it('a ledger keeps format 1 (text in the chain) until erasure is enabled, and only new events are sealed', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const ledger = await ledgerOn(store);
        expect(await ledger.personalDataFormat()).toEqual({ version: 1 });
        await ledger.executeAll([registration('E1'), addComment('E1', 'Before, by J. Smith')]);
        expect(await ledger.enablePersonalDataErasure()).toEqual({ version: 2, since: 3 });
        expect(await ledger.enablePersonalDataErasure()).toEqual({ version: 2, since: 3 });
        await ledger.execute(addComment('E1', 'After, by J. Smith'));
        const rows = await rowsOf(store);
        expect(JSON.parse(rows[1]!.dataJson)).toEqual({ comment: 'Before, by J. Smith' });
        const sealed = JSON.parse(rows[2]!.dataJson) as { comment: unknown };
        expect(markerDigest(sealed.comment)).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(rows[2]!.dataJson).not.toContain('Smith');
        const text = rows[2]!.personal!.texts[0]!;
        expect(personalDigest(text.salt, text.text)).toBe(markerDigest(sealed.comment));
        const error = await expectLedgerError(
          ledger.erasePersonalData({ position: 2, reason: 'SAR-1', actor: 'dpo' }),
          'RULE_VIOLATION',
        );
        expect(error.message).toMatch(/position 2.*before personal data became erasable/);
        expect((await ledger.verify()).ok).toBe(true);
      });
    });

    it('text round trips: every read path gives the text as given, and the chain verifies', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const ledger = await erasable(store);
        await ledger.execute(registration('E1'));
        await ledger.execute(addComment('E1', 'Awaiting J. Smith ✓ – café'));
        await ledger.execute(revise('E1', '2024-06-30', 'Delayed by Ms Patel', 'A. Jones'));
        const reads = await everyRead(ledger, 'E1');
        expect(reads.stream[1]).toEqual({ comment: 'Awaiting J. Smith ✓ – café' });
        expect(reads.stream[2]).toMatchObject({ reason: 'Delayed by Ms Patel', approver: 'A. Jones' });
        expect(reads.log).toEqual(reads.stream);
        expect(reads.facts).toEqual(reads.stream);
        expect(reads.effective).toHaveLength(3);
        expect(reads.state?.lastComment?.text).toBe('Awaiting J. Smith ✓ – café');
        const raw = (await rowsOf(store)).map((row) => row.dataJson).join('\n');
        for (const name of ['Smith', 'Patel', 'Jones']) expect(raw).not.toContain(name);
        expect((await ledger.verify()).ok).toBe(true);
      });
    });

    it('an erasure keeps the chain verifying, and erased fields read as "[erased on DATE]" everywhere', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const ledger = await erasable(store);
        await ledger.execute(registration('E1'));
        await ledger.execute(addComment('E1', 'Awaiting J. Smith'));
        await ledger.execute(revise('E1', '2024-06-30', 'Delayed by Ms Patel', 'A. Jones'));
        const before = await rowsOf(store);
        const head = await store.head();
        const erased = await ledger.erasePersonalData({
          eventId: before[2]!.eventId,
          fields: ['approver'],
          reason: 'Retention schedule R4',
          actor: 'dpo',
        });
        expect(erased).toEqual({
          position: 3,
          eventId: before[2]!.eventId,
          fields: ['approver'],
          erasurePosition: 4,
          erasedOn: CLOCK_START.slice(0, 10),
        });
        await ledger.erasePersonalData({ position: 2, reason: 'SAR-2024-017', actor: 'dpo' });
        const after = await rowsOf(store);
        // The chain is untouched: the same rows and hashes, two erasure events after them.
        expect(after.slice(0, 3).map(({ personal: _, ...row }) => row)).toEqual(
          before.map(({ personal: _, ...row }) => row),
        );
        expect(after[3]).toMatchObject({ type: 'PersonalDataErased', prevHash: head.hash, actor: 'dpo' });
        expect(JSON.parse(after[4]!.dataJson)).toEqual({
          position: 2,
          eventId: before[1]!.eventId,
          fields: ['comment'],
          reason: 'SAR-2024-017',
        });
        const reads = await everyRead(ledger, 'E1');
        expect(reads.stream[1]).toEqual({ comment: ERASED });
        expect(reads.stream[2]).toMatchObject({ reason: 'Delayed by Ms Patel', approver: ERASED });
        expect(reads.facts).toEqual(reads.stream);
        expect(reads.state?.lastComment?.text).toBe(ERASED);
        expect(await ledger.verify()).toMatchObject({ ok: true, count: 5 });
        // The text is gone from the side table, not just hidden.
        expect(after[1]!.personal).toEqual({
          texts: [],
          erasures: [{ field: 'comment', erasedOn: CLOCK_START.slice(0, 10), erasurePosition: 5 }],
        });
      });
    });

    it('a refused erasure writes nothing', async () => {
      await withEngine(engine, {}, async ({ store }) => {
        const ledger = await erasable(store);
        await ledger.execute(registration('E1'));
        await ledger.execute(addComment('E1', 'Awaiting J. Smith'));
        const before = { ...(await snapshotOf(store)), rows: await rowsOf(store) };
        const refusals: [Parameters<Ledger['erasePersonalData']>[0], string][] = [
          [{ position: 9, reason: 'r', actor: 'dpo' }, 'VALIDATION_FAILED'],
          [
            { eventId: '01900000-0000-7000-8000-000000000000', reason: 'r', actor: 'dpo' },
            'VALIDATION_FAILED',
          ],
          [{ position: 2, reason: ' ', actor: 'dpo' }, 'VALIDATION_FAILED'],
          [{ position: 2, reason: 'r', actor: '' }, 'VALIDATION_FAILED'],
          [{ position: 2, eventId: 'x', reason: 'r', actor: 'dpo' } as never, 'VALIDATION_FAILED'],
          [{ position: 2, reason: 'r', actor: 'dpo', field: ['comment'] } as never, 'VALIDATION_FAILED'],
          [{ position: 2, fields: ['title'], reason: 'r', actor: 'dpo' }, 'RULE_VIOLATION'],
          [{ position: 1, reason: 'r', actor: 'dpo' }, 'RULE_VIOLATION'],
        ];
        for (const [request, code] of refusals)
          await expectLedgerError(ledger.erasePersonalData(request), code as never);
        await ledger.erasePersonalData({ position: 2, reason: 'r', actor: 'dpo' });
        const erased = { ...(await snapshotOf(store)), rows: await rowsOf(store) };
        await expectLedgerError(
          ledger.erasePersonalData({ position: 2, reason: 'again', actor: 'dpo' }),
          'RULE_VIOLATION',
        );
        await expectLedgerError(
          ledger.erasePersonalData({ position: 3, reason: 'r', actor: 'dpo' }),
          'RULE_VIOLATION',
        );
        expect({ ...(await snapshotOf(store)), rows: await rowsOf(store) }).toEqual(erased);
        expect(erased.rows.slice(0, 2).map((row) => row.hash)).toEqual(before.rows.map((row) => row.hash));
        // Nor can an erasure be appended directly, bypassing those checks.
        await expectLedgerError(
          ledger.append('personal-data', [
            {
              type: 'PersonalDataErased',
              effectiveOn: '2024-01-15',
              data: { position: 1, eventId: before.rows[0]!.eventId, fields: ['note'], reason: 'r' },
            } as never,
          ]),
          'VALIDATION_FAILED',
        );
      });
    });

    it('the side tables refuse UPDATE, erasures refuse DELETE, and tampering is found by verify and by reads, naming the position', async () => {
      await withEngine(engine, {}, async ({ store, raw }) => {
        const ledger = await erasable(store);
        await ledger.execute(registration('E1'));
        await ledger.execute(addComment('E1', 'Awaiting J. Smith'));
        await ledger.execute(addComment('E1', 'Second, by A. Jones'));
        await ledger.erasePersonalData({ position: 3, reason: 'r', actor: 'dpo' });
        await expect(raw.tryUpdatePersonalText(2, 'comment', 'forged')).rejects.toThrow();
        await expect(raw.tryDeleteErasure(3, 'comment')).rejects.toThrow();
        expect((await ledger.verify()).ok).toBe(true);
        await raw.tamperPersonalText(2, 'comment', 'Awaiting someone else');
        expect(await ledger.verify()).toMatchObject({
          ok: false,
          break: { kind: 'personal-data', position: 2 },
        });
        const error = await expectLedgerError(store.readStream('action:E1'), 'PERSONAL_DATA_INVALID');
        expect(error).toBeInstanceOf(IntegrityError);
        expect(error.message).toMatch(/position 2/);
        await raw.tamperPersonalText(2, 'comment', null);
        const deleted = await ledger.verify();
        expect(deleted).toMatchObject({ ok: false, break: { kind: 'personal-data', position: 2 } });
        expect(deleted.ok ? '' : deleted.break.message).toMatch(/no erasure of it is recorded/);
        await expectLedgerError(ledger.getAction('E1'), 'PERSONAL_DATA_INVALID');
      });
    });

    it('copyLedger carries the texts and the erasures, and an erasure copied later removes the copy’s text', async () => {
      await withEngine(engine, {}, async ({ store: source }) => {
        const ledger = await erasable(source);
        await ledger.execute(registration('E1'));
        await ledger.execute(addComment('E1', 'Awaiting J. Smith'));
        await ledger.execute(addComment('E1', 'Second, by A. Jones'));
        await ledger.erasePersonalData({ position: 2, reason: 'r', actor: 'dpo' });
        const opened = await engine.open({ clock: conformanceClock('2024-01-16T09:00:00Z') });
        try {
          const target = opened.store;
          await copyLedger(source, target);
          const copy = await ledgerOn(target);
          expect(await readLog(target)).toEqual(await readLog(source));
          expect((await target.readStream('action:E1')).map((e) => e.data)).toEqual([
            expect.anything(),
            { comment: ERASED },
            { comment: 'Second, by A. Jones' },
          ]);
          expect((await copy.verify()).ok).toBe(true);
          await ledger.erasePersonalData({ position: 3, reason: 'r', actor: 'dpo' });
          await copyLedger(source, target);
          expect((await target.readStream('action:E1'))[2]!.data).toEqual({ comment: ERASED });
          expect((await rowsOf(target))[2]!.personal?.texts).toEqual([]);
          expect((await copy.verify()).ok).toBe(true);
          // A copied row whose text does not match its digest is refused, naming the position.
          const fresh = await engine.open({});
          try {
            const rows = await rowsOf(source);
            const forged = rows.map((row) =>
              row.position === 3 && row.personal !== undefined
                ? {
                    ...row,
                    personal: {
                      texts: [{ field: 'comment', salt: '0'.repeat(64), text: 'x' }],
                      erasures: [],
                    },
                  }
                : row,
            );
            const error = await expectLedgerError(
              fresh.store.appendCopied(await source.origin(), forged),
              'VERIFICATION_FAILED',
            );
            expect(error.message).toMatch(/personal-data at position 3/);
            expect((await fresh.store.head()).position).toBe(0);
          } finally {
            await fresh.dispose();
          }
        } finally {
          await opened.dispose();
        }
      });
    });

    it('property: random histories with random erasures verify, and every read path gives text or the marker', async () => {
      const step = fc.oneof(
        fc.record({
          kind: fc.constant('comment' as const),
          text: fc.string({ minLength: 1, maxLength: 30 }),
        }),
        fc.record({ kind: fc.constant('erase' as const), pick: fc.nat() }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) =>
          withEngine(engine, {}, async ({ store }) => {
            const ledger = await erasable(store);
            await ledger.execute(registration('E1'));
            const texts = new Map<number, string>();
            for (const s of steps) {
              if (s.kind === 'comment') {
                const text = s.text.trim().replace(/[^\p{L}\p{N} .,-]/gu, '') || 'x';
                const result = await ledger.execute(addComment('E1', text));
                texts.set(result.lastPosition, text);
              } else {
                const open = [...texts.keys()].filter((position) => texts.get(position) !== ERASED);
                if (open.length === 0) continue;
                const position = open[s.pick % open.length]!;
                await ledger.erasePersonalData({ position, reason: 'property', actor: 'dpo' });
                texts.set(position, ERASED);
              }
            }
            expect((await ledger.verify()).ok).toBe(true);
            const stream = await store.readStream('action:E1');
            for (const event of stream) {
              if (event.type === 'CommentAdded') expect(event.data.comment).toBe(texts.get(event.position));
            }
            const reads = await everyRead(ledger, 'E1');
            expect(reads.facts).toEqual(reads.stream);
          }),
        ),
        { numRuns: runsFor(engine, 0.5) },
      );
    });
  });
}
