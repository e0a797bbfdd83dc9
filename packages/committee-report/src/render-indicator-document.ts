import { CommitteeReportInputError } from './committee-report-input-error.js';
import type { IndicatorSectionInput } from './indicator-section-input.js';
import { indicatorStyles } from './indicator-styles.js';
import { renderIndicators } from './render-indicators.js';
import { reportStyles } from './report-styles.js';
import { html, rawHtml } from './safe-html.js';
import { createStatusPalette } from './status-colours.js';
import { indicatorSectionIssues } from './validate-indicator-section.js';

/**
 * What heads a standalone indicator report: its title and the sentence saying what the
 * ledger knew (both printed as given).
 *
 * @example
 * ```ts
 * const heading: IndicatorDocumentHeading = { title: 'Indicators 2019/20 Q1', basis: 'as now known (ledger position 333)' };
 * ```
 */
export interface IndicatorDocumentHeading {
  readonly title: string;
  readonly basis: string;
  readonly organisation?: string;
}

/**
 * The indicators section as a document of its own: the same self-contained, printable HTML
 * as the committee report (inline styles, no scripts, nothing fetched), for `perfledger
 * indicators report --format html`. Pure and deterministic.
 *
 * @throws CommitteeReportInputError when the section's counts do not add up or a disagreement names no item.
 * @example
 * ```ts
 * writeFileSync('indicators.html', renderIndicatorDocument(section, { title: 'Indicators 2019/20 Q1', basis: 'as now known' }));
 * ```
 */
export function renderIndicatorDocument(
  section: IndicatorSectionInput,
  heading: IndicatorDocumentHeading,
): string {
  const issues = indicatorSectionIssues(section);
  if (issues.length > 0) throw new CommitteeReportInputError(issues);
  const palette = createStatusPalette();
  return html`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${heading.title}</title>
<style>${rawHtml(reportStyles)}${rawHtml(indicatorStyles)}</style>
</head>
<body>
<div class="page">
<header>${heading.organisation ? html`<p class="organisation">${heading.organisation}</p>` : null}<h1>${heading.title}</h1><p class="basis">${heading.basis}</p></header>
<main>
${renderIndicators(section, palette)}
</main>
</div>
</body>
</html>
`.value;
}
