import type { CommitteeReportInput } from './committee-report-input.js';
import { formatWholeNumber } from './format-count-with-percent.js';
import { formatInstant } from './format-instant.js';
import { indicatorStyles } from './indicator-styles.js';
import { renderAppendices } from './render-appendices.js';
import { renderDueDateMoves } from './render-due-date-moves.js';
import { renderExceptions } from './render-exceptions.js';
import { basisPhrase, hashPrefix, renderHeader, reportPeriod } from './render-header.js';
import { renderIndicators } from './render-indicators.js';
import { renderRecommendations } from './render-recommendations.js';
import { renderRestatements } from './render-restatements.js';
import { renderSummary } from './render-summary.js';
import { reportStyles } from './report-styles.js';
import { html, rawHtml } from './safe-html.js';
import { createStatusPalette } from './status-colours.js';
import { validateCommitteeReportInput } from './validate-committee-report-input.js';

/**
 * Renders a quarter-end committee report as one self-contained HTML document: inline CSS and
 * SVG, no scripts, no fonts, images or anything else fetched. It prints on A4, uses real
 * headings and table headers, and every chart has an accessible name and a text version.
 *
 * Pure and deterministic: no clock, no locale, no randomness. The same input gives the same
 * string, so the file can be content-hashed and reproduced byte for byte. All text from the
 * input is escaped. Throws a {@link CommitteeReportInputError} listing every problem when counts
 * do not add up or dates are not ISO.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { renderCommitteeReport } from '@perfledger/committee-report';
 *
 * writeFileSync('report.html', renderCommitteeReport(input));
 * ```
 */
export function renderCommitteeReport(input: CommitteeReportInput): string {
  validateCommitteeReportInput(input);
  const palette = createStatusPalette(input.statusColours, input.statusSymbols);
  // Hand out neutral colours in the order the statuses first appear, whatever renders first.
  for (const entry of [...input.counts, ...input.derivedCounts]) palette.colourOf(entry.status);
  const provenance = input.provenance;
  const document = html`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="${provenance?.generator ?? '@perfledger/committee-report'}">
<meta name="perfledger:basis" content="${basisPhrase(input.basis)}">
<meta name="perfledger:generated-at" content="${input.generatedAt}">
${provenance ? html`<meta name="perfledger:ledger-position" content="${provenance.position}">\n<meta name="perfledger:ledger-head" content="${provenance.headHash}">` : null}
<title>${input.title} — ${input.fy} Quarter ${input.quarter}</title>
<style>${rawHtml(reportStyles)}${input.indicators ? rawHtml(indicatorStyles) : null}</style>
</head>
<body>
<div class="page">
${renderHeader(input)}
<main>
${renderRecommendations(input)}
${renderSummary(input, palette)}
${renderExceptions(input, palette)}${input.indicators ? html`\n${renderIndicators(input.indicators, palette)}` : null}
${renderDueDateMoves(input)}
${input.restatements ? renderRestatements(input.restatements) : null}
${renderAppendices(input, palette)}
</main>
<footer class="report-footer">
<p>${input.title}, ${reportPeriod(input)}. ${basisPhrase(input.basis)}. Generated ${formatInstant(input.generatedAt) ?? input.generatedAt}${
    provenance
      ? ` by ${provenance.generator} from ledger position ${formatWholeNumber(provenance.position)} (head ${hashPrefix(provenance.headHash)})`
      : ''
  }.</p>
<p>This file is self-contained and reproducible: the same ledger, basis and generation time produce it byte for byte, so its hash identifies this exact report.</p>
</footer>
</div>
</body>
</html>
`;
  return document.value;
}
