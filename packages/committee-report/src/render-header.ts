import { formatDateRange, parseCalendarDate } from './calendar-date.js';
import type { CommitteeReportInput } from './committee-report-input.js';
import { formatWholeNumber } from './format-count-with-percent.js';
import { formatInstant } from './format-instant.js';
import { html, type SafeHtml } from './safe-html.js';

/**
 * "2023/24 Quarter 3 (1 October – 31 December 2023)".
 *
 * @example
 * ```ts
 * reportPeriod(input); // '2023/24 Quarter 3 (1 October – 31 December 2023)'
 * ```
 */
export function reportPeriod(input: CommitteeReportInput): string {
  const start = parseCalendarDate(input.quarterStart);
  const end = parseCalendarDate(input.quarterEnd);
  const span = start && end ? ` (${formatDateRange(start, end)})` : '';
  return `${input.fy} Quarter ${input.quarter}${span}`;
}

/**
 * The basis as a short phrase: "As now known" or "As known at 2024-01-15 09:00 UTC".
 *
 * @example
 * ```ts
 * basisPhrase({ kind: 'known-at', knownAt: '2024-01-15T09:00:00Z' }); // 'As known at 2024-01-15 09:00 UTC'
 * ```
 */
export function basisPhrase(basis: CommitteeReportInput['basis']): string {
  return basis.kind === 'now'
    ? 'As now known'
    : `As known at ${formatInstant(basis.knownAt) ?? basis.knownAt}`;
}

/** The first 12 hex characters of a hash: enough to find the event, short enough to read aloud. */
export function hashPrefix(hash: string): string {
  return hash.slice(0, 12);
}

/**
 * The page header: organisation, title, period, basis, when generated, and ledger provenance.
 */
export function renderHeader(input: CommitteeReportInput): SafeHtml {
  const basisExplained =
    input.basis.kind === 'now'
      ? 'everything the ledger knows today about the quarter, including corrections recorded after it ended'
      : 'only what had been recorded by then (the publication cut-off); later corrections are not included';
  const provenance = input.provenance;
  return html`<header class="report-header">
<p class="eyebrow">${input.organisation ? `${input.organisation} · ` : ''}Quarter-end performance report</p>
<h1>${input.title}</h1>
<p class="period">${reportPeriod(input)}</p>
<dl class="meta">
<dt>Basis</dt><dd><strong class="basis">${basisPhrase(input.basis)}</strong>: ${basisExplained}</dd>
<dt>Generated</dt><dd class="generated-at">${formatInstant(input.generatedAt) ?? input.generatedAt}</dd>
${
  provenance
    ? html`<dt>Ledger</dt><dd class="provenance">position ${formatWholeNumber(provenance.position)}, head <code title="${provenance.headHash}">${hashPrefix(provenance.headHash)}</code>, ${provenance.generator}</dd>`
    : null
}
</dl>
</header>`;
}
