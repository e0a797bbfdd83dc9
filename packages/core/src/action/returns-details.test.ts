import { describe, expect, it } from 'vitest';
import { eventCatalogue } from '../events/index.js';
import { DeciderSpecification, type GivenEvent } from '../testing/index.js';
import type { BusinessDate } from '../time/index.js';
import { evolve } from './evolve.js';
import { fieldChangesOf } from './field-changes.js';
import { foldAction } from './timeline.js';

// Issue 17, items 3, 4 and 5 in core: a % complete is unknown until reported; a due date given
// by period keeps the officer's words; a comment that came with a change is its reason.

const CODE = 'PP1920_01';
const spec = DeciderSpecification.for();
const registration = {
  code: CODE,
  title: 'Town centre masterplan',
  plan: 'Promoting Prosperity PDP 2019-20',
  directorate: 'Place',
  section: 'Economic Development',
  dueDate: '2020-03-31',
  statusKey: 'delivery-plan',
} as const;
const registered: GivenEvent = { type: 'ActionRegistered', effectiveOn: '2019-06-30', data: registration };

describe('a % complete nobody reported is unknown, never 0', () => {
  it('a registration leaves it null, and the first report sets it', () => {
    const state = evolve(undefined, {
      type: 'ActionRegistered',
      effectiveOn: '2019-06-30' as BusinessDate,
      data: registration as never,
    });
    expect(state?.percentComplete).toBeNull();
    const next = evolve(state, {
      type: 'ProgressUpdated',
      effectiveOn: '2019-09-30' as BusinessDate,
      data: { percentComplete: 0 },
    });
    expect(next?.percentComplete).toBe(0);
  });
});

describe('due dates given by period keep the officer’s words', () => {
  it('a registration, a revision and a correction carry dueDateText through', () => {
    spec
      .given()
      .when({ type: 'RegisterAction', ...registration, effectiveOn: '2019-06-30', dueDateText: 'Q4' })
      .then([
        { type: 'ActionRegistered', effectiveOn: '2019-06-30', data: { ...registration, dueDateText: 'Q4' } },
      ]);
    spec
      .given(registered)
      .when({
        type: 'ReviseDueDate',
        code: CODE,
        effectiveOn: '2019-09-30',
        to: '2021-03-31',
        dueDateText: '2020/21',
        reason: 'Funding moved a year.',
      })
      .then([
        {
          type: 'DueDateRevised',
          effectiveOn: '2019-09-30',
          data: {
            from: '2020-03-31',
            to: '2021-03-31',
            dueDateText: '2020/21',
            reason: 'Funding moved a year.',
          },
        },
      ]);
    spec
      .given(registered)
      .when({
        type: 'CorrectDueDate',
        code: CODE,
        effectiveOn: '2019-06-30',
        to: '2019-12-31',
        dueDateText: 'Q3 2019/20',
        reason: 'Typed Q4 for Q3.',
      })
      .then([
        {
          type: 'DueDateCorrected',
          effectiveOn: '2019-06-30',
          data: {
            recorded: '2020-03-31',
            corrected: '2019-12-31',
            dueDateText: 'Q3 2019/20',
            correctsOriginal: true,
            reason: 'Typed Q4 for Q3.',
          },
        },
      ]);
  });

  it('events stored before the field existed (schema version 1, no dueDateText) still read', () => {
    for (const type of ['ActionRegistered', 'DueDateRevised', 'DueDateCorrected'] as const) {
      expect(eventCatalogue[type].schemaVersion).toBe(1);
    }
    expect(eventCatalogue.ActionRegistered.schema.parse(registration)).toEqual(registration);
    const revised = { from: '2020-03-31', to: '2020-12-31', reason: 'Due date revised from June 2019.' };
    expect(eventCatalogue.DueDateRevised.schema.parse(revised)).toEqual(revised);
    expect(() =>
      eventCatalogue.ActionRegistered.schema.parse({ ...registration, dueDateText: 'x'.repeat(201) }),
    ).toThrow();
  });
});

describe('the comment that came with a change is its reason', () => {
  it('a status change, a closure and a reopening take a reason; reasonIsComment makes it the latest comment', () => {
    spec
      .given(registered)
      .when({
        type: 'ChangeStatus',
        code: CODE,
        effectiveOn: '2019-09-30',
        status: 'behind > 1 quarter',
        reason: 'Awaiting the funding decision.',
        reasonIsComment: true,
      })
      .then([
        {
          type: 'StatusChanged',
          effectiveOn: '2019-09-30',
          data: {
            status: 'Behind > 1 quarter',
            reason: 'Awaiting the funding decision.',
            reasonIsComment: true,
          },
        },
      ]);
    spec
      .given(registered)
      .when({
        type: 'CloseAction',
        code: CODE,
        effectiveOn: '2019-09-30',
        outcome: 'completed',
        reason: 'Adopted.',
      })
      .then([
        {
          type: 'ActionClosed',
          effectiveOn: '2019-09-30',
          data: { outcome: 'completed', reason: 'Adopted.' },
        },
      ]);
  });

  it('an unchanged status with a comment as its reason still records the comment', () => {
    const statused: GivenEvent = {
      type: 'StatusChanged',
      effectiveOn: '2019-06-30',
      data: { status: 'Slightly behind' },
    };
    spec
      .given(registered, statused)
      .when({
        type: 'ChangeStatus',
        code: CODE,
        effectiveOn: '2019-09-30',
        status: 'Slightly behind',
        reason: 'Design stage.',
        reasonIsComment: true,
      })
      .then([{ type: 'CommentAdded', effectiveOn: '2019-09-30', data: { comment: 'Design stage.' } }]);
    spec
      .given(registered, statused)
      .when({
        type: 'ChangeStatus',
        code: CODE,
        effectiveOn: '2019-09-30',
        status: 'Slightly behind',
        reason: 'x',
      })
      .thenNothing();
  });

  it('folds: the reason becomes lastComment only when it is the comment', () => {
    const history = [
      { ...registered, streamVersion: 1 },
      {
        type: 'StatusChanged',
        effectiveOn: '2019-09-30',
        streamVersion: 2,
        data: {
          status: 'Behind > 1 quarter',
          reason: 'Awaiting the funding decision.',
          reasonIsComment: true,
        },
      },
      {
        type: 'ActionClosed',
        effectiveOn: '2019-12-31',
        streamVersion: 3,
        data: { outcome: 'completed', reason: 'Adopted by Cabinet.' },
      },
    ] as never;
    expect(foldAction(history, '2019-09-30' as BusinessDate)?.lastComment).toEqual({
      text: 'Awaiting the funding decision.',
      effectiveOn: '2019-09-30',
    });
    // A reason that is not the comment leaves the comment as it was.
    expect(foldAction(history)?.lastComment?.text).toBe('Awaiting the funding decision.');
    expect(
      fieldChangesOf({
        type: 'DueDateRevised',
        data: { from: '2020-03-31', to: '2021-03-31', reason: 'r', reasonIsComment: true },
      } as never),
    ).toEqual([
      { field: 'dueDate', value: '2021-03-31' },
      { field: 'comment', value: 'r' },
    ]);
  });
});
