import { RuleViolationError } from '../errors/index.js';
import type { PendingEvent } from '../events/index.js';
import type { ActionState } from './action-state.js';
import { type DatedCommand, type DecideContext, decide } from './decide.js';
import { evolve } from './evolve.js';
import { effectiveOrder, foldAction, type TimelineEvent } from './timeline.js';

/**
 * Decides a command against an action's whole history, so that back-dated commands are judged
 * by the world as it was on their effective date, and are refused when they would make a later
 * recorded fact untrue (a back-dated closure before a later progress update, say). Pure.
 *
 * @example
 * ```ts
 * const events = decideOnTimeline(ledger.readStream('action:FP1922_02'), command, { statusKeys });
 * ```
 */
export function decideOnTimeline(
  history: readonly TimelineEvent[],
  command: DatedCommand,
  context: DecideContext,
): PendingEvent[] {
  const registration = history.find((event) => event.type === 'ActionRegistered');
  if (command.type !== 'RegisterAction' && registration && command.effectiveOn < registration.effectiveOn) {
    throw new RuleViolationError(
      'EFFECTIVE_BEFORE_REGISTRATION',
      `${command.type} for '${command.code}' is effective on ${command.effectiveOn}, before the action was registered (${registration.effectiveOn}).`,
    );
  }
  const stateAt =
    command.type === 'RegisterAction' ? foldAction(history) : foldAction(history, command.effectiveOn);
  const pending = decide(stateAt, command, context);
  if (command.type === 'RecordReturn' && restatesLatest(history, pending)) return [];
  if (pending.length > 0) assertTimelineStillHolds(history, pending, command.code);
  return pending;
}

/**
 * True when the statement decided is exactly the latest one recorded for its quarter (the note
 * aside): recording the same return again, or re-importing the same file, changes nothing.
 */
function restatesLatest(history: readonly TimelineEvent[], pending: readonly PendingEvent[]): boolean {
  const stated = pending[0];
  if (stated?.type !== 'ReturnStated') return false;
  const prior = latestStatement(history, stated.data.fy, stated.data.quarter);
  if (prior === undefined || prior.effectiveOn !== stated.effectiveOn) return false;
  const before = prior.data;
  const after = stated.data;
  return (
    before.status === after.status &&
    before.percentComplete === after.percentComplete &&
    before.dueDate === after.dueDate &&
    before.dueDateText === after.dueDateText &&
    before.comment === after.comment
  );
}

/**
 * The latest statement (by stream version) recorded for one quarter of an action, if any.
 *
 * @example
 * ```ts
 * latestStatement(await ledger.readAction('FP1922_02'), '2019/20', 1)?.data.status;
 * ```
 */
export function latestStatement(
  history: readonly TimelineEvent[],
  fy: string,
  quarter: number,
): Extract<TimelineEvent, { type: 'ReturnStated' }> | undefined {
  let latest: Extract<TimelineEvent, { type: 'ReturnStated' }> | undefined;
  for (const event of history) {
    if (event.type !== 'ReturnStated' || event.data.fy !== fy || event.data.quarter !== quarter) continue;
    if (latest === undefined || event.streamVersion > latest.streamVersion) latest = event;
  }
  return latest;
}

function assertTimelineStillHolds(
  history: readonly TimelineEvent[],
  pending: PendingEvent[],
  code: string,
): void {
  const lastVersion = history.reduce((max, event) => Math.max(max, event.streamVersion), 0);
  const added = pending.map((event, index) => ({ ...event, streamVersion: lastVersion + index + 1 }));
  const firstAdded = added[0]!;
  let state: ActionState | undefined;
  let afterInsertion = false;
  for (const event of effectiveOrder([...history, ...added])) {
    if (event === firstAdded) afterInsertion = true;
    else if (afterInsertion && event.streamVersion <= lastVersion) {
      const problem = admissibilityProblem(state, event);
      if (problem !== undefined) {
        throw new RuleViolationError(
          'TIMELINE_CONFLICT',
          `A ${firstAdded.type} effective on ${firstAdded.effectiveOn} for '${code}' would contradict the ${event.type} already recorded as effective on ${event.effectiveOn} (stream version ${event.streamVersion}): ${problem}.`,
        );
      }
    }
    state = evolve(state, event);
  }
}

/**
 * Why an already-recorded event would no longer make sense after the given state, if it would not.
 */
function admissibilityProblem(state: ActionState | undefined, event: TimelineEvent): string | undefined {
  if (event.type === 'ActionRegistered') return undefined;
  if (state === undefined) return 'the action would not be registered yet';
  if (
    state.closed !== null &&
    event.type !== 'ActionReopened' &&
    event.type !== 'CommentAdded' &&
    event.type !== 'DueDateCorrected' &&
    event.type !== 'ReturnStated'
  ) {
    return `the action would already be closed (${state.closed.outcome} on ${state.closed.effectiveOn})`;
  }
  if (event.type === 'ActionReopened' && state.closed === null) return 'the action would not be closed';
  if (event.type === 'DueDateRevised' && event.data.from !== state.dueDate) {
    return `it moved the due date from ${event.data.from}, but the due date would be ${state.dueDate}`;
  }
  if (event.type === 'DueDateCorrected' && event.data.recorded !== state.dueDate) {
    return `it corrected the due date recorded as ${event.data.recorded}, but the due date would be ${state.dueDate}`;
  }
  return undefined;
}
