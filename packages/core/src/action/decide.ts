import { ActionClosedError, RuleViolationError, UnknownActionError } from '../errors/index.js';
import type { PendingEvent } from '../events/index.js';
import { matchStatus, type StatusKeyRegistry } from '../status/index.js';
import { BUSINESS_DATE_RANGE_TEXT, type BusinessDate, isInBusinessDateRange } from '../time/index.js';
import type { ActionState } from './action-state.js';
import type { ActionCommand } from './commands.js';
import { returnQuarterEnds } from './return-quarter.js';

/**
 * What a decision needs besides the state: the status keys in force.
 *
 * @example
 * ```ts
 * const context: DecideContext = { statusKeys: ledger.statusKeys };
 * ```
 */
export interface DecideContext {
  readonly statusKeys: StatusKeyRegistry;
}

/** A validated command whose effective date the ledger has already filled in. */
export type DatedCommand = ActionCommand & { readonly effectiveOn: BusinessDate };

// A correction fixes the record, not the delivery, so a closed action accepts it too.
const ALLOWED_WHEN_CLOSED: ReadonlySet<ActionCommand['type']> = new Set([
  'ReopenAction',
  'AddComment',
  'CorrectDueDate',
  // A return restates every action of the plan, the closed ones too ("Completed").
  'RecordReturn',
]);

/**
 * Decides which events a command causes, given the action's state as at the command's effective
 * date. Pure: no I/O, no clock. Throws a {@link LedgerError} subclass when a rule is broken.
 * A command that changes nothing (the same progress, status or details) returns no events.
 *
 * @example
 * ```ts
 * const events = decide(state, { type: 'UpdateProgress', code: 'FP1922_02', effectiveOn: '2019-06-30', percentComplete: 90 }, { statusKeys });
 * ```
 */
export function decide(
  state: ActionState | undefined,
  command: DatedCommand,
  context: DecideContext,
): PendingEvent[] {
  const { effectiveOn } = command;
  if (command.type === 'RegisterAction') {
    if (state !== undefined) {
      throw new RuleViolationError(
        'ACTION_ALREADY_REGISTERED',
        `Action '${command.code}' is already registered (on ${state.registeredOn}).`,
      );
    }
    const key = context.statusKeys.require(command.statusKey);
    const { type: _type, effectiveOn: _effectiveOn, ...data } = command;
    return [{ type: 'ActionRegistered', effectiveOn, data: { ...data, statusKey: key.id } }];
  }
  if (state === undefined) throw new UnknownActionError(command.code);
  if (effectiveOn < state.registeredOn) {
    throw new RuleViolationError(
      'EFFECTIVE_BEFORE_REGISTRATION',
      `${command.type} for '${command.code}' is effective on ${effectiveOn}, before the action was registered (${state.registeredOn}).`,
    );
  }
  if (state.closed !== null && !ALLOWED_WHEN_CLOSED.has(command.type)) {
    throw new ActionClosedError(command.code, command.type);
  }
  const note = command.note === undefined ? {} : { note: command.note };
  // A stated reason, and whether it is also the officer's comment for the period.
  const because = (reason: string | undefined, reasonIsComment: true | undefined) => ({
    ...(reason === undefined ? {} : { reason }),
    ...(reasonIsComment === true && reason !== undefined ? { reasonIsComment } : {}),
  });

  switch (command.type) {
    case 'UpdateProgress':
      if (command.percentComplete === state.percentComplete) return [];
      return [
        { type: 'ProgressUpdated', effectiveOn, data: { percentComplete: command.percentComplete, ...note } },
      ];

    case 'ChangeStatus': {
      const key = context.statusKeys.require(state.statusKey);
      const status = matchStatus(key, command.status);
      if (status === undefined) {
        throw new RuleViolationError(
          'UNKNOWN_STATUS_VALUE',
          `'${command.status}' is not a value of status key '${key.id}' (${key.values.join(', ')}).`,
        );
      }
      if (status === state.status) {
        // Nothing to change, but a comment given as the reason is still the period's comment.
        return command.reasonIsComment === true &&
          command.reason !== undefined &&
          command.reason !== state.lastComment?.text
          ? [{ type: 'CommentAdded', effectiveOn, data: { comment: command.reason, ...note } }]
          : [];
      }
      return [
        {
          type: 'StatusChanged',
          effectiveOn,
          data: { status, ...because(command.reason, command.reasonIsComment), ...note },
        },
      ];
    }

    case 'ReviseDueDate': {
      if (!isInBusinessDateRange(state.dueDate)) {
        // A slip measured from a "no end date" marker would be millions of days long.
        throw new RuleViolationError(
          'DUE_DATE_OUT_OF_RANGE',
          `The due date of '${command.code}' is recorded as ${state.dueDate}, outside the business-date range ${BUSINESS_DATE_RANGE_TEXT}, so it cannot be revised; correct it instead (CorrectDueDate, or import a snapshot that gives the real due date).`,
        );
      }
      if (command.to === state.dueDate) {
        throw new RuleViolationError(
          'DUE_DATE_UNCHANGED',
          `The due date of '${command.code}' is already ${state.dueDate}; a revision must name a different date.`,
        );
      }
      const { approver, approvalReference, reason, dueDateText } = command;
      return [
        {
          type: 'DueDateRevised',
          effectiveOn,
          data: {
            from: state.dueDate,
            to: command.to,
            ...(dueDateText === undefined ? {} : { dueDateText }),
            reason,
            ...(command.reasonIsComment === true ? { reasonIsComment: true as const } : {}),
            ...(approver === undefined ? {} : { approver }),
            ...(approvalReference === undefined ? {} : { approvalReference }),
            ...note,
          },
        },
      ];
    }

    case 'CorrectDueDate': {
      if (command.to === state.dueDate) {
        throw new RuleViolationError(
          'DUE_DATE_UNCHANGED',
          `The due date of '${command.code}' is already ${state.dueDate}; a correction must name a different date.`,
        );
      }
      const { approver, approvalReference, reason, dueDateText } = command;
      return [
        {
          type: 'DueDateCorrected',
          effectiveOn,
          data: {
            recorded: state.dueDate,
            corrected: command.to,
            ...(dueDateText === undefined ? {} : { dueDateText }),
            // No revision since registration: the wrong value is the original due date itself.
            correctsOriginal: state.dueDateRevisions === 0,
            reason,
            ...(approver === undefined ? {} : { approver }),
            ...(approvalReference === undefined ? {} : { approvalReference }),
            ...note,
          },
        },
      ];
    }

    case 'CloseAction':
      return [
        {
          type: 'ActionClosed',
          effectiveOn,
          data: { outcome: command.outcome, ...because(command.reason, command.reasonIsComment), ...note },
        },
      ];

    case 'ReopenAction':
      if (state.closed === null) {
        throw new RuleViolationError('ACTION_NOT_CLOSED', `Action '${command.code}' is not closed.`);
      }
      return [
        {
          type: 'ActionReopened',
          effectiveOn,
          data: { ...because(command.reason, command.reasonIsComment), reason: command.reason, ...note },
        },
      ];

    case 'AmendActionDetails': {
      const changes: Record<string, string> = {};
      for (const field of ['title', 'description', 'owner', 'directorate', 'section', 'plan'] as const) {
        const value = command[field];
        if (value !== undefined && value !== state[field]) changes[field] = value;
      }
      if (Object.keys(changes).length === 0) return [];
      return [{ type: 'ActionDetailsAmended', effectiveOn, data: { ...changes, ...note } }];
    }

    case 'AddComment':
      return [{ type: 'CommentAdded', effectiveOn, data: { comment: command.comment, ...note } }];

    case 'RecordReturn': {
      const ends = returnQuarterEnds(command.fy, command.quarter);
      if (!ends.includes(effectiveOn)) {
        throw new RuleViolationError(
          'RETURN_NOT_AT_QUARTER_END',
          `The ${command.fy} Q${command.quarter} return for '${command.code}' is effective on ${effectiveOn}, which is not the end of that quarter (${ends.length === 1 ? ends[0] : `${ends[2]} for an April-start year`}).`,
        );
      }
      let status: string | null = null;
      if (command.status !== undefined && command.status !== null) {
        const key = context.statusKeys.require(state.statusKey);
        const matched = matchStatus(key, command.status);
        if (matched === undefined) {
          throw new RuleViolationError(
            'UNKNOWN_STATUS_VALUE',
            `'${command.status}' is not a value of status key '${key.id}' (${key.values.join(', ')}).`,
          );
        }
        status = matched;
      }
      return [
        {
          type: 'ReturnStated',
          effectiveOn,
          data: {
            fy: command.fy,
            quarter: command.quarter,
            status,
            percentComplete: command.percentComplete ?? null,
            dueDate: command.dueDate ?? null,
            dueDateText: command.dueDateText ?? null,
            comment: command.comment ?? null,
            ...note,
          },
        },
      ];
    }
  }
}
