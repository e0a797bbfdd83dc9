import { ukFiscalCalendar, ValidationError } from '@perfledger/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe-event.js';
import { readRestatingEvents } from './read-restating-events.js';
import { restatements } from './restatements.js';
import { expectedItems } from './test-support/expected-items.js';
import { historyArb, playHistory } from './test-support/random-history.js';
import { Q2_PUBLISHED, seedLedger } from './test-support/seed-ledger.js';
import { createTestLedger } from './test-support/test-ledger.js';

describe('restatements', () => {
  it('lists the actions whose Q2 line changed after publication, with the events that changed it', () => {
    const t = seedLedger();
    try {
      const list = restatements(t.ledger, { fy: '2019/20', quarter: 2, knownAt: Q2_PUBLISHED });
      expect(list).toMatchObject({
        fy: '2019/20',
        quarter: 2,
        quarterEnd: '2019-09-30',
        knownAt: Q2_PUBLISHED,
        knownAtPosition: t.ledger.positionAt(Q2_PUBLISHED),
        nowPosition: t.ledger.head().position,
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
      t.cleanup();
    }
  });

  it('is empty when nothing was recorded after the cut-off', () => {
    const t = seedLedger();
    try {
      const list = restatements(t.ledger, { fy: '2019/20', quarter: 2, knownAt: '2030-01-01T00:00:00Z' });
      expect(list.items).toEqual([]);
      expect(list.knownAtPosition).toBe(list.nowPosition);
    } finally {
      t.cleanup();
    }
  });

  it('needs a cut-off', () => {
    const t = createTestLedger();
    try {
      expect(() => restatements(t.ledger, { fy: '2019/20', quarter: 2 } as never)).toThrow(ValidationError);
      expect(() => restatements(t.ledger, { fy: '2019/20', quarter: 2, knownAt: 'soon' })).toThrow(
        expect.objectContaining({
          issues: [expect.objectContaining({ path: ['knownAt'] })],
        }) as unknown as Error,
      );
    } finally {
      t.cleanup();
    }
  });

  it('equals the difference between core’s folds, with the events after the cut-off, for random histories', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.constantFrom('2022/23', '2023/24', '2024/25'),
        fc.constantFrom(1, 2, 3, 4),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (steps, fy, quarter, fraction) => {
          const t = createTestLedger();
          try {
            playHistory(t.ledger, t.clock, steps);
            const head = t.ledger.head().position;
            const position = Math.floor(fraction * head);
            const bounds = ukFiscalCalendar.quarterBounds(fy, quarter as 1 | 2 | 3 | 4);
            const yearStart = ukFiscalCalendar.yearBounds(fy).start;
            const then = new Map(
              expectedItems(t.ledger, { quarterEnd: bounds.end, yearStart, position }).map((i) => [
                i.code,
                i,
              ]),
            );
            const now = new Map(
              expectedItems(t.ledger, { quarterEnd: bounds.end, yearStart, position: head }).map((i) => [
                i.code,
                i,
              ]),
            );
            const codes = [...new Set([...then.keys(), ...now.keys()])]
              .sort()
              .filter((code) => JSON.stringify(then.get(code)) !== JSON.stringify(now.get(code)));
            const list = restatements(t.ledger, { fy, quarter, knownAt: { position } });
            expect(list.items.map((r) => r.code)).toEqual(codes);
            for (const item of list.items) {
              expect(item.asKnownThen).toEqual(then.get(item.code) ?? null);
              expect(item.asNowKnown).toEqual(now.get(item.code) ?? null);
              const events = t.ledger
                .readAction(item.code)
                .filter((e) => e.position > position && e.effectiveOn <= bounds.end);
              expect(item.events.map((e) => [e.position, e.type, e.actor, e.description])).toEqual(
                events.map((e) => [e.position, e.type, e.actor, describeEvent(e)]),
              );
              // Something after the cut-off must explain every restated line.
              expect(item.events.length).toBeGreaterThan(0);
            }
            // Every way of reading the events finds the same ones.
            const all = [...new Set([...then.keys(), ...now.keys()])];
            const strategies = (['scan', 'streams', 'single'] as const).map((strategy) =>
              readRestatingEvents(t.ledger, all, position, head, bounds.end, strategy),
            );
            expect(strategies[1]).toEqual(strategies[0]);
            expect(strategies[2]).toEqual(strategies[0]);
          } finally {
            t.cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
