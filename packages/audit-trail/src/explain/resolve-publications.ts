import {
  type FiscalCalendar,
  formatRecordedAt,
  isFiscalQuarterNumber,
  type Ledger,
  LedgerError,
  listPublishedReports,
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
  /** The `ReportPublished` event, when the publication was read from the ledger. */
  readonly report?: PublishedReportRef;
}

/**
 * A `ReportPublished` event a change came after: its event id, its position in the log, and the
 * reference it was published under (`--report-id`), if any.
 *
 * @example
 * ```ts
 * const ref: PublishedReportRef = { eventId: '0190…', position: 61, reportId: 'CAB-2019-08' };
 * ```
 */
export interface PublishedReportRef {
  readonly eventId: string;
  readonly position: number;
  readonly reportId: string | null;
}

/**
 * The quarter reports published in the ledger as known at `upTo` (its `ReportPublished`
 * events), resolved like caller-given publications, so that `explain` says without being asked
 * which published reports a change came after. A report whose year the calendar cannot read is
 * left out.
 *
 * @example
 * ```ts
 * const recorded = await publicationsInLedger(ledger, position, ukFiscalCalendar);
 * ```
 */
export async function publicationsInLedger(
  ledger: Ledger,
  upTo: number,
  calendar: FiscalCalendar,
): Promise<ResolvedPublication[]> {
  const resolved: ResolvedPublication[] = [];
  for (const report of await listPublishedReports(ledger)) {
    if (report.position > upTo) continue;
    let bounds: ReturnType<FiscalCalendar['quarterBounds']>;
    try {
      bounds = calendar.quarterBounds(calendar.parseFiscalYear(report.fy), report.quarter);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      continue;
    }
    resolved.push({
      fy: bounds.fy.label,
      quarter: bounds.quarter,
      label: bounds.label,
      quarterEnd: bounds.end,
      publishedAt: report.recordedAt,
      report: { eventId: report.eventId, position: report.position, reportId: report.reportId },
    });
  }
  return resolved;
}

/**
 * The caller's publications and the ledger's, once each (a caller's entry for a report the
 * ledger records is the ledger's), ordered by quarter end then publication time.
 *
 * @example
 * ```ts
 * const publications = mergePublications(resolvePublications(options.publications, calendar), recorded);
 * ```
 */
export function mergePublications(
  given: readonly ResolvedPublication[],
  recorded: readonly ResolvedPublication[],
): ResolvedPublication[] {
  const key = (p: ResolvedPublication) => `${p.label}@${p.publishedAt}`;
  const seen = new Set(recorded.map(key));
  return [...recorded, ...given.filter((p) => !seen.has(key(p)))].sort(byQuarterThenTime);
}

function byQuarterThenTime(a: ResolvedPublication, b: ResolvedPublication): number {
  if (a.quarterEnd !== b.quarterEnd) return a.quarterEnd < b.quarterEnd ? -1 : 1;
  return a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : 0;
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
