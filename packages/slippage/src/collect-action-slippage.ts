import type { Ledger } from '@perfledger/core';
import { type ActionSlippage, actionSlippage } from './action-slippage.js';
import { loadSlippageFacts } from './load-slippage-facts.js';
import { type ResolvedSlippageBasis, resolveSlippageBasis } from './slippage-basis.js';
import type { CheckedQueryOptions } from './slippage-query-options.js';

/**
 * The shared core of the report and the summaries: resolve the basis (pinned to one position),
 * check the projection can answer for it, read the facts it admits, build each action's
 * slippage, and keep those whose plan and directorate (as at the basis) match.
 *
 * @throws ValidationError for a bad basis; ProjectionNotReadyError when the tables cannot answer.
 * @example
 * ```ts
 * const { basis, actions } = await collectActionSlippage(ledger, checkQueryOptions(options, ['code'], 'slippageReport'));
 * ```
 */
export async function collectActionSlippage(
  ledger: Ledger,
  options: CheckedQueryOptions,
): Promise<{ readonly basis: ResolvedSlippageBasis; readonly actions: readonly ActionSlippage[] }> {
  const basis = await resolveSlippageBasis(ledger, options.asOf);
  const facts = await loadSlippageFacts(ledger, basis, options.code);
  const actions = facts
    .map((action) => actionSlippage(action, options.calendar, options.threshold))
    .filter(
      (action) =>
        (options.plan === undefined || action.plan === options.plan) &&
        (options.directorate === undefined || action.directorate === options.directorate),
    );
  return { basis, actions: Object.freeze(actions) };
}
