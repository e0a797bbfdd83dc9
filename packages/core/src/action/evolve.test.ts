import { describe, expect, it } from 'vitest';
import type { BusinessDate } from '../time/index.js';
import type { ActionState } from './action-state.js';
import { type EvolvableEvent, evolve } from './evolve.js';

const d = (text: string) => text as BusinessDate;

const registered: EvolvableEvent = {
  type: 'ActionRegistered',
  effectiveOn: d('2023-04-01'),
  streamVersion: 1,
  data: {
    code: 'DEM1518_02',
    title: 'Dispose of surplus land',
    plan: 'Corporate Plan 2018-23',
    directorate: 'Place',
    section: 'Estates',
    dueDate: d('2019-06-30'),
    statusKey: 'rag',
  },
};

function initial(): ActionState {
  const state = evolve(undefined, registered);
  if (state === undefined) throw new Error('registration must produce a state');
  return state;
}

describe('evolve', () => {
  it('starts a state from the registration', () => {
    expect(initial()).toEqual({
      code: 'DEM1518_02',
      stream: 'action:DEM1518_02',
      title: 'Dispose of surplus land',
      description: null,
      plan: 'Corporate Plan 2018-23',
      directorate: 'Place',
      section: 'Estates',
      owner: null,
      statusKey: 'rag',
      registeredOn: '2023-04-01',
      originalDueDate: '2019-06-30',
      dueDate: '2019-06-30',
      dueDateRevisions: 0,
      percentComplete: null,
      status: null,
      closed: null,
      lastComment: null,
      eventCount: 1,
      version: 1,
      lastEffectiveOn: '2023-04-01',
    });
  });

  it('ignores events for an action that is not registered', () => {
    expect(
      evolve(undefined, {
        type: 'ProgressUpdated',
        effectiveOn: d('2023-05-01'),
        data: { percentComplete: 5 },
      }),
    ).toBeUndefined();
  });

  it('never mutates its input, and returns frozen states', () => {
    const before = initial();
    const snapshot = structuredClone(before);
    const events: EvolvableEvent[] = [
      {
        type: 'ProgressUpdated',
        effectiveOn: d('2023-05-01'),
        streamVersion: 2,
        data: { percentComplete: 30 },
      },
      { type: 'StatusChanged', effectiveOn: d('2023-05-01'), streamVersion: 3, data: { status: 'Amber' } },
      {
        type: 'DueDateRevised',
        effectiveOn: d('2023-05-02'),
        streamVersion: 4,
        data: { from: d('2019-06-30'), to: d('2020-12-31'), reason: 'Land Registry' },
      },
      {
        type: 'ActionClosed',
        effectiveOn: d('2023-06-01'),
        streamVersion: 5,
        data: { outcome: 'completed' },
      },
      { type: 'ActionReopened', effectiveOn: d('2023-06-02'), streamVersion: 6, data: { reason: 'Snag' } },
      {
        type: 'ActionDetailsAmended',
        effectiveOn: d('2023-06-03'),
        streamVersion: 7,
        data: { owner: 'J. Smith' },
      },
      { type: 'CommentAdded', effectiveOn: d('2023-06-04'), streamVersion: 8, data: { comment: 'Sold' } },
    ];
    for (const event of events) {
      const after = evolve(before, event);
      expect(after).not.toBe(before);
      expect(Object.isFrozen(after)).toBe(true);
      expect(before).toEqual(snapshot);
    }
    expect(Object.isFrozen(before)).toBe(true);
    expect(() => {
      (before as { percentComplete: number }).percentComplete = 99;
    }).toThrow(TypeError);
  });

  it('shares what did not change (structural sharing)', () => {
    const closed = evolve(initial(), {
      type: 'ActionClosed',
      effectiveOn: d('2023-06-01'),
      data: { outcome: 'cancelled' },
    })!;
    const commented = evolve(closed, {
      type: 'CommentAdded',
      effectiveOn: d('2023-06-02'),
      data: { comment: 'Postponed' },
    })!;
    expect(commented.closed).toBe(closed.closed);
    expect(Object.isFrozen(commented.closed)).toBe(true);
  });

  it('keeps the original due date through every revision and counts them', () => {
    let state: ActionState = initial();
    const dates = ['2020-12-31', '2021-03-31', '2019-12-31'];
    let from = state.dueDate;
    dates.forEach((to, index) => {
      state = evolve(state, {
        type: 'DueDateRevised',
        effectiveOn: d(`2023-0${index + 5}-01`),
        data: { from, to: d(to), reason: 'Revised' },
      })!;
      from = d(to);
    });
    expect(state.originalDueDate).toBe('2019-06-30');
    expect(state.dueDate).toBe('2019-12-31');
    expect(state.dueDateRevisions).toBe(3);
  });

  it('records closure with its date and outcome, and clears it on reopening', () => {
    const closed = evolve(initial(), {
      type: 'ActionClosed',
      effectiveOn: d('2023-12-31'),
      data: { outcome: 'completed' },
    })!;
    expect(closed.closed).toEqual({ outcome: 'completed', effectiveOn: '2023-12-31' });
    const reopened = evolve(closed, {
      type: 'ActionReopened',
      effectiveOn: d('2024-01-10'),
      data: { reason: 'Audit' },
    })!;
    expect(reopened.closed).toBeNull();
  });

  it('amends only the fields present', () => {
    const amended = evolve(initial(), {
      type: 'ActionDetailsAmended',
      effectiveOn: d('2023-06-01'),
      data: { title: 'Dispose of land at Mill Lane', description: 'Phase 2' },
    })!;
    expect(amended).toMatchObject({
      title: 'Dispose of land at Mill Lane',
      description: 'Phase 2',
      owner: null,
      section: 'Estates',
    });
  });

  it('keeps the latest comment with its date', () => {
    const state = evolve(initial(), {
      type: 'CommentAdded',
      effectiveOn: d('2023-06-30'),
      data: { comment: 'Completion expected in July' },
    })!;
    expect(state.lastComment).toEqual({ text: 'Completion expected in July', effectiveOn: '2023-06-30' });
  });

  it('tracks event count, highest version and latest effective date, even out of order', () => {
    let state = initial();
    state = evolve(state, {
      type: 'ProgressUpdated',
      effectiveOn: d('2023-09-30'),
      streamVersion: 3,
      data: { percentComplete: 50 },
    })!;
    state = evolve(state, {
      type: 'ProgressUpdated',
      effectiveOn: d('2023-06-30'),
      streamVersion: 2,
      data: { percentComplete: 25 },
    })!;
    expect(state).toMatchObject({
      eventCount: 3,
      version: 3,
      lastEffectiveOn: '2023-09-30',
      percentComplete: 25,
    });
    // Without a stream version, the event counts as the next one.
    const next = evolve(state, {
      type: 'CommentAdded',
      effectiveOn: d('2023-07-01'),
      data: { comment: 'x' },
    })!;
    expect(next.version).toBe(4);
  });
});
