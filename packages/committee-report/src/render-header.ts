import { formatDateRange, formatLongDate, parseCalendarDate } from './calendar-date.js';
import type { CommitteeReportInput, ReturnSignOffLine } from './committee-report-input.js';
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
 * A plan's sign-off as the header says it: "approved (submitted by j.smith, approved by
 * head.of.service)", or "not approved (submitted by j.smith)".
 *
 * @example
 * ```ts
 * signOffPhrase({ plan: 'PDP', state: 'submitted', submittedBy: 'j.smith', approvedBy: null }); // 'not approved: submitted by j.smith, awaiting approval'
 * ```
 */
export function signOffPhrase(line: ReturnSignOffLine): string {
  const by = line.submittedBy === null ? '' : ` by ${line.submittedBy}`;
  switch (line.state) {
    case 'approved':
      return `approved (submitted${by}, approved by ${line.approvedBy ?? 'an unnamed approver'})`;
    case 'submitted':
      return `not approved: submitted${by}, awaiting approval`;
    case 'changed since approval':
      return `not approved: changed since it was approved by ${line.approvedBy ?? 'an unnamed approver'}`;
    default:
      return 'not approved: not submitted';
  }
}

/**
 * The title block's lines: committee, meeting date, author, contact and plans covered. A field
 * the caller did not give prints as "Not stated", so a reader sees what is missing.
 */
function titleBlockLines(input: CommitteeReportInput): SafeHtml | null {
  const block = input.titleBlock;
  if (block === undefined) return null;
  const stated = (value: string | undefined): SafeHtml =>
    value === undefined || value.trim() === ''
      ? html`<span class="not-stated">Not stated</span>`
      : html`${value}`;
  const meeting = block.meetingDate === undefined ? undefined : parseCalendarDate(block.meetingDate);
  return html`<dt>Organisation</dt><dd class="organisation">${stated(input.organisation)}</dd>
<dt>Committee</dt><dd class="committee">${stated(block.committee)}</dd>
<dt>Meeting date</dt><dd class="meeting-date">${stated(meeting ? formatLongDate(meeting) : block.meetingDate)}</dd>
<dt>Report of</dt><dd class="author">${stated(block.author)}</dd>
<dt>Contact</dt><dd class="contact">${stated(block.contact)}</dd>
<dt>Plans covered</dt><dd class="plans-covered">${block.plans.length === 0 ? html`<span class="not-stated">None</span>` : block.plans.join('; ')}</dd>
`;
}

/**
 * The page header: organisation, title, period, the title block (committee, meeting, author,
 * contact, plans) when given, basis, when generated, and ledger provenance.
 */
export function renderHeader(input: CommitteeReportInput): SafeHtml {
  const basisExplained =
    input.basis.kind === 'now'
      ? 'everything the ledger knows today about the quarter, including corrections recorded after it ended'
      : 'only what had been recorded by then (the publication cut-off); later corrections are not included';
  const provenance = input.provenance;
  const signOff =
    input.signOff && input.signOff.length > 0
      ? html`<dt>Return sign-off</dt><dd class="sign-off">${input.signOff.map(
          (line, index) =>
            html`${index > 0 ? '; ' : ''}<span class="sign-off-${line.state === 'approved' ? 'approved' : 'unapproved'}">${line.plan}: <strong>${signOffPhrase(line)}</strong></span>`,
        )}</dd>\n`
      : null;
  return html`<header class="report-header">
<p class="eyebrow">${input.organisation ? `${input.organisation} · ` : ''}Quarter-end performance report</p>
<h1>${input.title}</h1>
<p class="period">${reportPeriod(input)}</p>
<dl class="meta">
${titleBlockLines(input)}<dt>Basis</dt><dd><strong class="basis">${basisPhrase(input.basis)}</strong>: ${basisExplained}</dd>
<dt>Generated</dt><dd class="generated-at">${formatInstant(input.generatedAt) ?? input.generatedAt}</dd>
${signOff}${
  provenance
    ? html`<dt>Ledger</dt><dd class="provenance">position ${formatWholeNumber(provenance.position)}, head <code title="${provenance.headHash}">${hashPrefix(provenance.headHash)}</code>, ${provenance.generator}</dd>`
    : null
}
</dl>
</header>`;
}
