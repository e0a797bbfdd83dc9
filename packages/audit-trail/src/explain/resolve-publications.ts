import {
  type FiscalCalendar,
  formatRecordedAt,
  isFiscalQuarterNumber,
  LedgerError,
  parseRecordedAt,
  ValidationError,
  type ValidationIssue,
} from '@perfledger/core';
import type { Publication } from './explain-options.js';

/** A publication with its quarter resolved and its time in the ledger's sortable format. */
export interface ResolvedPublication {
  readonly fy: string;
  readonly quarter: 1 | 2 | 3 | 4;
  readonly label: string;
  readonly quarterEnd: string;
  readonly publishedAt: string;
}

/**
 * Checks the publications (every problem reported at once) and resolves each to its quarter's
 * last day, ordered by quarter end then publication time.
 */
export function resolvePublications(
  publications: readonly Publication[] | undefined,
  calendar: FiscalCalendar,
): ResolvedPublication[] {
  if (publications === undefined) return [];
  if (!Array.isArray(publications)) {
    throw new ValidationError('publications must be a list.', [
      { path: ['publications'], message: 'must be a list' },
    ]);
  }
  const issues: ValidationIssue[] = [];
  const resolved: ResolvedPublication[] = [];
  publications.forEach((publication: Publication, index) => {
    const path = ['publications', index];
    if (typeof publication !== 'object' || publication === null) {
      issues.push({ path, message: 'must be { fy, quarter, publishedAt }' });
      return;
    }
    const { fy, quarter, publishedAt } = publication;
    const at =
      typeof publishedAt === 'string' && /^\d{4}-\d\d-\d\dT/.test(publishedAt)
        ? parseRecordedAt(publishedAt)
        : Number.NaN;
    if (!Number.isFinite(at))
      issues.push({ path: [...path, 'publishedAt'], message: 'must be an ISO-8601 instant' });
    if (!isFiscalQuarterNumber(quarter))
      issues.push({ path: [...path, 'quarter'], message: 'must be 1, 2, 3 or 4' });
    let bounds: ReturnType<FiscalCalendar['quarterBounds']> | undefined;
    try {
      if (isFiscalQuarterNumber(quarter))
        bounds = calendar.quarterBounds(calendar.parseFiscalYear(fy), quarter);
      else calendar.parseFiscalYear(fy);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      issues.push({ path: [...path, 'fy'], message: error.message });
    }
    if (bounds !== undefined && Number.isFinite(at)) {
      resolved.push({
        fy: bounds.fy.label,
        quarter: bounds.quarter,
        label: bounds.label,
        quarterEnd: bounds.end,
        publishedAt: formatRecordedAt(at),
      });
    }
  });
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ValidationError(`Invalid publications: ${summary}`, issues);
  }
  return resolved.sort((a, b) =>
    a.quarterEnd === b.quarterEnd
      ? a.publishedAt < b.publishedAt
        ? -1
        : 1
      : a.quarterEnd < b.quarterEnd
        ? -1
        : 1,
  );
}
