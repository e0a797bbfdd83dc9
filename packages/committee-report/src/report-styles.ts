/**
 * The report's whole style sheet, inlined so the file needs nothing from the network. System
 * fonts only; a print section sets A4 margins, keeps colours, repeats table headers and avoids
 * splitting rows and charts across pages.
 */
export const reportStyles = `
:root {
  --ink: #0b0c0c;
  --muted: #505a5f;
  --rule: #b1b4b6;
  --rule-light: #dfe1e2;
  --wash: #f3f2f1;
  --accent: #1d3557;
  --accent-light: #e8eef5;
  --warn: #c8102e;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  color: var(--ink);
  background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif;
  font-size: 15px;
  line-height: 1.45;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.page { max-width: 1040px; margin: 0 auto; padding: 0 32px 40px; }
.report-header { background: var(--accent); color: #fff; padding: 28px 32px 24px; margin: 0 -32px 28px; }
.eyebrow { margin: 0 0 4px; font-size: 13px; letter-spacing: 0.06em; text-transform: uppercase; opacity: 0.85; }
h1 { margin: 0; font-size: 30px; line-height: 1.2; font-weight: 700; }
.period { margin: 6px 0 18px; font-size: 19px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0; font-size: 14px; }
.meta dt { font-weight: 600; opacity: 0.85; }
.meta dd { margin: 0; }
.meta code { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: 13px; }
h2 { font-size: 22px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 3px solid var(--accent); }
h3 { font-size: 17px; margin: 24px 0 10px; }
p { margin: 0 0 12px; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.num-head { text-align: right; }
.nowrap { white-space: nowrap; }
.code { font-weight: 600; white-space: nowrap; }
.sub { display: block; color: var(--muted); font-size: 12px; }
.status { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; border: 1px solid rgba(11, 12, 12, 0.55); flex: none; }
.lead { font-size: 17px; max-width: 62em; }
.note { color: var(--muted); font-size: 13px; }
.none { color: var(--muted); font-style: italic; }
.cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; margin: 0 0 20px; padding: 0; list-style: none; }
.cards-6 { grid-template-columns: repeat(6, 1fr); }
.card { border: 1px solid var(--rule-light); border-top: 4px solid var(--accent); padding: 10px 12px; background: #fff; }
.card.card-alert { border-top-color: var(--warn); }
.card-value { display: block; font-size: 28px; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.card-label { display: block; font-size: 13px; color: var(--muted); }
.summary-grid { display: grid; grid-template-columns: minmax(260px, 1fr) 2fr; gap: 24px; align-items: start; margin-bottom: 20px; }
figure { margin: 0; }
svg { max-width: 100%; height: auto; display: block; font-family: inherit; overflow: hidden; }
table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 0 0 16px; }
caption { text-align: left; font-weight: 600; font-size: 14px; padding: 0 0 6px; }
caption.note { font-weight: 400; }
.table-scroll { overflow-x: auto; margin: 0 0 16px; }
.table-scroll > table { margin: 0; }
.groups-table th[scope="row"] { min-width: 14em; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--rule-light); }
thead th { background: var(--wash); border-bottom: 2px solid var(--rule); font-size: 13px; }
tbody tr:nth-child(even) { background: #fafafa; }
tfoot th, tfoot td { border-top: 2px solid var(--rule); border-bottom: none; font-weight: 700; }
.exception-facts td, .exception-facts th { padding-bottom: 2px; }
.exception-comment td { padding-top: 2px; padding-bottom: 10px; color: #2b2f31; }
tbody.exception tr, tbody.restatement tr { background: none; }
tbody.exception, tbody.restatement { border-bottom: 1px solid var(--rule); }
tbody.exception:nth-of-type(even), tbody.restatement:nth-of-type(even) { background: #fafafa; }
tbody.exception th, tbody.exception td, tbody.restatement th, tbody.restatement td { border-bottom: none; }
.exceptions-table { table-layout: fixed; min-width: 720px; }
.moves-table { min-width: 640px; }
.exceptions-table .code { white-space: normal; overflow-wrap: anywhere; }
.comment-label { font-weight: 600; color: var(--muted); font-size: 13px; }
.revision-reason { display: block; }
.mismatch { font-weight: 700; }
.exception-count { color: var(--muted); font-weight: 400; }
.revision-list { margin: 0; padding-left: 18px; }
.revision-list li { margin-bottom: 4px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 8px 0 16px; padding: 0; list-style: none; font-size: 13px; color: var(--muted); }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.legend svg { display: inline-block; }
.restated-old { color: var(--muted); text-decoration: line-through; }
.report-footer { margin-top: 36px; padding-top: 12px; border-top: 1px solid var(--rule); font-size: 13px; color: var(--muted); }
.bar-label, .bar-value { font-size: 13px; fill: var(--ink); }
.bar-value { font-variant-numeric: tabular-nums; }
.bar-track { fill: var(--wash); }
.bar { stroke: rgba(11, 12, 12, 0.6); stroke-width: 1; }
.fy-band { fill: #fff; }
.fy-band-alt { fill: #f7f7f6; }
.fy-label { font-size: 12px; font-weight: 700; fill: var(--ink); }
.quarter-label { font-size: 11px; fill: var(--muted); }
.grid-line { stroke: var(--rule-light); stroke-width: 1; }
.grid-year { stroke: var(--rule); }
.report-quarter { fill: #fff4cc; }
.quarter-end-line { stroke: var(--ink); stroke-width: 1; stroke-dasharray: 4 3; }
.quarter-end-label { font-size: 11px; fill: var(--ink); }
.row-stripe { fill: rgba(29, 53, 87, 0.04); }
.row-code { font-size: 12px; font-weight: 700; fill: var(--ink); }
.row-title { font-size: 12px; fill: var(--muted); }
.row-line { stroke: var(--rule); stroke-width: 2; }
.revision { fill: none; stroke-width: 1.6; }
.revision-later { stroke: #b3470c; }
.revision-earlier { stroke: #1d70b8; }
.arrow-later { fill: #b3470c; }
.arrow-earlier { fill: #1d70b8; }
.original-due { fill: #fff; stroke: var(--ink); stroke-width: 1.8; }
.current-due { fill: var(--ink); }
.interim-due { fill: #fff; stroke: var(--muted); stroke-width: 1.4; }
.slip-days { font-size: 13px; font-weight: 700; fill: var(--ink); font-variant-numeric: tabular-nums; }
.slip-detail { font-size: 11px; fill: var(--muted); }
.status-symbol { font-weight: 700; min-width: 1em; text-align: center; }
.headline { font-size: 19px; font-weight: 700; margin: 0 0 10px; }
.not-stated { font-style: italic; }
.recommendations { padding-left: 22px; }
.recommendations > li { margin-bottom: 8px; }
ol.roman { list-style: lower-roman; padding-left: 26px; margin: 6px 0 0; }
ol.roman p { margin: 0 0 4px; }
.flagged { margin: 0 0 8px; padding-left: 18px; }
.muted { color: var(--muted); }
.appendix-lead { color: var(--muted); }
.actions-table { table-layout: fixed; min-width: 760px; }
.actions-table .code { white-space: normal; overflow-wrap: anywhere; }
.actions-table .commentary { font-size: 13px; overflow-wrap: anywhere; }
.actions-table .commentary, .actions-table .commentary-head { padding-left: 14px; }
.appendix-overall { width: 100%; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media screen and (max-width: 760px) {
  .summary-grid { grid-template-columns: 1fr; }
  .cards { grid-template-columns: repeat(2, 1fr); }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; }
  h1 { font-size: 20pt; }
  .period { font-size: 13pt; margin-bottom: 10px; }
  .meta { font-size: 9pt; }
  h2 { font-size: 15pt; margin-top: 20px; }
  h3 { font-size: 12pt; }
  .lead { font-size: 11pt; }
  .card-value { font-size: 18pt; }
  .card-label { font-size: 8.5pt; }
  .table-scroll { overflow: visible; }
  .exceptions-table, .moves-table, .actions-table { min-width: 0; }
  .appendix { break-before: page; page-break-before: always; }
  .actions-table .commentary { font-size: 8.5pt; }
  .summary-grid { grid-template-columns: 1fr; gap: 4px; }
  .summary-grid .chart { max-width: 150mm; }
  .counts-table { width: auto; min-width: 100mm; }
  .page { max-width: none; padding: 0; }
  .report-header { margin: 0 0 16px; padding: 14px 16px; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  /* A total is printed once, after the last row: Chromium repeats a footer group on every page. */
  tfoot { display: table-row-group; }
  tr, tbody.exception, .recommendation, tbody.restatement, figure, .card, .cards, .legend { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 9pt; }
}
`;
