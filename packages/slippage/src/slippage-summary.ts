import type { Ledger } from '@perfledger/core';
import { ValidationError } from '@perfledger/core';
import { collectActionSlippage } from './collect-action-slippage.js';
import type { ResolvedSlippageBasis } from './slippage-basis.js';
import { checkQueryOptions, type SlippageQueryOptions } from './slippage-query-options.js';
import type { SlippageThreshold } from './slippage-threshold.js';
import { type SlippageActionGroup, summarizeByAttribute } from './summarize-by-attribute.js';
import { type SlippageQuarterGroup, summarizeByQuarter } from './summarize-by-quarter.js';

/**
 * What to group by: the action's plan or directorate as at the basis, the fiscal quarter each
 * revision took effect in, or the fiscal quarter the ledger recorded it in.
 *
 * @example
 * ```ts
 * const by: SlippageSummaryBy = 'recorded-quarter';
 * ```
 */
export type SlippageSummaryBy = 'plan' | 'directorate' | 'quarter' | 'recorded-quarter';

const BY: readonly SlippageSummaryBy[] = ['plan', 'directorate', 'quarter', 'recorded-quarter'];

/**
 * Options for {@link slippageSummary}: the grouping and the shared query options
 * (`plan` and `directorate` filter the actions before grouping).
 *
 * @example
 * ```ts
 * const options: SlippageSummaryOptions = { by: 'quarter', directorate: 'Finance Services' };
 * ```
 */
export interface SlippageSummaryOptions extends SlippageQueryOptions {
  readonly by: SlippageSummaryBy;
}

/**
 * A summary of actions by plan or directorate; `threshold` is what `behind` counts against.
 *
 * @example
 * ```ts
 * const summary: SlippageActionSummary = await slippageSummary(ledger, { by: 'plan' });
 * ```
 */
export interface SlippageActionSummary {
  readonly by: 'plan' | 'directorate';
  readonly basis: ResolvedSlippageBasis;
  readonly threshold: SlippageThreshold;
  readonly groups: readonly SlippageActionGroup[];
}

/**
 * A summary of revisions by the fiscal quarter they took effect in or were recorded in.
 *
 * @example
 * ```ts
 * const summary: SlippageQuarterSummary = await slippageSummary(ledger, { by: 'quarter' });
 * ```
 */
export interface SlippageQuarterSummary {
  readonly by: 'quarter' | 'recorded-quarter';
  readonly basis: ResolvedSlippageBasis;
  readonly groups: readonly SlippageQuarterGroup[];
}

/**
 * Either kind of summary, discriminated on `by`.
 *
 * @example
 * ```ts
 * if (summary.by === 'quarter') summary.groups.map((group) => group.start);
 * ```
 */
export type SlippageSummary = SlippageActionSummary | SlippageQuarterSummary;

/**
 * Summarises slippage by plan, directorate, quarter of revision (effective) or quarter recorded,
 * as at a basis. Grouping by plan or directorate uses each action's plan and directorate as at
 * the basis, so an action moved to another plan is counted where it now belongs.
 *
 * @throws ValidationError for bad options (an unknown key included); ProjectionNotReadyError when
 * the projection cannot answer for the basis.
 * @example
 * ```ts
 * (await slippageSummary(ledger, { by: 'directorate', thresholdDays: 92 })).groups;
 * // [{ key: 'Finance Services', actions: 5, revisedActions: 2, revisions: 3, behind: 1, … }, …]
 * (await slippageSummary(ledger, { by: 'quarter', knownAt: '2024-01-15T23:59:59Z' })).groups;
 * ```
 */
export function slippageSummary(
  ledger: Ledger,
  options: SlippageSummaryOptions & { readonly by: 'plan' | 'directorate' },
): Promise<SlippageActionSummary>;
export function slippageSummary(
  ledger: Ledger,
  options: SlippageSummaryOptions & { readonly by: 'quarter' | 'recorded-quarter' },
): Promise<SlippageQuarterSummary>;
export function slippageSummary(ledger: Ledger, options: SlippageSummaryOptions): Promise<SlippageSummary>;
export async function slippageSummary(
  ledger: Ledger,
  options: SlippageSummaryOptions,
): Promise<SlippageSummary> {
  const checked = checkQueryOptions(options, ['by'], 'slippageSummary');
  const by = (options as { by?: unknown }).by;
  if (!BY.includes(by as SlippageSummaryBy)) {
    throw new ValidationError(`slippageSummary: 'by' must be one of ${BY.join(', ')}.`, [
      { path: ['by'], message: `must be one of ${BY.join(', ')}` },
    ]);
  }
  const { basis, actions } = await collectActionSlippage(ledger, checked);
  if (by === 'plan' || by === 'directorate') {
    return Object.freeze({
      by,
      basis,
      threshold: checked.threshold,
      groups: summarizeByAttribute(actions, by),
    });
  }
  return Object.freeze({
    by: by as 'quarter' | 'recorded-quarter',
    basis,
    groups: summarizeByQuarter(actions, by as 'quarter' | 'recorded-quarter', checked.calendar),
  });
}
