import { ProjectionNotReadyError, ukFiscalCalendar, ValidationError } from '@perfledger/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe-event.js';
import { readRestatingEvents } from './read-restating-events.js';
import { restatements } from './restatements.js';
import { expectedItems } from './test-support/expected-items.js';
import { historyArb, playHistory } from './test-support/random-history.js';
import { Q2_PUBLISHED, seedLedger } from './test-support/seed-ledger.js';
import { appendWithoutProjection, createTestLedger } from './test-support/test-ledger.js';

describe('restatements', () => {
  it('lists the actions whose Q2 line changed after publication, with the events that changed it', async () => {
    const t = await seedLedger();
    try {
      const list = await restatements(t.ledger, { fy: '2019/20', quarter: 2, knownAt: Q2_PUBLISHED });
      expect(list).toMatchObject({
        fy: '2019/20',
        quarter: 2,
        quarterEnd: '2019-09-30',
        knownAt: Q2_PUBLISHED,
        knownAtPosition: await t.ledger.positionAt(Q2_PUBLISHED),
        nowPosition: (await t.ledger.head()).position,
      });
      expect(list.items.map((r) => [r.code, r.kind])).toEqual([
        ['FP1922_03', 'changed'],
        ['ICT1920_01', 'added'],
      ]);
      const scanning = list.items[0]!;
      expect(scanning.fields).toEqual(['percentComplete']);
      expect(scanning.asKnownThen!.percentComplete).toBe(50);
      expect(scanning.asNowKnown!.percentComplete).toBe(60);
      expect(scanning.events).toEqual([
        {
          type: 'ProgressUpdated',
          position: list.knownAtPosition + 1,
          effectiveOn: '2019-09-30',
          recordedAt: '2019-11-02T11:00:00.000000Z', // the clock's first reading is the command's "today"
          actor: 'finance.officer',
          description: '% complete set to 60',
        },
      ]);
      const late = list.items[1]!;
      expect(late.asKnownThen).toBeNull();
      expect(late.asNowKnown).toMatchObject({ code: 'ICT1920_01', registeredOn: '2019-09-01' });
      expect(late.events.map((e) => [e.type, e.actor])).toEqual([['ActionRegistered', 'ict.manager']]);
      // FP1922_02's closure on 20 October is next quarter's news, not a restatement of Q2.
      expect(list.items.some((r) => r.code === 'FP1922_02')).toBe(false);
    } finally {
      await t.cleanup();
    }
  });

  it('is empty when nothing was recorded after the cut-off', async () => {
    const t = await seedLedger();
    try {
      const list = await restatements(t.ledger, {
        fy: '2019/20',
        quarter: 2,
        knownAt: '2030-01-01T00:00:00Z',
      });
      expect(list.items).toEqual([]);
      expect(list.knownAtPosition).toBe(list.nowPosition);
    } finally {
      await t.cleanup();
    }
  });

  it('needs a cut-off', async () => {
    const t = await createTestLedger();
    try {
      await expect(restatements(t.ledger, { fy: '2019/20', quarter: 2 } as never)).rejects.toThrow(
        ValidationError,
      );
      await expect(
        restatements(t.ledger, { fy: '2019/20', quarter: 2, knownAt: 'soon' }),
      ).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ['knownAt'] })],
      });
    } finally {
      await t.cleanup();
    }
  });

  it('refuses unknown and misplaced keys, naming them', async () => {
    const t = await createTestLedger();
    try {
      // The cut-off nested the old way would leave knownAt missing; the nesting itself is named.
      const nested = restatements(t.ledger, {
        fy: '2019/20',
        quarter: 2,
        knownAt: Q2_PUBLISHED,
        basis: { knownAt: Q2_PUBLISHED },
      } as never);
      await expect(nested).rejects.toBeInstanceOf(ValidationError);
      await expect(nested).rejects.toMatchObject({
        issues: [{ path: ['basis'] }],
        message: expect.stringContaining('restatements options'),
      });
      // Disagreement rules do not change what was restated: not an option here.
      await expect(
        restatements(t.ledger, {
          fy: '2019/20',
          quarter: 2,
          knownAt: Q2_PUBLISHED,
          disagreementRules: {},
        } as never),
      ).rejects.toMatchObject({ issues: [{ path: ['disagreementRules'] }] });
    } finally {
      await t.cleanup();
    }
  });

  it('refuses, read-only, to read a projection behind the log', async () => {
    const t = await seedLedger();
    try {
      await appendWithoutProjection(t, (other) =>
        other.execute({
          type: 'UpdateProgress',
          code: 'FP1922_03',
          effectiveOn: '2019-09-30',
          percentComplete: 70,
        }),
      );
      const auditor = await t.reopen({ readonly: true });
      const stale = restatements(auditor, { fy: '2019/20', quarter: 2, knownAt: Q2_PUBLISHED });
      await expect(stale).rejects.toBeInstanceOf(ProjectionNotReadyError);
      await expect(stale).rejects.toMatchObject({ projection: 'quarter_end' });
      // The writable ledger catches the projection up first, then answers.
      const list = await restatements(t.ledger, { fy: '2019/20', quarter: 2, knownAt: Q2_PUBLISHED });
      expect(list.nowPosition).toBe((await t.ledger.head()).position);
    } finally {
      await t.cleanup();
    }
  });

  it('equals the difference between core’s folds, with the events after the cut-off, for random histories', async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArb,
        fc.constantFrom('2022/23', '2023/24', '2024/25'),
        fc.constantFrom(1, 2, 3, 4),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (steps, fy, quarter, fraction) => {
          const t = await createTestLedger();
          try {
            await playHistory(t.ledger, t.clock, steps);
            const head = (await t.ledger.head()).position;
            const position = Math.floor(fraction * head);
            const bounds = ukFiscalCalendar.quarterBounds(fy, quarter as 1 | 2 | 3 | 4);
            const yearStart = ukFiscalCalendar.yearBounds(fy).start;
            const then = new Map(
              (await expectedItems(t.ledger, { quarterEnd: bounds.end, yearStart, position })).map((i) => [
                i.code,
                i,
              ]),
            );
            const now = new Map(
              (await expectedItems(t.ledger, { quarterEnd: bounds.end, yearStart, position: head })).map(
                (i) => [i.code, i],
              ),
            );
            const codes = [...new Set([...then.keys(), ...now.keys()])]
              .sort()
              .filter((code) => JSON.stringify(then.get(code)) !== JSON.stringify(now.get(code)));
            const list = await restatements(t.ledger, { fy, quarter, knownAt: { position } });
            expect(list.items.map((r) => r.code)).toEqual(codes);
            for (const item of list.items) {
              expect(item.asKnownThen).toEqual(then.get(item.code) ?? null);
              expect(item.asNowKnown).toEqual(now.get(item.code) ?? null);
              const events = (await t.ledger.readAction(item.code)).filter(
                (e) => e.position > position && e.effectiveOn <= bounds.end,
              );
              expect(item.events.map((e) => [e.position, e.type, e.actor, e.description])).toEqual(
                events.map((e) => [e.position, e.type, e.actor, describeEvent(e)]),
              );
              // Something after the cut-off must explain every restated line.
              expect(item.events.length).toBeGreaterThan(0);
            }
            // Every way of reading the events finds the same ones.
            const all = [...new Set([...then.keys(), ...now.keys()])];
            const strategies = [];
            for (const strategy of ['scan', 'streams', 'single'] as const) {
              strategies.push(await readRestatingEvents(t.ledger, all, position, head, bounds.end, strategy));
            }
            expect(strategies[1]).toEqual(strategies[0]);
            expect(strategies[2]).toEqual(strategies[0]);
          } finally {
            await t.cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
