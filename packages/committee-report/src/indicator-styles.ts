/**
 * The indicators section's styles, added to the report's style sheet only when the report has
 * an indicators section (so reports without one are unchanged byte for byte).
 */
export const indicatorStyles = `
.indicators-table { min-width: 860px; }
.indicators-table .sub { display: block; color: var(--muted); font-size: 12px; }
tbody.indicator { border-bottom: 1px solid var(--rule); }
tbody.indicator th, tbody.indicator td { border-bottom: none; }
.indicator-note td { padding-top: 2px; padding-bottom: 10px; color: #2b2f31; }
.sparkline { display: block; color: var(--accent); }
.sparkline-text { font-size: 12px; color: var(--muted); }
.travel { white-space: nowrap; }
.travel.worsening { color: var(--warn); }
.indicator-disagreements { margin: 0; padding-left: 18px; }
@media print { tbody.indicator { break-inside: avoid; page-break-inside: avoid; } .indicators-table { min-width: 0; } }
`;
