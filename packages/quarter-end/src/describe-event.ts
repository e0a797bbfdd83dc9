import {
  describeIndicatorEvent,
  isIndicatorEvent,
  type LedgerEvent,
  revealHiddenCharacters,
} from '@perfledger/core';

const COMMENT_PREVIEW = 80;

/**
 * A short, plain-English line saying what an event changed, for restatement lists and audit
 * screens. Hidden characters in stored text (U+202E and the like) are shown as `[U+202E]` markers
 * (core's `revealHiddenCharacters`).
 *
 * @example
 * ```ts
 * describeEvent({ type: 'DueDateRevised', data: { from: '2019-06-30', to: '2020-12-31', reason: 'Land Registry timetable' } });
 * // 'due date moved from 2019-06-30 to 2020-12-31 (Land Registry timetable)'
 * ```
 */
export function describeEvent(event: LedgerEvent): string {
  return revealHiddenCharacters(describe(event));
}

function describe(event: LedgerEvent): string {
  if (isIndicatorEvent(event)) return describeIndicatorEvent(event);
  switch (event.type) {
    case 'ActionRegistered':
      return `registered "${event.data.title}" in ${event.data.plan}, due ${event.data.dueDate}`;
    case 'ProgressUpdated':
      return `% complete set to ${event.data.percentComplete}`;
    case 'StatusChanged':
      return `status set to ${event.data.status}`;
    case 'DueDateRevised':
      return `due date moved from ${event.data.from} to ${event.data.to} (${event.data.reason})`;
    case 'DueDateCorrected':
      return `due date recorded as ${event.data.recorded} corrected to ${event.data.corrected}, not a slip (${event.data.reason})`;
    case 'ActionClosed':
      return `closed as ${event.data.outcome}`;
    case 'ActionReopened':
      return `reopened (${event.data.reason})`;
    case 'ActionDetailsAmended': {
      const changes: string[] = [];
      for (const field of ['title', 'description', 'owner', 'directorate', 'section', 'plan'] as const) {
        const value = event.data[field];
        if (value !== undefined) changes.push(`${field} set to "${preview(value)}"`);
      }
      return changes.join('; ');
    }
    case 'CommentAdded':
      return `comment added: "${preview(event.data.comment)}"`;
    case 'ReportPublished':
      return `report published for ${event.data.fy} Q${event.data.quarter}`;
    case 'ReturnStated': {
      const { data } = event;
      const stated: string[] = [];
      if (data.status !== null) stated.push(`status ${data.status}`);
      if (data.percentComplete !== null) stated.push(`${data.percentComplete}% complete`);
      if (data.dueDate !== null) stated.push(`due ${data.dueDateText ?? data.dueDate}`);
      if (data.comment !== null) stated.push(`comment "${preview(data.comment)}"`);
      return `${data.fy} Q${data.quarter} return stated ${stated.length === 0 ? 'nothing (all blank)' : stated.join(', ')}`;
    }
    case 'ReturnSubmitted':
      return `${event.data.fy} Q${event.data.quarter} return of ${event.data.plan} submitted`;
    case 'ReturnApproved':
      return `${event.data.fy} Q${event.data.quarter} return of ${event.data.plan} approved`;
    default:
      return (event satisfies never as LedgerEvent).type;
  }
}

function preview(text: string): string {
  return text.length <= COMMENT_PREVIEW ? text : `${text.slice(0, COMMENT_PREVIEW - 1)}…`;
}
