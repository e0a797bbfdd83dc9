import {
  type ActionState,
  BUSINESS_DATE_RANGE_TEXT,
  type BusinessDate,
  type CommandInput,
  isInBusinessDateRange,
  matchStatus,
  type StatusKey,
  type StatusKeyRegistry,
} from '@perfledger/core';
import { displayValue } from './display-value.js';
import type { SnapshotRow } from './parse-snapshot.js';
import type { SnapshotColumn } from './snapshot-columns.js';
import type { SnapshotProblem } from './snapshot-problem.js';

/** A command the import will send, and the column whose cell asked for it. */
export interface PlannedCommand {
  readonly command: CommandInput;
  readonly column: SnapshotColumn;
}

/** What one row needs: the commands, or the problems that stop it. */
export interface RowDiff {
  readonly commands: readonly PlannedCommand[];
  readonly problems: readonly SnapshotProblem[];
}

/** The import-wide facts a row is compared under. */
export interface DiffContext {
  readonly file: string;
  /** The file name as it appears in generated reasons. */
  readonly label: string;
  readonly asOf: BusinessDate;
  readonly statusKeys: StatusKeyRegistry;
  /** The status key new actions are registered with. */
  readonly statusKey: StatusKey;
  /**
   * Where that key came from, for a refused status: the option (`--status-key`), the plan's
   * registered actions (remembered), or the default (`rag`). The option when omitted.
   */
  readonly statusKeySource?: StatusKeySource;
  /** The plan new actions join when the row names none. */
  readonly plan: string | undefined;
}

/**
 * Where the status key of a new action came from: given (`--status-key`, option `statusKey`),
 * remembered from the plan's registered actions, or the default `rag`.
 *
 * @example
 * ```ts
 * const source: StatusKeySource = { kind: 'plan', plan: 'Promoting Prosperity PDP 2019-20' };
 * ```
 */
export type StatusKeySource =
  | { readonly kind: 'option' }
  | { readonly kind: 'plan'; readonly plan: string }
  | { readonly kind: 'default' };

/** Which key applied to a status cell, and why, in words for a refusal. */
function keyApplied(key: StatusKey, source: StatusKeySource | 'action', code: string): string {
  switch (source === 'action' ? source : source.kind) {
    case 'action':
      return `'${code}' is registered with status key '${key.id}'`;
    case 'plan':
      return `status key '${key.id}' applied: the actions of plan '${(source as { plan: string }).plan}' already use it`;
    case 'default':
      return `status key '${key.id}' applied by default (no --status-key, option statusKey, and no action of the plan registered yet)`;
    default:
      return `status key '${key.id}' applied (--status-key, option statusKey)`;
  }
}

const DETAIL_FIELDS = ['title', 'description', 'directorate', 'section', 'plan', 'owner'] as const;

/**
 * Compares one snapshot row with the action's state as at the snapshot's date and returns the
 * commands that describe the difference, in the order the ledger must see them: reopen,
 * details, due date, progress, status, comment, close. Pure.
 *
 * `state` is the action as at the as-of date; `latest` is the action with every event known,
 * which tells a new code from one registered after the as-of date.
 */
export function diffRow(
  row: SnapshotRow,
  state: ActionState | undefined,
  latest: ActionState | undefined,
  context: DiffContext,
): RowDiff {
  const problems: SnapshotProblem[] = [];
  const problem = (column: SnapshotColumn, message: string) => {
    const cell = row.cells.get(column);
    problems.push({
      file: context.file,
      row: row.row,
      column,
      value: cell === undefined ? null : displayValue(cell),
      message,
    });
  };
  const { code } = row;
  const effectiveOn = context.asOf;
  const commands: PlannedCommand[] = [];
  const add = (column: SnapshotColumn, command: CommandInput) => commands.push({ column, command });

  if (state === undefined) {
    if (latest !== undefined) {
      problem(
        'code',
        `'${code}' is registered effective ${latest.registeredOn}, after this snapshot's date ${context.asOf}; import snapshots in date order`,
      );
      return { commands: [], problems };
    }
    const plan = row.plan ?? context.plan;
    const { title, directorate, section, dueDate } = row;
    if (title === null) problem('title', 'is empty; a new action needs a title');
    if (directorate === null) problem('directorate', 'is empty; a new action needs a directorate');
    if (section === null) problem('section', 'is empty; a new action needs a section');
    if (dueDate === null) problem('due_date', 'is empty; a new action needs a due date');
    if (plan === undefined)
      problem(
        'plan',
        'is empty and no default plan was given (--plan, option plan); a new action needs a plan',
      );
    const status =
      row.status === null
        ? undefined
        : matchStatusOrReport(
            context.statusKey,
            row.status,
            problem,
            keyApplied(context.statusKey, context.statusKeySource ?? { kind: 'option' }, code),
          );
    if (
      title === null ||
      directorate === null ||
      section === null ||
      dueDate === null ||
      plan === undefined ||
      problems.length > 0
    ) {
      return { commands: [], problems };
    }
    add('code', {
      type: 'RegisterAction',
      code,
      effectiveOn,
      title,
      plan,
      directorate,
      section,
      dueDate,
      ...(row.dueDateText === null ? {} : { dueDateText: row.dueDateText }),
      statusKey: context.statusKey.id,
      ...(row.owner === null ? {} : { owner: row.owner }),
      ...(row.description === null ? {} : { description: row.description }),
    });
    // A blank % complete is unknown: nothing is recorded. A stated 0 % is a fact.
    if (row.percentComplete !== null) {
      add('percent_complete', {
        type: 'UpdateProgress',
        code,
        effectiveOn,
        percentComplete: row.percentComplete,
      });
    }
    // The comment that came with the row is the reason for its status and its closure; it is
    // recorded once, on the first of them, as the action's comment (AddComment when neither).
    const because = reasonOf(row.comment, true);
    if (status !== undefined)
      add('status', { type: 'ChangeStatus', code, effectiveOn, status, ...because() });
    const closing = row.stage !== null && row.stage !== 'open' ? row.stage : undefined;
    if (closing !== undefined)
      add('stage', { type: 'CloseAction', code, effectiveOn, outcome: closing, ...because() });
    if (row.comment !== null && status === undefined && closing === undefined)
      add('comments', { type: 'AddComment', code, effectiveOn, comment: row.comment });
    return { commands, problems };
  }

  const key = context.statusKeys.get(state.statusKey);
  let status: string | undefined;
  if (row.status !== null) {
    if (key === undefined) {
      problem(
        'status',
        `'${code}' uses status key '${state.statusKey}', which this ledger was not opened with`,
      );
    } else {
      status = matchStatusOrReport(key, row.status, problem, keyApplied(key, 'action', code));
    }
  }

  const details: Partial<Record<(typeof DETAIL_FIELDS)[number], string>> = {};
  for (const field of DETAIL_FIELDS) {
    const value = row[field];
    if (value !== null && value !== state[field]) details[field] = value;
  }
  const detailColumn = (Object.keys(details)[0] ?? 'title') as SnapshotColumn;
  // A due date outside the business-date range (only an older build could record one, such as
  // the "no end date" marker 9999-12-31) is repaired, not revised: a file that gives the real
  // date corrects it, and the correction is not counted as a slip.
  const dueMoved = row.dueDate !== null && row.dueDate !== state.dueDate;
  const dueCorrected = dueMoved && !isInBusinessDateRange(state.dueDate);
  const dueChanged = dueMoved && !dueCorrected;
  const correction = (): CommandInput => ({
    type: 'CorrectDueDate',
    code,
    // Back-dated to the registration when the wrong value is the registered one, so every
    // quarter since shows the corrected date (as now known); otherwise as of the snapshot.
    effectiveOn: state.dueDateRevisions === 0 ? state.registeredOn : effectiveOn,
    to: row.dueDate!,
    ...(row.dueDateText === null ? {} : { dueDateText: row.dueDateText }),
    reason: `The due date was recorded as ${state.dueDate}, outside the business-date range ${BUSINESS_DATE_RANGE_TEXT}; the ${context.asOf} snapshot (${context.label}) gives ${row.dueDate}.`,
  });
  const progressChanged = row.percentComplete !== null && row.percentComplete !== state.percentComplete;
  const statusChanged = status !== undefined && status !== state.status;
  const commentChanged = row.comment !== null && row.comment !== state.lastComment?.text;
  const closed = state.closed;
  const stage = row.stage ?? closed?.outcome ?? 'open';

  if (closed !== null && stage === closed.outcome) {
    // Still closed: the ledger accepts only a comment, so name every other difference here.
    const frozen = `'${code}' was closed as ${closed.outcome} on ${closed.effectiveOn}`;
    const advice = 'reopen it (stage in progress) or correct the row';
    for (const field of Object.keys(details) as (keyof typeof details)[]) {
      problem(field, `${frozen}, so its ${field} cannot change; ${advice}`);
    }
    if (dueChanged)
      problem('due_date', `${frozen}, so its due date cannot move from ${state.dueDate}; ${advice}`);
    if (progressChanged) {
      problem(
        'percent_complete',
        `${frozen}, so its progress cannot change from ${state.percentComplete === null ? 'unknown' : `${state.percentComplete}%`}; ${advice}`,
      );
    }
    if (statusChanged) {
      problem('status', `${frozen}, so its status cannot change from ${state.status ?? 'none'}; ${advice}`);
    }
    if (problems.length > 0) return { commands: [], problems };
    if (dueCorrected) add('due_date', correction());
    if (commentChanged) add('comments', { type: 'AddComment', code, effectiveOn, comment: row.comment! });
    return { commands, problems };
  }
  if (problems.length > 0) return { commands: [], problems };

  // The comment that came with the row is the reason for each change it explains (reopening,
  // due-date revision, status change, closure); it is recorded once, on the first of them, as the
  // action's latest comment, and as a separate comment only when it came with none of them.
  const because = reasonOf(commentChanged ? row.comment : null, commentChanged);
  const stated = reasonOf(row.comment, false);
  const reasonFor = () => (commentChanged ? because() : stated());
  const closing = stage !== 'open' && (closed === null || closed.outcome !== stage);
  if (closed !== null) {
    const fallback =
      stage === 'open'
        ? `Reopened: the ${context.asOf} snapshot (${context.label}) lists the action as open.`
        : `Reopened to record it as ${stage} instead of ${closed.outcome}, as the ${context.asOf} snapshot (${context.label}) says.`;
    add('stage', { type: 'ReopenAction', code, effectiveOn, reason: fallback, ...reasonFor() });
  }
  if (Object.keys(details).length > 0) {
    add(detailColumn, { type: 'AmendActionDetails', code, effectiveOn, ...details });
  }
  if (dueCorrected) add('due_date', correction());
  if (dueChanged) {
    const fallback = `Due date changed from ${state.dueDate} to ${row.dueDate} in the ${context.asOf} snapshot (${context.label}); the snapshot gave no reason.`;
    add('due_date', {
      type: 'ReviseDueDate',
      code,
      effectiveOn,
      to: row.dueDate!,
      ...(row.dueDateText === null ? {} : { dueDateText: row.dueDateText }),
      reason: fallback,
      ...reasonFor(),
    });
  }
  if (progressChanged) {
    add('percent_complete', {
      type: 'UpdateProgress',
      code,
      effectiveOn,
      percentComplete: row.percentComplete!,
    });
  }
  if (statusChanged)
    add('status', { type: 'ChangeStatus', code, effectiveOn, status: status!, ...reasonFor() });
  if (commentChanged && closed === null && !dueChanged && !statusChanged && !closing) {
    add('comments', { type: 'AddComment', code, effectiveOn, comment: row.comment! });
  }
  if (closing) {
    add('stage', { type: 'CloseAction', code, effectiveOn, outcome: stage, ...reasonFor() });
  }
  return { commands, problems };
}

function matchStatusOrReport(
  key: StatusKey,
  word: string,
  problem: (column: SnapshotColumn, message: string) => void,
  applied: string,
): string | undefined {
  const status = matchStatus(key, word);
  if (status === undefined) {
    problem(
      'status',
      `'${displayValue(word, 60)}' is not a ${key.label} value (${key.values.join(', ')}); ${applied}`,
    );
  }
  return status;
}

/**
 * The row's comment as a change's reason. With `asComment`, the first change that takes it also
 * records it as the action's comment (`reasonIsComment`); the later ones only cite it. Each call
 * gives the next change's fields; none when there is no comment.
 */
function reasonOf(
  comment: string | null,
  asComment: boolean,
): () => { reason?: string; reasonIsComment?: true } {
  let first = asComment;
  return () => {
    if (comment === null) return {};
    const marked = first ? { reasonIsComment: true as const } : {};
    first = false;
    return { reason: comment, ...marked };
  };
}
