import type { AsOf, Ledger } from '@perfledger/core';

/**
 * A basis as resolved by a query, echoed in every result so that a printed report says what it
 * is true for: `knownAt` and `asAt` as asked (null when omitted), and `position`, the last
 * global position taken into account.
 *
 * @example
 * ```ts
 * (await slippageReport(ledger, { knownAt: { position: 40 } })).basis;
 * // { knownAt: { position: 40 }, position: 40, asAt: null }
 * ```
 */
export interface ResolvedSlippageBasis {
  readonly knownAt: string | { readonly position: number } | null;
  readonly position: number;
  readonly asAt: string | null;
}

/** The latest business date there is: "no as-at date" without a second query shape. */
export const END_OF_TIME = '9999-12-31';

/**
 * Resolves a basis with the ledger (`ledger.resolveAsOf`, which validates it and pins the read
 * to one position, capped at the log's head), then refuses when the slippage projection cannot
 * answer for that position.
 *
 * @throws ValidationError naming the bad part of the basis; ProjectionNotReadyError.
 * @example
 * ```ts
 * await resolveSlippageBasis(ledger, { asAt: '2023-12-31' }); // { knownAt: null, position: <head>, asAt: '2023-12-31' }
 * ```
 */
export async function resolveSlippageBasis(ledger: Ledger, asOf: AsOf): Promise<ResolvedSlippageBasis> {
  const resolved = await ledger.resolveAsOf(asOf);
  // A position beyond the head is "as now known": capped, so that the read does not wait for
  // events that do not exist yet. The head only grows, so the cap is the head at some point
  // during this call, and the read stays pinned to it.
  const upTo =
    asOf.knownAt === undefined ? resolved.upTo : Math.min(resolved.upTo, (await ledger.head()).position);
  const { asAt } = resolved;
  await ledger.projections.require('slippage', upTo);
  const { knownAt } = asOf;
  return Object.freeze({
    knownAt:
      knownAt === undefined
        ? null
        : typeof knownAt === 'string'
          ? knownAt
          : Object.freeze({ position: knownAt.position }),
    position: upTo,
    asAt: asAt ?? null,
  });
}
