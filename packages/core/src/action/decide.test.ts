import { describe, expect, it } from 'vitest';
import {
  ActionClosedError,
  RuleViolationError,
  UnknownActionError,
  ValidationError,
} from '../errors/index.js';
import { createStatusKeyRegistry, defineStatusKey } from '../status/index.js';
import { DeciderSpecification, type GivenEvent, type WhenCommand } from '../testing/index.js';
import type { BusinessDate } from '../time/index.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';

const CODE = 'FP1922_02';
const spec = DeciderSpecification.for();

const registration = {
  code: CODE,
  title: 'Widen the use of e-forms',
  plan: 'Corporate Plan 2018-23',
  directorate: 'Finance',
  section: 'Digital',
  dueDate: '2024-03-31',
  statusKey: 'rag',
} as const;

const registered: GivenEvent = { type: 'ActionRegistered', effectiveOn: '2023-04-01', data: registration };

function progressed(percentComplete: number, effectiveOn: string): GivenEvent {
  return { type: 'ProgressUpdated', effectiveOn, data: { percentComplete } };
}

function closed(effectiveOn: string, outcome: 'completed' | 'cancelled' = 'completed'): GivenEvent {
  return { type: 'ActionClosed', effectiveOn, data: { outcome } };
}

function revised(from: string, to: string, effectiveOn: string): GivenEvent {
  return { type: 'DueDateRevised', effectiveOn, data: { from, to, reason: 'Committee approved' } };
}

function rule(code: string) {
  return (error: RuleViolationError) => error.rule === code;
}

describe('RegisterAction', () => {
  const register: WhenCommand = { type: 'RegisterAction', effectiveOn: '2023-04-01', ...registration };

  it('registers a new action with every given field', () => {
    spec.when(register).then([{ type: 'ActionRegistered', effectiveOn: '2023-04-01', data: registration }]);
  });

  it('keeps the optional description, owner and note', () => {
    spec
      .when({ ...register, description: 'All forms online', owner: 'J. Smith', note: 'From the 2023 plan' })
      .then([
        {
          type: 'ActionRegistered',
          effectiveOn: '2023-04-01',
          data: {
            ...registration,
            description: 'All forms online',
            owner: 'J. Smith',
            note: 'From the 2023 plan',
          },
        },
      ]);
  });

  it('refuses to register the same action twice, whatever the date', () => {
    spec.given(registered).when(register).thenThrows(RuleViolationError, rule('ACTION_ALREADY_REGISTERED'));
    spec
      .given(registered)
      .when({ ...register, effectiveOn: '2022-01-01' })
      .thenThrows(RuleViolationError, rule('ACTION_ALREADY_REGISTERED'));
  });

  it('refuses an unknown status key with a ValidationError naming it', () => {
    spec
      .when({ ...register, statusKey: 'brag' })
      .thenThrows(ValidationError, (error) => error.message.includes('"brag"'));
    // Key ids are lower case; a command's key is matched case-insensitively ('RAG' means 'rag').
    spec
      .when({ ...register, statusKey: 'RAG' })
      .then([{ type: 'ActionRegistered', effectiveOn: '2023-04-01', data: registration }]);
  });

  it('accepts a custom status key registered in the context', () => {
    const brag = defineStatusKey({ id: 'brag', label: 'BRAG', values: ['Blue', 'Red', 'Amber', 'Green'] });
    DeciderSpecification.for({ statusKeys: [brag] })
      .when({ ...register, statusKey: 'brag' })
      .then([
        { type: 'ActionRegistered', effectiveOn: '2023-04-01', data: { ...registration, statusKey: 'brag' } },
      ]);
  });

  it('refuses malformed registrations at the schema', () => {
    spec.when({ ...register, code: 'has space' }).thenThrows(ValidationError);
    spec.when({ ...register, dueDate: '2020-04-31' }).thenThrows(ValidationError);
    spec.when({ ...register, title: '   ' }).thenThrows(ValidationError);
  });
});

describe('commands for an action that does not exist', () => {
  it('refuse with UnknownActionError', () => {
    spec
      .when({ type: 'UpdateProgress', code: CODE, effectiveOn: '2023-06-30', percentComplete: 10 })
      .thenThrows(
        UnknownActionError,
        (error) => error.actionCode === CODE && error.code === 'UNKNOWN_ACTION',
      );
  });
});

describe('UpdateProgress', () => {
  const update = (percentComplete: number, effectiveOn = '2023-06-30'): WhenCommand => ({
    type: 'UpdateProgress',
    code: CODE,
    effectiveOn,
    percentComplete,
  });

  it('records the percentage, and any note', () => {
    spec
      .given(registered)
      .when({ ...update(58), note: 'Phase 1 live' })
      .then([
        {
          type: 'ProgressUpdated',
          effectiveOn: '2023-06-30',
          data: { percentComplete: 58, note: 'Phase 1 live' },
        },
      ]);
  });

  it('accepts the bounds 0 and 100', () => {
    spec
      .given(registered, progressed(50, '2023-05-01'))
      .when(update(0))
      .then([{ type: 'ProgressUpdated', effectiveOn: '2023-06-30', data: { percentComplete: 0 } }]);
    spec
      .given(registered)
      .when(update(100))
      .then([{ type: 'ProgressUpdated', effectiveOn: '2023-06-30', data: { percentComplete: 100 } }]);
  });

  it.each([-1, 101, 58.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s at the schema', (percent) => {
    spec
      .given(registered)
      .when(update(percent))
      .thenThrows(ValidationError, (error) =>
        error.issues.some((issue) => issue.path.includes('percentComplete')),
      );
  });

  it('emits nothing when the percentage is unchanged', () => {
    spec.given(registered, progressed(40, '2023-05-01')).when(update(40)).thenNothing();
  });

  it('records a first 0 %: unknown until reported, so 0 is news', () => {
    spec
      .given(registered)
      .when(update(0))
      .then([{ type: 'ProgressUpdated', effectiveOn: '2023-06-30', data: { percentComplete: 0 } }]);
  });
});

describe('ChangeStatus', () => {
  const change = (status: string, effectiveOn = '2023-06-30'): WhenCommand => ({
    type: 'ChangeStatus',
    code: CODE,
    effectiveOn,
    status,
  });

  it.each([
    ['Green', 'Green'],
    ['green', 'Green'],
    [' AMBER ', 'Amber'],
    ['<b>red</b>', 'Red'],
    ['completed', 'Complete'],
  ])('stores %j as the canonical value %j', (word, canonical) => {
    spec
      .given(registered)
      .when(change(word))
      .then([{ type: 'StatusChanged', effectiveOn: '2023-06-30', data: { status: canonical } }]);
  });

  it("refuses a word that is not a value of the action's key", () => {
    spec
      .given(registered)
      .when(change('In Progress')) // a Pentana value, not a RAG one
      .thenThrows(
        RuleViolationError,
        (error) =>
          error.rule === 'UNKNOWN_STATUS_VALUE' && error.message.includes('Green, Amber, Red, Complete'),
      );
  });

  it("judges the word by the action's own key", () => {
    const pentana: GivenEvent = {
      type: 'ActionRegistered',
      effectiveOn: '2023-04-01',
      data: { ...registration, statusKey: 'pentana' },
    };
    spec
      .given(pentana)
      .when(change('in progress'))
      .then([{ type: 'StatusChanged', effectiveOn: '2023-06-30', data: { status: 'In Progress' } }]);
    spec.given(pentana).when(change('Green')).thenThrows(RuleViolationError, rule('UNKNOWN_STATUS_VALUE'));
  });

  it('emits nothing when the status is unchanged, however it is spelled', () => {
    spec
      .given(registered, { type: 'StatusChanged', effectiveOn: '2023-05-01', data: { status: 'Green' } })
      .when(change('GREEN'))
      .thenNothing();
  });
});

describe('ReviseDueDate', () => {
  const revise = (to: string, extra: Partial<WhenCommand> = {}): WhenCommand =>
    ({
      type: 'ReviseDueDate',
      code: CODE,
      effectiveOn: '2023-09-30',
      to,
      reason: 'Land Registry timetable',
      ...extra,
    }) as WhenCommand;

  it('records the date it moves from, the reason and the approval', () => {
    spec
      .given(registered)
      .when(revise('2024-09-30', { approver: 'Cabinet', approvalReference: 'CAB-2023-41' }))
      .then([
        {
          type: 'DueDateRevised',
          effectiveOn: '2023-09-30',
          data: {
            from: '2024-03-31',
            to: '2024-09-30',
            reason: 'Land Registry timetable',
            approver: 'Cabinet',
            approvalReference: 'CAB-2023-41',
          },
        },
      ]);
  });

  it('moves from the current due date, not the original one', () => {
    spec
      .given(registered, revised('2024-03-31', '2024-06-30', '2023-07-01'))
      .when(revise('2024-12-31'))
      .then([
        {
          type: 'DueDateRevised',
          effectiveOn: '2023-09-30',
          data: { from: '2024-06-30', to: '2024-12-31', reason: 'Land Registry timetable' },
        },
      ]);
  });

  it('may bring the due date forward', () => {
    spec
      .given(registered)
      .when(revise('2023-12-31'))
      .then([
        {
          type: 'DueDateRevised',
          effectiveOn: '2023-09-30',
          data: { from: '2024-03-31', to: '2023-12-31', reason: 'Land Registry timetable' },
        },
      ]);
  });

  it('requires a reason', () => {
    const { reason: _reason, ...withoutReason } = revise('2024-09-30') as WhenCommand & { reason: string };
    spec
      .given(registered)
      .when(withoutReason as WhenCommand)
      .thenThrows(ValidationError, (error) => error.issues.some((issue) => issue.path.includes('reason')));
    spec
      .given(registered)
      .when(revise('2024-09-30', { reason: '  ' }))
      .thenThrows(ValidationError);
  });

  it('requires a different date', () => {
    spec
      .given(registered)
      .when(revise('2024-03-31'))
      .thenThrows(RuleViolationError, rule('DUE_DATE_UNCHANGED'));
  });

  it('refuses an impossible date', () => {
    spec.given(registered).when(revise('2024-02-30')).thenThrows(ValidationError);
  });
});

describe('CloseAction and ReopenAction', () => {
  it('closes as completed or cancelled', () => {
    for (const outcome of ['completed', 'cancelled'] as const) {
      spec
        .given(registered)
        .when({ type: 'CloseAction', code: CODE, effectiveOn: '2023-12-31', outcome })
        .then([{ type: 'ActionClosed', effectiveOn: '2023-12-31', data: { outcome } }]);
    }
  });

  it.each<WhenCommand>([
    { type: 'UpdateProgress', code: CODE, effectiveOn: '2024-01-31', percentComplete: 90 },
    { type: 'ChangeStatus', code: CODE, effectiveOn: '2024-01-31', status: 'Green' },
    { type: 'ReviseDueDate', code: CODE, effectiveOn: '2024-01-31', to: '2024-12-31', reason: 'Late' },
    { type: 'CloseAction', code: CODE, effectiveOn: '2024-01-31', outcome: 'cancelled' },
    { type: 'AmendActionDetails', code: CODE, effectiveOn: '2024-01-31', title: 'New title' },
  ])('a closed action refuses $type', (command) => {
    spec
      .given(registered, closed('2023-12-31'))
      .when(command)
      .thenThrows(
        ActionClosedError,
        (error) => error.commandType === command.type && error.actionCode === CODE,
      );
  });

  it('a closed action still accepts comments', () => {
    spec
      .given(registered, closed('2023-12-31'))
      .when({ type: 'AddComment', code: CODE, effectiveOn: '2024-01-31', comment: 'Signed off by audit' })
      .then([{ type: 'CommentAdded', effectiveOn: '2024-01-31', data: { comment: 'Signed off by audit' } }]);
  });

  it('a closed action can be reopened, and then updated again', () => {
    const reopen: WhenCommand = {
      type: 'ReopenAction',
      code: CODE,
      effectiveOn: '2024-01-31',
      reason: 'Snagging found',
    };
    spec
      .given(registered, closed('2023-12-31'))
      .when(reopen)
      .then([{ type: 'ActionReopened', effectiveOn: '2024-01-31', data: { reason: 'Snagging found' } }]);
    spec
      .given(registered, closed('2023-12-31'), {
        type: 'ActionReopened',
        effectiveOn: '2024-01-31',
        data: { reason: 'Snagging found' },
      })
      .when({ type: 'UpdateProgress', code: CODE, effectiveOn: '2024-02-01', percentComplete: 95 })
      .then([{ type: 'ProgressUpdated', effectiveOn: '2024-02-01', data: { percentComplete: 95 } }]);
  });

  it('refuses to reopen an open action', () => {
    spec
      .given(registered)
      .when({ type: 'ReopenAction', code: CODE, effectiveOn: '2023-06-30', reason: 'Why not' })
      .thenThrows(RuleViolationError, rule('ACTION_NOT_CLOSED'));
  });

  it('refuses a close with an unknown outcome', () => {
    spec
      .given(registered)
      .when({
        type: 'CloseAction',
        code: CODE,
        effectiveOn: '2023-06-30',
        outcome: 'postponed' as 'cancelled',
      })
      .thenThrows(ValidationError);
  });
});

describe('AmendActionDetails', () => {
  it('emits only the fields that change', () => {
    spec
      .given(registered)
      .when({
        type: 'AmendActionDetails',
        code: CODE,
        effectiveOn: '2023-06-30',
        title: registration.title,
        owner: 'J. Smith',
        section: 'Customer Services',
      })
      .then([
        {
          type: 'ActionDetailsAmended',
          effectiveOn: '2023-06-30',
          data: { owner: 'J. Smith', section: 'Customer Services' },
        },
      ]);
  });

  it('emits nothing when every field is already so', () => {
    spec
      .given(registered)
      .when({
        type: 'AmendActionDetails',
        code: CODE,
        effectiveOn: '2023-06-30',
        title: registration.title,
        plan: registration.plan,
      })
      .thenNothing();
  });
});

describe('AddComment', () => {
  it('records the comment and any note', () => {
    spec
      .given(registered)
      .when({ type: 'AddComment', code: CODE, effectiveOn: '2023-06-30', comment: 'On track', note: 'Q1' })
      .then([{ type: 'CommentAdded', effectiveOn: '2023-06-30', data: { comment: 'On track', note: 'Q1' } }]);
  });
});

describe('effective dates', () => {
  it('refuses anything effective before the registration', () => {
    spec
      .given(registered)
      .when({ type: 'AddComment', code: CODE, effectiveOn: '2023-03-31', comment: 'Too early' })
      .thenThrows(RuleViolationError, rule('EFFECTIVE_BEFORE_REGISTRATION'));
  });

  it('accepts a command effective on the registration date itself', () => {
    spec
      .given(registered)
      .when({ type: 'UpdateProgress', code: CODE, effectiveOn: '2023-04-01', percentComplete: 5 })
      .then([{ type: 'ProgressUpdated', effectiveOn: '2023-04-01', data: { percentComplete: 5 } }]);
  });

  it('decide alone also refuses a state registered after the command', () => {
    const state = evolve(undefined, {
      type: 'ActionRegistered',
      effectiveOn: '2023-04-01' as BusinessDate,
      data: { ...registration, dueDate: registration.dueDate as BusinessDate },
    });
    expect(() =>
      decide(
        state,
        {
          type: 'AddComment',
          code: CODE,
          effectiveOn: '2023-01-01' as BusinessDate,
          comment: 'Too early',
        },
        { statusKeys: createStatusKeyRegistry() },
      ),
    ).toThrow(expect.objectContaining({ rule: 'EFFECTIVE_BEFORE_REGISTRATION' }));
  });

  it('judges a back-dated command by the state at its own date', () => {
    const history = [registered, closed('2023-12-31')];
    // Closed on 31 Dec, but open on 30 Sep: a back-dated progress update is accepted...
    spec
      .given(...history)
      .when({ type: 'UpdateProgress', code: CODE, effectiveOn: '2023-09-30', percentComplete: 80 })
      .then([{ type: 'ProgressUpdated', effectiveOn: '2023-09-30', data: { percentComplete: 80 } }]);
    // ...and a back-dated revision moves from the due date as it then was.
    spec
      .given(registered, revised('2024-03-31', '2024-06-30', '2023-10-01'))
      .when({
        type: 'ReviseDueDate',
        code: CODE,
        effectiveOn: '2023-08-01',
        to: '2024-03-31',
        reason: 'Pointless',
      })
      .thenThrows(RuleViolationError, rule('DUE_DATE_UNCHANGED'));
  });

  it('judges "unchanged" as at the command date too', () => {
    spec
      .given(registered, progressed(50, '2023-06-30'), progressed(80, '2023-09-30'))
      .when({ type: 'UpdateProgress', code: CODE, effectiveOn: '2023-07-15', percentComplete: 50 })
      .thenNothing();
    spec
      .given(registered, progressed(50, '2023-06-30'), progressed(80, '2023-09-30'))
      .when({ type: 'UpdateProgress', code: CODE, effectiveOn: '2023-07-15', percentComplete: 80 })
      .then([{ type: 'ProgressUpdated', effectiveOn: '2023-07-15', data: { percentComplete: 80 } }]);
  });

  it('refuses a back-dated command on an action closed at that date, even if reopened later', () => {
    spec
      .given(registered, closed('2023-06-30'), {
        type: 'ActionReopened',
        effectiveOn: '2023-10-01',
        data: { reason: 'Audit' },
      })
      .when({ type: 'UpdateProgress', code: CODE, effectiveOn: '2023-08-01', percentComplete: 10 })
      .thenThrows(ActionClosedError);
  });
});

describe('TIMELINE_CONFLICT', () => {
  it('refuses a back-dated close before a later progress update', () => {
    spec
      .given(registered, progressed(60, '2023-09-30'))
      .when({ type: 'CloseAction', code: CODE, effectiveOn: '2023-06-30', outcome: 'completed' })
      .thenThrows(
        RuleViolationError,
        (error) =>
          error.rule === 'TIMELINE_CONFLICT' &&
          error.message.includes('ProgressUpdated') &&
          error.message.includes('2023-09-30'),
      );
  });

  it('accepts a back-dated close when only comments follow it', () => {
    spec
      .given(registered, {
        type: 'CommentAdded',
        effectiveOn: '2023-09-30',
        data: { comment: 'Done and dusted' },
      })
      .when({ type: 'CloseAction', code: CODE, effectiveOn: '2023-06-30', outcome: 'completed' })
      .then([{ type: 'ActionClosed', effectiveOn: '2023-06-30', data: { outcome: 'completed' } }]);
  });

  it("refuses a back-dated revision that breaks a later revision's `from`", () => {
    spec
      .given(registered, revised('2024-03-31', '2024-06-30', '2023-10-01'))
      .when({
        type: 'ReviseDueDate',
        code: CODE,
        effectiveOn: '2023-08-01',
        to: '2024-01-31',
        reason: 'Earlier slip',
      })
      .thenThrows(
        RuleViolationError,
        (error) => error.rule === 'TIMELINE_CONFLICT' && error.message.includes('DueDateRevised'),
      );
  });

  it('refuses a back-dated reopen that would leave a later reopen with nothing to reopen', () => {
    spec
      .given(registered, closed('2023-06-30'), {
        type: 'ActionReopened',
        effectiveOn: '2023-10-01',
        data: { reason: 'Audit' },
      })
      .when({ type: 'ReopenAction', code: CODE, effectiveOn: '2023-08-01', reason: 'Earlier audit' })
      .thenThrows(RuleViolationError, rule('TIMELINE_CONFLICT'));
  });

  it('a same-day command lands after what is already recorded for that day', () => {
    // Recorded order breaks ties, so closing on the day of a progress update is fine.
    spec
      .given(registered, progressed(100, '2023-12-31'))
      .when({ type: 'CloseAction', code: CODE, effectiveOn: '2023-12-31', outcome: 'completed' })
      .then([{ type: 'ActionClosed', effectiveOn: '2023-12-31', data: { outcome: 'completed' } }]);
  });
});
