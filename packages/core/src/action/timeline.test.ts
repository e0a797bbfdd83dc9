import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessDate } from '../time/index.js';
import { evolve } from './evolve.js';
import { effectiveOrder, foldAction, type TimelineEvent } from './timeline.js';

const d = (text: string) => text as BusinessDate;

const registered: TimelineEvent = {
  type: 'ActionRegistered',
  effectiveOn: d('2023-04-01'),
  streamVersion: 1,
  data: {
    code: '1.02.20',
    title: 'Refresh the local plan',
    plan: 'Corporate Plan',
    directorate: 'Place',
    section: 'Planning',
    dueDate: d('2023-12-31'),
    statusKey: 'rag',
  },
};

function progress(streamVersion: number, effectiveOn: string, percentComplete: number): TimelineEvent {
  return { type: 'ProgressUpdated', streamVersion, effectiveOn: d(effectiveOn), data: { percentComplete } };
}

describe('effectiveOrder', () => {
  it('orders by effective date, then by recorded order, without touching its input', () => {
    const events = [
      registered,
      progress(2, '2023-09-30', 50),
      progress(3, '2023-06-30', 20), // a back-dated correction recorded later
      progress(4, '2023-09-30', 55),
    ];
    const input = [...events];
    expect(effectiveOrder(events).map((e) => e.streamVersion)).toEqual([1, 3, 2, 4]);
    expect(events).toEqual(input);
  });
});

describe('foldAction', () => {
  const history = [
    registered,
    progress(2, '2023-09-30', 50),
    {
      type: 'DueDateRevised',
      streamVersion: 3,
      effectiveOn: d('2023-10-15'),
      data: { from: d('2023-12-31'), to: d('2024-06-30'), reason: 'Consultation extended' },
    } satisfies TimelineEvent,
    progress(4, '2023-06-30', 20),
  ];

  it('is undefined for no events, and before the registration', () => {
    expect(foldAction([])).toBeUndefined();
    expect(foldAction(history, d('2023-03-31'))).toBeUndefined();
  });

  it('folds as at a date, inclusively', () => {
    expect(foldAction(history, d('2023-06-29'))?.percentComplete).toBeNull();
    expect(foldAction(history, d('2023-06-30'))?.percentComplete).toBe(20);
    expect(foldAction(history, d('2023-09-30'))?.percentComplete).toBe(50);
    expect(foldAction(history, d('2023-10-14'))?.dueDate).toBe('2023-12-31');
    expect(foldAction(history, d('2023-10-15'))?.dueDate).toBe('2024-06-30');
  });

  it('lands a back-dated correction where it belongs: the latest effective fact wins', () => {
    const state = foldAction(history);
    expect(state?.percentComplete).toBe(50);
    expect(state?.version).toBe(4);
    expect(state?.eventCount).toBe(4);
  });

  it('never loses the original due date', () => {
    expect(foldAction(history)).toMatchObject({
      originalDueDate: '2023-12-31',
      dueDate: '2024-06-30',
      dueDateRevisions: 1,
    });
  });

  it('does not depend on the order the events are passed in', () => {
    const dates = fc.constantFrom('2023-04-01', '2023-06-30', '2023-09-30', '2023-12-31', '2024-03-31');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(dates, fc.integer({ min: 0, max: 100 })), { maxLength: 12 }),
        fc.integer(),
        (updates, seed) => {
          const events = [registered, ...updates.map(([date, pct], i) => progress(i + 2, date, pct))];
          const shuffled = shuffle(events, seed);
          expect(foldAction(shuffled)).toEqual(foldAction(events));
          expect(effectiveOrder(shuffled)).toEqual(effectiveOrder(events));
        },
      ),
      { numRuns: 200 },
    );
  });
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0 || 1;
  for (let i = result.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

describe('foldAction is evolve, event by event, in effective order', () => {
  const day = fc.integer({ min: 0, max: 500 }).map((n) => {
    const date = new Date(Date.UTC(2023, 3, 1 + n));
    return d(date.toISOString().slice(0, 10));
  });
  const body = fc.oneof(
    fc
      .integer({ min: 0, max: 100 })
      .map((percentComplete) => ({ type: 'ProgressUpdated' as const, data: { percentComplete } })),
    fc
      .constantFrom('Green', 'Amber', 'Red')
      .map((status) => ({ type: 'StatusChanged' as const, data: { status } })),
    fc
      .constantFrom('completed' as const, 'cancelled' as const)
      .map((outcome) => ({ type: 'ActionClosed' as const, data: { outcome } })),
    fc.constant({ type: 'ActionReopened' as const, data: { reason: 'Reopened by committee' } }),
    fc
      .constantFrom('Scope agreed', 'Delayed')
      .map((comment) => ({ type: 'CommentAdded' as const, data: { comment } })),
    fc
      .constantFrom('Place', 'Resources')
      .map((directorate) => ({ type: 'ActionDetailsAmended' as const, data: { directorate } })),
    day.map((to) => ({
      type: 'DueDateRevised' as const,
      data: { from: d('2023-12-31'), to, reason: 'Rescheduled' },
    })),
    fc.constant({ type: 'ActionRegistered' as const, data: registered.data }),
  );

  it('for random histories and cut-off dates (a registration may even come late)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(body, day), { maxLength: 25 }),
        fc.option(day, { nil: undefined }),
        (raw, asAt) => {
          const events = [
            registered,
            ...raw.map(
              ([event, effectiveOn], i) => ({ ...event, effectiveOn, streamVersion: i + 2 }) as TimelineEvent,
            ),
          ];
          let expected: ReturnType<typeof foldAction>;
          for (const event of effectiveOrder(events)) {
            if (asAt !== undefined && event.effectiveOn > asAt) break;
            expected = evolve(expected, event);
          }
          expect(foldAction(events, asAt)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
