import type { FiscalQuarterNumber } from '@perfledger/core';

/** The output formats of `report quarter`. */
export type QuarterReportFormat = 'table' | 'json' | 'csv' | 'md' | 'html' | 'pdf';

/** How each plan's appendix groups its actions. */
export type AppendixBy = 'directorate' | 'section' | 'none';

/** Who a committee report is for: the title block (CLI options over the config file). */
export interface ReportTitle {
  readonly organisation?: string | undefined;
  readonly committee?: string | undefined;
  readonly meetingDate?: string | undefined;
  readonly author?: string | undefined;
  readonly contact?: string | undefined;
}

/** How the quarter's counts are broken down, besides the overall totals. */
export type GroupBy = 'plan' | 'directorate' | 'section';

/**
 * Everything a quarter-end report is rendered from, besides the log itself. With the position it
 * pins the report exactly: the same parameters over the same log prefix give the same bytes,
 * which is what makes a published report reproducible.
 */
export interface QuarterReportParameters {
  readonly fy: string;
  readonly quarter: FiscalQuarterNumber;
  readonly format: QuarterReportFormat;
  readonly by?: GroupBy | undefined;
  readonly warningWindowDays: number;
  /** How the basis is described: as now known (at `position`), or as known at an earlier time. */
  readonly basis: { readonly kind: 'now' } | { readonly kind: 'known-at'; readonly knownAt: string };
  /** The log position the report is based on. */
  readonly position: number;
  /** The title block (html, pdf). */
  readonly title?: ReportTitle | undefined;
  /** The plans whose appendices to print; every plan when empty or absent. */
  readonly plans?: readonly string[] | undefined;
  /** How the appendices group each plan's actions; `section` by default. */
  readonly appendixBy?: AppendixBy | undefined;
  /** The headline sentence's template and the statuses it counts. */
  readonly headline?:
    | { readonly template?: string | undefined; readonly statuses?: readonly string[] | undefined }
    | undefined;
}

const TITLE_FIELDS = ['organisation', 'committee', 'meetingDate', 'author', 'contact'] as const;

/** Parameters as recorded in a `ReportPublished` event (strings only), and back. */
export function parametersToRecord(parameters: QuarterReportParameters): Record<string, string> {
  return {
    basis: parameters.basis.kind,
    ...(parameters.basis.kind === 'known-at' ? { knownAt: parameters.basis.knownAt } : {}),
    ...(parameters.by === undefined ? {} : { by: parameters.by }),
    warningWindowDays: String(parameters.warningWindowDays),
    ...Object.fromEntries(
      TITLE_FIELDS.flatMap((field) => {
        const value = parameters.title?.[field];
        return value === undefined ? [] : [[field, value]];
      }),
    ),
    ...Object.fromEntries((parameters.plans ?? []).map((plan, index) => [`plan${index + 1}`, plan])),
    ...(parameters.appendixBy === undefined ? {} : { appendixBy: parameters.appendixBy }),
    ...(parameters.headline?.template === undefined
      ? {}
      : { headlineTemplate: parameters.headline.template }),
    ...Object.fromEntries(
      (parameters.headline?.statuses ?? []).map((status, index) => [`headlineStatus${index + 1}`, status]),
    ),
  };
}

/**
 * The report-specific parameters back from a `ReportPublished` record (see
 * {@link parametersToRecord}): title block, plans, appendix grouping, headline.
 */
export function reportOptionsFromRecord(
  record: Readonly<Record<string, string>>,
): Pick<QuarterReportParameters, 'title' | 'plans' | 'appendixBy' | 'headline'> {
  const numbered = (prefix: string): string[] => {
    const values: string[] = [];
    for (let index = 1; record[`${prefix}${index}`] !== undefined; index += 1)
      values.push(record[`${prefix}${index}`]!);
    return values;
  };
  const title = Object.fromEntries(
    TITLE_FIELDS.flatMap((field) => (record[field] === undefined ? [] : [[field, record[field]]])),
  ) as ReportTitle;
  const by = record.appendixBy;
  const statuses = numbered('headlineStatus');
  return {
    ...(Object.keys(title).length === 0 ? {} : { title }),
    ...(numbered('plan').length === 0 ? {} : { plans: numbered('plan') }),
    ...(by === 'directorate' || by === 'section' || by === 'none' ? { appendixBy: by } : {}),
    ...(record.headlineTemplate === undefined && statuses.length === 0
      ? {}
      : {
          headline: {
            ...(record.headlineTemplate === undefined ? {} : { template: record.headlineTemplate }),
            ...(statuses.length === 0 ? {} : { statuses }),
          },
        }),
  };
}
