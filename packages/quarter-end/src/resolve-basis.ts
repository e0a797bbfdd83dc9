import type { Ledger } from '@perfledger/core';
import type { KnownAt } from './quarter-end-options.js';

/**
 * What a view knew. `position` is the log position the view reflects: a view "as now known" can
 * be reproduced later as known at `{ position }`.
 *
 * @example
 * ```ts
 * const basis: QuarterEndBasis = { kind: 'known-at', knownAt: '2024-01-15T17:00:00Z', position: 4180 };
 * ```
 */
export type QuarterEndBasis =
  | { readonly kind: 'now'; readonly position: number }
  | { readonly kind: 'known-at'; readonly knownAt: string | null; readonly position: number };

/**
 * Turns a `knownAt` option into a basis with its log position (core's `ledger.resolveAsOf`); the
 * head when omitted. A position beyond the head means the head: it knows nothing more.
 *
 * @throws ValidationError when `knownAt` is neither an ISO instant, a plain date nor `{ position }`.
 * @example
 * ```ts
 * await resolveBasis(ledger, '2024-01-15T17:00:00Z'); // { kind: 'known-at', knownAt: '2024-01-15T17:00:00Z', position: 4180 }
 * ```
 */
export async function resolveBasis(ledger: Ledger, knownAt: KnownAt | undefined): Promise<QuarterEndBasis> {
  const { upTo } = await ledger.resolveAsOf(knownAt === undefined ? {} : { knownAt });
  if (knownAt === undefined) return { kind: 'now', position: upTo };
  const head = (await ledger.head()).position;
  return {
    kind: 'known-at',
    knownAt: typeof knownAt === 'string' ? knownAt : null,
    position: Math.min(upTo, head),
  };
}
