import { BUSINESS_DATE_RANGE_TEXT, isBusinessDate, isInBusinessDateRange } from '@perfledger/core';
import type { AuditField } from '../audit-field.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2019-07-01" → "1 Jul 2019": the way committee papers print dates, independent of locale. */
export function formatDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
}

/**
 * A due date as a reader would say it, flagged when it lies outside the business-date range (a
 * value only an older build could record, such as the "no end date" marker 9999-12-31): shown
 * as recorded, never hidden.
 *
 * @example
 * ```ts
 * dueDateWords('9999-12-31'); // '31 Dec 9999 (outside the business-date range 1900-01-01 to 2199-12-31)'
 * ```
 */
export function dueDateWords(date: string): string {
  const outside = isBusinessDate(date) && !isInBusinessDateRange(date);
  return outside
    ? `${formatDate(date)} (outside the business-date range ${BUSINESS_DATE_RANGE_TEXT})`
    : formatDate(date);
}

/** A recorded time to the minute, in UTC: "15 Jul 2019 09:30 UTC". */
export function formatInstant(recordedAt: string): string {
  return `${formatDate(recordedAt.slice(0, 10))} ${recordedAt.slice(11, 16)} UTC`;
}

/** "1 day", "3 days", "-2 quarters". */
export function count(n: number, unit: string): string {
  return `${n} ${unit}${Math.abs(n) === 1 ? '' : 's'}`;
}

/** Ends a free-text sentence with a full stop unless it already has closing punctuation. */
export function asSentence(text: string): string {
  return /[.!?…)"”']$/.test(text) ? text : `${text}.`;
}

/** The field's name in running text. */
export const fieldLabels: Readonly<Record<AuditField, string>> = Object.freeze({
  title: 'title',
  description: 'description',
  plan: 'plan',
  directorate: 'directorate',
  section: 'section',
  owner: 'owner',
  statusKey: 'status key',
  dueDate: 'due date',
  percentComplete: 'progress',
  status: 'status',
  closed: 'closure',
  comment: 'comment',
});

/** A field's TEXT value as a reader would say it. */
export function spokenValue(field: AuditField, value: string | null): string {
  if (value === null)
    return field === 'status' ? 'no status' : field === 'percentComplete' ? 'unknown' : 'nothing';
  switch (field) {
    case 'dueDate':
      return dueDateWords(value);
    case 'percentComplete':
      return `${value}%`;
    case 'closed':
      return value === 'open' ? 'open' : `closed as ${value}`;
    case 'status':
    case 'statusKey':
      return value;
    default:
      return `“${value}”`;
  }
}

/** How registration left the field: "with a due date of 30 Jun 2019". */
export function registeredWith(field: AuditField, value: string | null): string {
  switch (field) {
    case 'dueDate':
      return value === null ? 'with no due date' : `with a due date of ${dueDateWords(value)}`;
    case 'percentComplete':
      return value === null ? 'with % complete not yet reported' : `at ${value}% complete`;
    case 'closed':
      return value === null || value === 'open'
        ? 'as an open action'
        : `already ${spokenValue(field, value)}`;
    case 'status':
      return value === null ? 'with no status reported' : `with status ${value}`;
    case 'plan':
    case 'directorate':
    case 'section':
      return value === null ? `with no ${field}` : `in ${field} ${spokenValue(field, value)}`;
    default:
      return value === null
        ? `with no ${fieldLabels[field]}`
        : `with ${fieldLabels[field]} ${spokenValue(field, value)}`;
  }
}
