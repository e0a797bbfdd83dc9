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
 * const options: SlippageReportOptions = { code: 'DEM1518_02', knownAt: '2020-01-15T23:59:59Z' };
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
 * JSON.stringify(await slippageReport(ledger, { plan: 'Corporate Plan 2018-23' }), null, 2);
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
 * @throws ValidationError for bad options (an unknown key included); ProjectionNotReadyError when
 * the ledger was not opened with `slippageProjection`, or its tables have not caught up with the
 * basis.
 * @example
 * ```ts
 * const ledger = await openLedger({ file: 'plan.db', projections: [slippageProjection] });
 * const report = await slippageReport(ledger, { thresholdDays: 92, knownAt: '2024-01-15T23:59:59Z' });
 * for (const action of report.actions) if (action.flags.behind) console.log(action.code, action.daysSlipped);
 * ```
 */
export async function slippageReport(
  ledger: Ledger,
  options: SlippageReportOptions = {},
): Promise<SlippageReport> {
  const checked = checkQueryOptions(options, ['code'], 'slippageReport');
  const { basis, actions } = await collectActionSlippage(ledger, checked);
  return Object.freeze({ basis, threshold: checked.threshold, actions });
}
