import type { Ledger } from '@perfledger/core';
import { type ActionSlippage, actionSlippage } from './action-slippage.js';
import { assertSlippageReady } from './assert-slippage-ready.js';
import { loadSlippageFacts } from './load-slippage-facts.js';
import { readSnapshot } from './read-snapshot.js';
import { type ResolvedSlippageBasis, resolveSlippageBasis } from './slippage-basis.js';
import type { CheckedQueryOptions } from './slippage-query-options.js';

/**
 * The shared core of the report and the summaries: resolve the basis, check the tables can
 * answer for it, read one consistent snapshot, build each action's slippage, and keep those
 * whose plan and directorate (as at the basis) match.
 *
 * @example
 * ```ts
 * const { basis, actions } = collectActionSlippage(ledger, checkQueryOptions(options, ['code'], 'slippageReport'));
 * ```
 */
export function collectActionSlippage(
  ledger: Ledger,
  options: CheckedQueryOptions,
): { readonly basis: ResolvedSlippageBasis; readonly actions: readonly ActionSlippage[] } {
  const db = ledger.store.database;
  return readSnapshot(db, () => {
    const basis = resolveSlippageBasis(ledger, options.basis);
    assertSlippageReady(ledger, basis.position);
    const actions = loadSlippageFacts(db, basis, options.code)
      .map((facts) => actionSlippage(facts, options.calendar, options.threshold))
      .filter(
        (action) =>
          (options.plan === undefined || action.plan === options.plan) &&
          (options.directorate === undefined || action.directorate === options.directorate),
      );
    return { basis, actions: Object.freeze(actions) };
  });
}
