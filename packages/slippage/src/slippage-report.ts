import type { Ledger } from '@perfledger/core';
import type { ActionSlippage } from './action-slippage.js';
import { collectActionSlippage } from './collect-action-slippage.js';
import type { ResolvedSlippageBasis } from './slippage-basis.js';
import { checkQueryOptions, type SlippageQueryOptions } from './slippage-query-options.js';
import type { SlippageThreshold } from './slippage-threshold.js';

/**
 * Options for {@link slippageReport}: the shared query options, plus one action's code.
 *
 * @example
 * ```ts
 * const options: SlippageReportOptions = { code: 'DEM1518_02', basis: { knownAt: '2020-01-15T23:59:59Z' } };
 * ```
 */
export interface SlippageReportOptions extends SlippageQueryOptions {
  /** Only this action. */
  readonly code?: string;
}

/**
 * Every action's slippage as at a basis, ordered by code; what `slippage --format json` prints.
 * `threshold` says what `flags.behind` was judged against.
 *
 * @example
 * ```ts
 * JSON.stringify(slippageReport(ledger, { plan: 'Corporate Plan 2018-23' }), null, 2);
 * ```
 */
export interface SlippageReport {
  readonly basis: ResolvedSlippageBasis;
  readonly threshold: SlippageThreshold;
  readonly actions: readonly ActionSlippage[];
}

/**
 * Reports each action's original and current due dates, net slippage in days and fiscal
 * quarters, flags, and every revision, from the slippage projection's tables.
 *
 * @throws ValidationError for bad options; SlippageNotReadyError when the projection cannot answer.
 * @example
 * ```ts
 * new ProjectionRunner(ledger, [slippageProjection]).start();
 * const report = slippageReport(ledger, { thresholdDays: 92, basis: { knownAt: '2024-01-15T23:59:59Z' } });
 * for (const action of report.actions) if (action.flags.behind) console.log(action.code, action.daysSlipped);
 * ```
 */
export function slippageReport(ledger: Ledger, options: SlippageReportOptions = {}): SlippageReport {
  const checked = checkQueryOptions(options, ['code'], 'slippageReport');
  const { basis, actions } = collectActionSlippage(ledger, checked);
  return Object.freeze({ basis, threshold: checked.threshold, actions });
}
