import type { KnownAt, Ledger } from '@perfledger/core';

/**
 * What a read knew: `position` is the log position it reflects, so a read "as now known" can be
 * reproduced later as known at `{ position }`.
 *
 * @example
 * ```ts
 * const basis: IndicatorBasis = { kind: 'known-at', knownAt: '2019-08-01T17:00:00Z', position: 412 };
 * ```
 */
export type IndicatorBasis =
  | { readonly kind: 'now'; readonly position: number }
  | { readonly kind: 'known-at'; readonly knownAt: string | null; readonly position: number };

/**
 * Turns a `knownAt` option into a basis with its log position (core's `ledger.resolveAsOf`);
 * the head when omitted.
 *
 * @throws ValidationError when `knownAt` is neither an ISO instant, a plain date nor `{ position }`.
 * @example
 * ```ts
 * await resolveIndicatorBasis(ledger, '2019-08-01'); // { kind: 'known-at', knownAt: '2019-08-01', position: 412 }
 * ```
 */
export async function resolveIndicatorBasis(
  ledger: Ledger,
  knownAt: KnownAt | undefined,
): Promise<IndicatorBasis> {
  const { upTo } = await ledger.resolveAsOf(knownAt === undefined ? {} : { knownAt });
  if (knownAt === undefined) return { kind: 'now', position: upTo };
  return { kind: 'known-at', knownAt: typeof knownAt === 'string' ? knownAt : null, position: upTo };
}
