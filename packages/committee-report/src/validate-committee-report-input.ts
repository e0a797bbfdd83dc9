import { parseCalendarDate } from './calendar-date.js';
import type { CommitteeReportInput, ExceptionItem, StatusCount } from './committee-report-input.js';
import { CommitteeReportInputError } from './committee-report-input-error.js';
import { formatInstant } from './format-instant.js';
import { indicatorSectionIssues } from './validate-indicator-section.js';

/**
 * Checks what the renderer relies on and throws one {@link CommitteeReportInputError} naming
 * every problem. Text is not checked: anything prints, escaped.
 *
 * @example
 * ```ts
 * validateCommitteeReportInput(input); // returns nothing, or throws
 * ```
 */
export function validateCommitteeReportInput(input: CommitteeReportInput): void {
  const issues: string[] = [];
  const date = (path: string, value: string | null | undefined): void => {
    if (value !== null && value !== undefined && !parseCalendarDate(value)) {
      issues.push(`${path}: '${value}' is not a YYYY-MM-DD date that exists`);
    }
  };
  const instant = (path: string, value: string): void => {
    if (formatInstant(value) === undefined) {
      issues.push(`${path}: '${value}' is not an ISO date-time with Z or an offset`);
    }
  };
  const whole = (path: string, value: number): boolean => {
    if (Number.isSafeInteger(value) && value >= 0) return true;
    issues.push(`${path}: ${value} is not a whole number, zero or more`);
    return false;
  };
  const counts = (path: string, list: readonly StatusCount[], total: number): void => {
    let sum = 0;
    const seen = new Set<string>();
    list.forEach((entry, index) => {
      if (whole(`${path}[${index}].count`, entry.count)) sum += entry.count;
      const key = entry.status.trim().toLowerCase();
      if (seen.has(key)) issues.push(`${path}[${index}].status: '${entry.status}' appears twice`);
      seen.add(key);
    });
    if (sum !== total && Number.isSafeInteger(total)) {
      issues.push(`${path}: counts sum to ${sum}, not the total ${total}`);
    }
  };

  if (![1, 2, 3, 4].includes(input.quarter)) issues.push(`quarter: ${input.quarter} is not 1, 2, 3 or 4`);
  date('quarterStart', input.quarterStart);
  date('quarterEnd', input.quarterEnd);
  if (input.quarterStart > input.quarterEnd) issues.push('quarterStart: is after quarterEnd');
  const startMonth = input.fiscalYearStartMonth;
  if (startMonth !== undefined && !(Number.isInteger(startMonth) && startMonth >= 1 && startMonth <= 12)) {
    issues.push(`fiscalYearStartMonth: ${startMonth} is not a month 1–12`);
  }
  if (input.basis.kind === 'known-at') instant('basis.knownAt', input.basis.knownAt);
  instant('generatedAt', input.generatedAt);
  if (input.provenance) whole('provenance.position', input.provenance.position);
  whole('total', input.total);
  counts('counts', input.counts, input.total);
  counts('derivedCounts', input.derivedCounts, input.total);
  input.groups?.forEach((group, index) => {
    if (whole(`groups[${index}].total`, group.total))
      counts(`groups[${index}].counts`, group.counts, group.total);
  });

  const items = (path: string, list: readonly ExceptionItem[]): void => {
    list.forEach((item, index) => {
      date(`${path}[${index}].dueDate`, item.dueDate);
      date(`${path}[${index}].originalDueDate`, item.originalDueDate);
      date(`${path}[${index}].lastCommentOn`, item.lastCommentOn);
      const percent = item.percentComplete;
      if (
        percent !== null &&
        percent !== undefined &&
        !(Number.isFinite(percent) && percent >= 0 && percent <= 100)
      ) {
        issues.push(`${path}[${index}].percentComplete: ${percent} is not between 0 and 100`);
      }
    });
  };
  if (input.exceptions.decisions !== undefined) items('exceptions.decisions', input.exceptions.decisions);
  items('exceptions.red', input.exceptions.red);
  items('exceptions.overdue', input.exceptions.overdue);
  items('exceptions.disagreements', input.exceptions.disagreements);
  if (input.exceptions.notUpdated !== undefined) items('exceptions.notUpdated', input.exceptions.notUpdated);

  date('titleBlock.meetingDate', input.titleBlock?.meetingDate);
  input.recommendations?.forEach((recommendation, index) => {
    if (recommendation.meaning !== 'attention' && recommendation.meaning !== 'decision') {
      issues.push(
        `recommendations[${index}].meaning: '${String(recommendation.meaning)}' is not attention or decision`,
      );
    }
    items(`recommendations[${index}].items`, recommendation.items);
  });
  input.appendices?.forEach((appendix, index) => {
    const path = `appendices[${index}]`;
    if (whole(`${path}.total`, appendix.total)) counts(`${path}.counts`, appendix.counts, appendix.total);
    let listed = 0;
    appendix.groups.forEach((group, groupIndex) => {
      listed += group.items.length;
      items(`${path}.groups[${groupIndex}].items`, group.items);
    });
    if (listed !== appendix.total && Number.isSafeInteger(appendix.total)) {
      issues.push(`${path}.groups: list ${listed} actions, not the total ${appendix.total}`);
    }
  });

  input.dueDateMoves.forEach((move, index) => {
    const path = `dueDateMoves[${index}]`;
    date(`${path}.originalDueDate`, move.originalDueDate);
    date(`${path}.currentDueDate`, move.currentDueDate);
    move.revisions.forEach((revision, revisionIndex) => {
      date(`${path}.revisions[${revisionIndex}].from`, revision.from);
      date(`${path}.revisions[${revisionIndex}].to`, revision.to);
      date(`${path}.revisions[${revisionIndex}].effectiveOn`, revision.effectiveOn);
    });
  });
  if (input.restatements) instant('restatements.asReportedAt', input.restatements.asReportedAt);
  if (input.indicators) issues.push(...indicatorSectionIssues(input.indicators));

  if (issues.length > 0) throw new CommitteeReportInputError(issues);
}
