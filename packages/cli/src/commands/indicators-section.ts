import type {
  CommitteeReportInput,
  IndicatorSectionInput,
  IndicatorSectionItem,
} from '@perfledger/committee-report';
import { isIndicatorPeriodLabel, type Ledger } from '@perfledger/core';
import { formatIndicatorFigure, formatIndicatorTargetFigure } from '@perfledger/import';
import { type IndicatorView, indicatorHistory, indicatorView } from '@perfledger/indicators';

/**
 * The committee report's indicators section for a view: each item's figures printed in its
 * unit, the counts committees print (by the status shown: reported, else derived; statuses
 * with no indicator left out), the disagreements, and for each item its trend up to the
 * period (from `indicatorHistory` at the same log position).
 *
 * @example
 * ```ts
 * const section = await indicatorSectionOf(ledger, await indicatorView(ledger, { period: '2019/20 Q1' }));
 * ```
 */
export async function indicatorSectionOf(
  ledger: Ledger,
  view: IndicatorView,
): Promise<IndicatorSectionInput> {
  const items: IndicatorSectionItem[] = [];
  for (const item of view.items) {
    const history = await indicatorHistory(ledger, item.code, { knownAt: { position: view.basis.position } });
    const trend = (history?.periods ?? [])
      .filter((period) => period.periodEnd <= view.periodEnd && period.quality !== null)
      .map((period) => ({
        period: period.period,
        value: typeof period.value === 'boolean' ? (period.value ? 1 : 0) : period.value,
      }));
    items.push({
      code: item.code,
      title: item.title,
      polarity: item.polarity,
      value: item.quality === 'missing' ? 'missing' : formatIndicatorFigure(item.value, item.unit),
      target: formatIndicatorTargetFigure(item.target, item.unit),
      previous: formatIndicatorFigure(item.previous, item.unit),
      direction: item.direction,
      targetMet: item.targetMet,
      status: item.status,
      derivedStatus: item.derivedStatus,
      note: item.footnote ?? item.note,
      trend,
    });
  }
  return {
    period: view.period,
    counts: Object.entries(view.counts)
      .filter(([, count]) => count > 0)
      .map(([status, count]) => ({ status, count })),
    items,
    disagreements: view.disagreements.map((disagreement) => disagreement.code),
  };
}

/**
 * True when a view has anything to print for its period: a value (even a missing one), a
 * target or a reported status. A quarter no indicator speaks for adds no section.
 *
 * @example
 * ```ts
 * if (hasIndicatorFacts(view)) input = { ...input, indicators: await indicatorSectionOf(ledger, view) };
 * ```
 */
export function hasIndicatorFacts(view: IndicatorView): boolean {
  return view.items.some((item) => item.quality !== null || item.status !== null);
}

/**
 * The committee report input with the quarter's indicators section added, read at the same
 * log position, when any indicator speaks for the quarter ({@link hasIndicatorFacts}); the
 * input as it is otherwise, and for a quarter no indicator can have (outside the range of
 * indicator periods, as a ledger's first and last quarters may be).
 *
 * @example
 * ```ts
 * const content = renderCommitteeReport(await withIndicators(ledger, input, view, { position: 155 }));
 * ```
 */
export async function withIndicators(
  ledger: Ledger,
  input: CommitteeReportInput,
  quarter: { readonly fy: string; readonly quarter: number },
  knownAt: { readonly position: number },
): Promise<CommitteeReportInput> {
  const period = `${quarter.fy} Q${quarter.quarter}`;
  if (!isIndicatorPeriodLabel(period)) return input;
  const view = await indicatorView(ledger, { period, knownAt });
  return hasIndicatorFacts(view) ? { ...input, indicators: await indicatorSectionOf(ledger, view) } : input;
}
