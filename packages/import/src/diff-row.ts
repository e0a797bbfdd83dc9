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
  /** The plan new actions join when the row names none. */
  readonly plan: string | undefined;
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
      row.status === null ? undefined : matchStatusOrReport(context.statusKey, row.status, problem);
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
      statusKey: context.statusKey.id,
      ...(row.owner === null ? {} : { owner: row.owner }),
      ...(row.description === null ? {} : { description: row.description }),
    });
    if (row.percentComplete !== null && row.percentComplete !== 0) {
      add('percent_complete', {
        type: 'UpdateProgress',
        code,
        effectiveOn,
        percentComplete: row.percentComplete,
      });
    }
    if (status !== undefined) add('status', { type: 'ChangeStatus', code, effectiveOn, status });
    if (row.comment !== null)
      add('comments', { type: 'AddComment', code, effectiveOn, comment: row.comment });
    if (row.stage !== null && row.stage !== 'open') {
      add('stage', { type: 'CloseAction', code, effectiveOn, outcome: row.stage });
    }
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
      status = matchStatusOrReport(key, row.status, problem);
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
        `${frozen}, so its progress cannot change from ${state.percentComplete}%; ${advice}`,
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

  if (closed !== null) {
    const reason =
      row.comment ??
      (stage === 'open'
        ? `Reopened: the ${context.asOf} snapshot (${context.label}) lists the action as open.`
        : `Reopened to record it as ${stage} instead of ${closed.outcome}, as the ${context.asOf} snapshot (${context.label}) says.`);
    add('stage', { type: 'ReopenAction', code, effectiveOn, reason });
  }
  if (Object.keys(details).length > 0) {
    add(detailColumn, { type: 'AmendActionDetails', code, effectiveOn, ...details });
  }
  if (dueCorrected) add('due_date', correction());
  if (dueChanged) {
    const reason =
      row.comment ??
      `Due date changed from ${state.dueDate} to ${row.dueDate} in the ${context.asOf} snapshot (${context.label}); the snapshot gave no reason.`;
    add('due_date', { type: 'ReviseDueDate', code, effectiveOn, to: row.dueDate!, reason });
  }
  if (progressChanged) {
    add('percent_complete', {
      type: 'UpdateProgress',
      code,
      effectiveOn,
      percentComplete: row.percentComplete!,
    });
  }
  if (statusChanged) add('status', { type: 'ChangeStatus', code, effectiveOn, status: status! });
  if (commentChanged) add('comments', { type: 'AddComment', code, effectiveOn, comment: row.comment! });
  if (stage !== 'open' && (closed === null || closed.outcome !== stage)) {
    add('stage', { type: 'CloseAction', code, effectiveOn, outcome: stage });
  }
  return { commands, problems };
}

function matchStatusOrReport(
  key: StatusKey,
  word: string,
  problem: (column: SnapshotColumn, message: string) => void,
): string | undefined {
  const status = matchStatus(key, word);
  if (status === undefined) {
    problem('status', `'${displayValue(word, 60)}' is not a ${key.label} value (${key.values.join(', ')})`);
  }
  return status;
}
