import {
  type CalendarDate,
  dayNumber,
  formatDueDateText,
  formatShortDate,
  formatShortDateText,
  isPlottableDate,
  parseCalendarDate,
} from './calendar-date.js';
import type { DueDateMove } from './committee-report-input.js';
import { fiscalQuartersCovering } from './fiscal-quarter-grid.js';
import { plural } from './plural.js';
import { html, type SafeHtml } from './safe-html.js';
import { formatDaysMoved, formatQuartersMoved, slipMeasures } from './slip-measures.js';
import { truncateText } from './truncate-text.js';

/**
 * What {@link dueDateTimeline} draws.
 */
export interface DueDateTimelineOptions {
  /** Unique within the page; prefixes the chart's ids. */
  readonly id: string;
  readonly moves: readonly DueDateMove[];
  /** The report's quarter, shaded, with its end marked as a dashed line. */
  readonly quarterStart: string;
  readonly quarterEnd: string;
  /** First month of the financial year, 1–12. */
  readonly startMonth: number;
}

const width = 960;
const labelWidth = 250;
const plotLeft = labelWidth + 10;
const plotRight = 790;
const headerHeight = 46;
const rowHeight = 44;
const footerHeight = 26;

/**
 * An inline SVG timeline of due dates that moved: one row per action, dates across, quarter
 * gridlines labelled Q1–Q4 under each fiscal year. A hollow circle marks the original due date,
 * an arc with an arrowhead each revision (above the line when the date moved later, below when
 * brought forward), a filled diamond the current due date, and the right-hand label the days and
 * quarters slipped. `undefined` when there is nothing to draw.
 *
 * @example
 * ```ts
 * dueDateTimeline({ id: 'moves', moves, quarterStart: '2023-10-01', quarterEnd: '2023-12-31', startMonth: 4 })?.value;
 * // '<svg class="timeline-chart" role="img" …'
 * ```
 */
export function dueDateTimeline(options: DueDateTimelineOptions): SafeHtml | undefined {
  const { id, moves, startMonth } = options;
  if (moves.length === 0) return undefined;
  const quarterStart = parseCalendarDate(options.quarterStart);
  const quarterEnd = parseCalendarDate(options.quarterEnd);
  const dates: CalendarDate[] = [];
  // Only dates within the business-date range are drawn (see plottableDateRange).
  const plotted = (text: string): CalendarDate | undefined =>
    isPlottableDate(text) ? parseCalendarDate(text) : undefined;
  for (const move of moves) {
    for (const text of [
      move.originalDueDate,
      move.currentDueDate,
      ...move.revisions.flatMap((r) => [r.from, r.to]),
    ]) {
      const date = plotted(text);
      if (date) dates.push(date);
    }
  }
  if (quarterStart) dates.push(quarterStart);
  if (quarterEnd) dates.push(quarterEnd);
  const sorted = [...dates].sort((a, b) => dayNumber(a) - dayNumber(b));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return undefined;

  const quarters = fiscalQuartersCovering(first, last, startMonth);
  const rangeStart = dayNumber(quarters[0]?.start ?? first);
  const rangeEnd = dayNumber(quarters[quarters.length - 1]?.next ?? last);
  const span = Math.max(1, rangeEnd - rangeStart);
  const x = (day: number): number => round(plotLeft + ((day - rangeStart) / span) * (plotRight - plotLeft));
  const xOf = (text: string): number | undefined => {
    const date = plotted(text);
    return date ? x(dayNumber(date)) : undefined;
  };
  const height = headerHeight + moves.length * rowHeight + footerHeight;
  const plotBottom = headerHeight + moves.length * rowHeight;

  const quarterWidth = (plotRight - plotLeft) / quarters.length;
  const grid: SafeHtml[] = [];
  // Fiscal-year bands and labels.
  const years = new Map<string, { from: number; to: number }>();
  for (const cell of quarters) {
    const from = x(dayNumber(cell.start));
    const to = x(dayNumber(cell.next));
    const year = years.get(cell.fyLabel);
    years.set(cell.fyLabel, { from: year?.from ?? from, to });
  }
  [...years.entries()].forEach(([label, band], index) => {
    const bandWidth = band.to - band.from;
    grid.push(
      html`<rect class="fy-band${index % 2 === 1 ? ' fy-band-alt' : ''}" x="${band.from}" y="${headerHeight - 44}" width="${round(bandWidth)}" height="${plotBottom - headerHeight + 44}"/>`,
    );
    if (bandWidth >= label.length * 7 + 6) {
      grid.push(
        html`<text class="fy-label" x="${round(band.from + bandWidth / 2)}" y="${headerHeight - 30}" text-anchor="middle">${label}</text>`,
      );
    }
  });
  if (quarterStart && quarterEnd) {
    const from = x(dayNumber(quarterStart));
    const to = x(dayNumber(quarterEnd) + 1);
    grid.push(
      html`<rect class="report-quarter" x="${from}" y="${headerHeight - 12}" width="${round(to - from)}" height="${plotBottom - headerHeight + 12}"/>`,
    );
  }
  quarters.forEach((cell, index) => {
    const from = x(dayNumber(cell.start));
    const isYearStart = cell.quarter === 1;
    grid.push(
      html`<line class="${isYearStart ? 'grid-line grid-year' : 'grid-line'}" x1="${from}" y1="${headerHeight - (isYearStart ? 44 : 20)}" x2="${from}" y2="${plotBottom}"/>`,
    );
    if (quarterWidth >= 20) {
      grid.push(
        html`<text class="quarter-label" x="${round(from + quarterWidth / 2)}" y="${headerHeight - 8}" text-anchor="middle">Q${cell.quarter}</text>`,
      );
    }
    if (index === quarters.length - 1) {
      const end = x(dayNumber(cell.next));
      grid.push(
        html`<line class="grid-line grid-year" x1="${end}" y1="${headerHeight - 44}" x2="${end}" y2="${plotBottom}"/>`,
      );
    }
  });
  if (quarterEnd) {
    const at = x(dayNumber(quarterEnd) + 1);
    grid.push(
      html`<line class="quarter-end-line" x1="${at}" y1="${headerHeight - 12}" x2="${at}" y2="${plotBottom + 6}"/>
<text class="quarter-end-label" x="${at}" y="${plotBottom + 18}" text-anchor="middle">Quarter end ${formatShortDate(quarterEnd)}</text>`,
    );
  }

  const rows = moves.map((move, index) => {
    const top = headerHeight + index * rowHeight;
    const baseline = top + rowHeight / 2 + 4;
    const slip = slipMeasures(move.originalDueDate, move.currentDueDate, startMonth);
    const original = xOf(move.originalDueDate);
    const current = xOf(move.currentDueDate);
    const points = [original, current, ...move.revisions.flatMap((r) => [xOf(r.from), xOf(r.to)])].filter(
      (value): value is number => value !== undefined,
    );
    const lineFrom = Math.min(...points);
    const lineTo = Math.max(...points);
    const arcs = move.revisions.map((revision) => {
      const from = xOf(revision.from);
      const to = xOf(revision.to);
      if (from === undefined || to === undefined || from === to) return html``;
      const later = to > from;
      const lift = Math.min(16, 6 + Math.abs(to - from) / 8);
      const controlY = round(later ? baseline - lift * 2 : baseline + lift * 2);
      const endX = round(later ? to - 5 : to + 5);
      return html`<path class="${later ? 'revision revision-later' : 'revision revision-earlier'}" d="M ${from} ${baseline} Q ${round((from + endX) / 2)} ${controlY} ${endX} ${baseline}" marker-end="url(#${id}-${later ? 'arrow-later' : 'arrow-earlier'})"><title>${formatShortDateText(revision.from)} → ${formatShortDateText(revision.to)} (effective ${formatShortDateText(revision.effectiveOn)}): ${revision.reason}</title></path>`;
    });
    const summary = `${move.code}: originally due ${formatDueDateText(move.originalDueDate)}, now ${formatDueDateText(move.currentDueDate)}; ${formatDaysMoved(slip.days)}, ${formatQuartersMoved(slip.quarters)}, ${plural(move.revisions.length, 'revision')}`;
    return html`<g class="timeline-row" data-code="${move.code}" data-days-slipped="${slip.days}">
<title>${summary}</title>
${index % 2 === 1 ? html`<rect class="row-stripe" x="0" y="${top}" width="${width}" height="${rowHeight}"/>` : null}
<text class="row-code" x="8" y="${top + 18}">${truncateText(move.code, 30)}</text>
<text class="row-title" x="8" y="${top + 34}">${truncateText(move.title, 34)}</text>
${points.length > 0 ? html`<line class="row-line" x1="${lineFrom}" y1="${baseline}" x2="${lineTo}" y2="${baseline}"/>` : null}
${arcs}
${intermediate(move).map((text) => {
  const at = xOf(text);
  return at === undefined
    ? null
    : html`<circle class="interim-due" cx="${at}" cy="${baseline}" r="3"><title>Interim due date ${formatShortDateText(text)}</title></circle>`;
})}
${original === undefined ? null : html`<circle class="original-due" cx="${original}" cy="${baseline}" r="5"><title>Original due date ${formatShortDateText(move.originalDueDate)}</title></circle>`}
${current === undefined ? null : html`<path class="current-due" d="M ${current} ${baseline - 6} L ${current + 6} ${baseline} L ${current} ${baseline + 6} L ${current - 6} ${baseline} Z"><title>Current due date ${formatShortDateText(move.currentDueDate)}</title></path>`}
<text class="slip-days" x="${plotRight + 14}" y="${top + 18}">${formatDaysMoved(slip.days)}</text>
<text class="slip-detail" x="${plotRight + 14}" y="${top + 34}">${formatQuartersMoved(slip.quarters)}, ${plural(move.revisions.length, 'revision')}</text>
</g>`;
  });

  const description = moves
    .map((move) => {
      const slip = slipMeasures(move.originalDueDate, move.currentDueDate, startMonth);
      return `${move.code} ${move.title}: originally due ${formatDueDateText(move.originalDueDate)}, now due ${formatDueDateText(move.currentDueDate)}, ${formatDaysMoved(slip.days)} after ${plural(move.revisions.length, 'revision')}.`;
    })
    .join(' ');

  return html`<svg class="timeline-chart" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">Timeline of due dates that moved, ${plural(moves.length, 'action')}</title>
<desc id="${id}-desc">${description}</desc>
<defs>
<marker id="${id}-arrow-later" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path class="arrow-later" d="M 0 0 L 10 5 L 0 10 Z"/></marker>
<marker id="${id}-arrow-earlier" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path class="arrow-earlier" d="M 0 0 L 10 5 L 0 10 Z"/></marker>
</defs>
<g class="timeline-grid">${grid}</g>
${rows}
</svg>`;
}

/** Due dates an action passed through between its original and current one. */
function intermediate(move: DueDateMove): readonly string[] {
  const ends = new Set([move.originalDueDate, move.currentDueDate]);
  return [...new Set(move.revisions.flatMap((revision) => [revision.from, revision.to]))].filter(
    (date) => !ends.has(date),
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
