import { type Ledger, ValidationError } from '@perfledger/core';
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
 * Turns a `knownAt` option into a basis with its log position; the head when omitted.
 *
 * @throws ValidationError when `knownAt` is neither an ISO instant nor `{ position }`; issue paths
 *   are prefixed with `root`, where the option sits in the caller's options.
 * @example
 * ```ts
 * resolveBasis(ledger, '2024-01-15T17:00:00Z'); // { kind: 'known-at', knownAt: '2024-01-15T17:00:00Z', position: 4180 }
 * ```
 */
export function resolveBasis(
  ledger: Ledger,
  knownAt: KnownAt | undefined,
  root: readonly string[] = [],
): QuarterEndBasis {
  const head = ledger.head().position;
  if (knownAt === undefined) return { kind: 'now', position: head };
  let position: number;
  try {
    position = ledger.positionAt(knownAt);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // Re-rooted so that the caller sees where in its own options the problem is.
    const issues = error.issues.map((issue) => ({ ...issue, path: [...root, ...issue.path] }));
    throw new ValidationError(error.message, issues);
  }
  // A position beyond the head knows nothing more than the head does.
  return {
    kind: 'known-at',
    knownAt: typeof knownAt === 'string' ? knownAt : null,
    position: Math.min(position, head),
  };
}
