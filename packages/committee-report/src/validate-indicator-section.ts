import type { IndicatorSectionInput } from './indicator-section-input.js';

/**
 * What is wrong with an indicators section, each issue starting with its path (`indicators.…`):
 * counts that are not whole or do not add up to the items, a code twice, a disagreement that
 * names no item, a trend value that is not a finite number. Empty when nothing is.
 *
 * @example
 * ```ts
 * indicatorSectionIssues({ period: '2019/20 Q1', counts: [{ status: 'Alert', count: 2 }], items: [], disagreements: [] });
 * // ['indicators.counts: counts sum to 2, not the 0 items']
 * ```
 */
export function indicatorSectionIssues(section: IndicatorSectionInput): string[] {
  const issues: string[] = [];
  let sum = 0;
  section.counts.forEach((entry, index) => {
    if (Number.isSafeInteger(entry.count) && entry.count >= 0) sum += entry.count;
    else issues.push(`indicators.counts[${index}].count: ${entry.count} is not a whole number, zero or more`);
  });
  if (sum !== section.items.length) {
    issues.push(`indicators.counts: counts sum to ${sum}, not the ${section.items.length} items`);
  }
  const codes = new Set<string>();
  section.items.forEach((item, index) => {
    if (codes.has(item.code)) issues.push(`indicators.items[${index}].code: '${item.code}' appears twice`);
    codes.add(item.code);
    item.trend.forEach((point, pointIndex) => {
      if (point.value !== null && !Number.isFinite(point.value)) {
        issues.push(
          `indicators.items[${index}].trend[${pointIndex}].value: ${point.value} is not a finite number`,
        );
      }
    });
  });
  section.disagreements.forEach((code, index) => {
    if (!codes.has(code)) issues.push(`indicators.disagreements[${index}]: '${code}' is not an item`);
  });
  return issues;
}
