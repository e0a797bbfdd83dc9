import { revealHiddenCharacters } from '@perfledger/core';
import type { AuditField } from '../audit-field.js';
import type { ExplainedChange } from './explanation.js';
import {
  asSentence,
  count,
  dueDateWords,
  fieldLabels,
  formatDate,
  formatInstant,
  spokenValue,
} from './plain-words.js';

/** What happened, as the clause after "On <date> (recorded …)". */
function whatHappened(code: string, field: AuditField, change: Omit<ExplainedChange, 'sentence'>): string {
  const { before, after } = change;
  if (change.eventType === 'DueDateCorrected' && after !== null) {
    const recorded = before === null ? '' : `, recorded as ${dueDateWords(before)},`;
    return `the due date of ${code}${recorded} was corrected to ${dueDateWords(after)} (a correction of a wrong record, not a slip: no days or quarters moved)`;
  }
  if (field === 'dueDate' && before !== null && after !== null) {
    const days = change.daysMoved ?? 0;
    const quarters = change.quartersMoved ?? 0;
    const sign = days > 0 ? '+' : '';
    return `the due date of ${code} moved from ${dueDateWords(before)} to ${dueDateWords(after)} (${sign}${count(days, 'day')}, ${count(quarters, 'quarter')})`;
  }
  if (field === 'closed') {
    if (after === 'open') {
      return before === null || before === 'open'
        ? `${code} was reopened`
        : `${code} was reopened (it had been ${spokenValue(field, before)})`;
    }
    return `${code} was ${spokenValue(field, after)}`;
  }
  const label = fieldLabels[field];
  if (change.eventType === 'ReturnStated') {
    const quarter = change.returnRecord?.quarter ?? 'quarterly';
    const was = before === null ? '' : ` (it had been ${spokenValue(field, before)})`;
    return `the ${quarter} return stated the ${label} of ${code} as ${spokenValue(field, after)}${was}`;
  }
  if (field === 'comment') return `a comment was added to ${code}: ${spokenValue(field, after)}`;
  if (change.eventType === 'ActionRegistered')
    return `${code} was registered again, setting its ${label} to ${spokenValue(field, after)}`;
  if (before === null) return `the ${label} of ${code} was set to ${spokenValue(field, after)}`;
  const verb = field === 'percentComplete' ? 'went' : 'changed';
  return `the ${label} of ${code} ${verb} from ${spokenValue(field, before)} to ${spokenValue(field, after)}`;
}

function stateThen(change: Omit<ExplainedChange, 'sentence'>): string {
  // `closed` is 'open' or an outcome for a registered action; null before registration.
  if (change.closed === null) return 'At that point the action was not registered.';
  const status = change.status === null ? 'with no status reported' : `with status ${change.status}`;
  // A % complete nobody reported is unknown, never 0.
  const done =
    change.percentComplete === null ? 'with % complete unknown,' : `${change.percentComplete}% complete`;
  const progress = `${done} ${status}`;
  return change.closed !== null && change.closed !== 'open'
    ? `At that point the action was closed as ${change.closed}, ${progress}.`
    : `At that point the action was ${progress}.`;
}

function backdatingSentence(change: Omit<ExplainedChange, 'sentence'>): string | undefined {
  const { backdating: b, returnRecord } = change;
  if (returnRecord?.kind === 'first') {
    const late = b.daysLate > 0 ? `, recorded ${count(b.daysLate, 'day')} after its effective date,` : '';
    return `It came with the first return recorded for ${returnRecord.quarter}${late} so it is that quarter's record, not a back-dated correction.`;
  }
  if (!change.backdated) return undefined;
  const reasons: string[] = [];
  if (b.beyondTolerance) reasons.push(`more than the ${count(b.toleranceDays, 'day')} allowed`);
  if (b.quarterEnded) reasons.push(`after ${b.quarter} had ended (${formatDate(b.quarterEnd)})`);
  const backdated = `it was recorded ${count(b.daysLate, 'day')} after its effective date, ${reasons.join(', and ')}`;
  if (returnRecord?.kind === 'correction') {
    return `This change corrects the ${returnRecord.quarter} return recorded ${formatInstant(returnRecord.correctsRecordedAt ?? '')}: ${backdated}.`;
  }
  return `This change was back-dated: ${backdated}.`;
}

/**
 * One change told in plain words: who, when recorded, when effective, why, the action's state
 * then, and whether it was back-dated or came after a published report. Hidden characters in
 * the stored values (U+202E and the like) are shown as `[U+202E]` markers (core's
 * `revealHiddenCharacters`), so a stored reason cannot reorder the sentence around it.
 *
 * @example
 * ```ts
 * changeSentence('DEM1518_02', 'dueDate', change);
 * // 'On 15 Jul 2019 (recorded 15 Jul 2019 09:30 UTC by j.smith) the due date of DEM1518_02 moved from …'
 * ```
 */
export function changeSentence(
  code: string,
  field: AuditField,
  change: Omit<ExplainedChange, 'sentence'>,
): string {
  const by = change.actor === null ? '' : ` by ${change.actor}`;
  const parts = [
    `On ${formatDate(change.recordedOn)} (recorded ${formatInstant(change.recordedAt)}${by}) ${whatHappened(code, field, change)}, effective ${formatDate(change.effectiveOn)}.`,
  ];
  if (change.reason !== null) parts.push(`Reason: ${asSentence(change.reason)}`);
  if (change.approver !== null) {
    const reference = change.approvalReference === null ? '' : ` (ref ${change.approvalReference})`;
    parts.push(`Approved by ${change.approver}${reference}.`);
  } else if (change.approvalReference !== null) {
    parts.push(`Approval reference ${change.approvalReference}.`);
  }
  if (change.note !== null && change.note !== change.reason) parts.push(`Note: ${asSentence(change.note)}`);
  parts.push(stateThen(change));
  const backdated = backdatingSentence(change);
  if (backdated !== undefined) parts.push(backdated);
  for (const late of change.afterPublication) {
    const label = fieldLabels[field];
    const effect = late.changesQuarterEndValue
      ? `and changes the ${label} as at that quarter's end (${formatDate(late.quarterEnd)})`
      : `though the ${label} as at that quarter's end (${formatDate(late.quarterEnd)}) is unchanged`;
    parts.push(
      `It was recorded after the ${late.label} report${late.report?.reportId == null ? '' : ` ${late.report.reportId}`} was published (${formatInstant(late.publishedAt)}${late.report === undefined ? '' : `, position ${late.report.position}`}), ${effect}.`,
    );
  }
  return revealHiddenCharacters(parts.join(' '));
}
