import { isBusinessDate, type Ledger, ValidationError, type ValidationIssue } from '@perfledger/core';

/**
 * The point on both time axes a slippage query answers for. Omitted parts mean "latest":
 * `{}` is "as now known"; `knownAt` is "as the ledger knew it then" (an ISO instant, or
 * `{ position }` for "the first N events"); `asAt` keeps only facts effective on or before a
 * business date (a revision decided in January does not move the due date as at 31 December).
 *
 * @example
 * ```ts
 * const asPublished: SlippageBasis = { knownAt: '2024-01-15T23:59:59Z', asAt: '2023-12-31' };
 * ```
 */
export interface SlippageBasis {
  readonly knownAt?: string | { readonly position: number };
  readonly asAt?: string;
}

/**
 * A basis as resolved by a query, echoed in every result so that a printed report says what it
 * is true for: `position` is the last global position taken into account.
 *
 * @example
 * ```ts
 * slippageReport(ledger, { basis: { knownAt: { position: 40 } } }).basis;
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
 * Validates a basis and turns `knownAt` into a global position (capped at the log's head).
 *
 * @throws ValidationError naming the bad part of the basis.
 * @example
 * ```ts
 * resolveSlippageBasis(ledger, { asAt: '2023-12-31' }); // { knownAt: null, position: <head>, asAt: '2023-12-31' }
 * ```
 */
export function resolveSlippageBasis(ledger: Ledger, basis: unknown): ResolvedSlippageBasis {
  if (basis === undefined) basis = {};
  if (typeof basis !== 'object' || basis === null || Array.isArray(basis)) {
    throw invalid([{ path: ['basis'], message: 'must be an object such as { knownAt, asAt }' }]);
  }
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(basis)) {
    if (value !== undefined && key !== 'knownAt' && key !== 'asAt') {
      issues.push({ path: ['basis', key], message: 'unknown option' });
    }
  }
  const { knownAt, asAt } = basis as { knownAt?: unknown; asAt?: unknown };
  if (knownAt === null) {
    issues.push({ path: ['basis', 'knownAt'], message: 'must be an ISO-8601 instant or { position }' });
  }
  if (asAt !== undefined && (typeof asAt !== 'string' || !isBusinessDate(asAt))) {
    issues.push({ path: ['basis', 'asAt'], message: 'must be a real calendar date YYYY-MM-DD' });
  }
  if (issues.length > 0) throw invalid(issues);

  const head = ledger.head().position;
  let position = head;
  if (knownAt !== undefined) {
    try {
      position = Math.min(head, ledger.positionAt(knownAt as string | { position: number }));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // Re-rooted so the caller sees where in *its* options the problem is.
      throw invalid(error.issues.map((issue) => ({ ...issue, path: ['basis', ...issue.path] })));
    }
  }
  return Object.freeze({
    knownAt:
      knownAt === undefined
        ? null
        : typeof knownAt === 'string'
          ? knownAt
          : Object.freeze({ position: (knownAt as { position: number }).position }),
    position,
    asAt: (asAt as string | undefined) ?? null,
  });
}

function invalid(issues: readonly ValidationIssue[]): ValidationError {
  const summary = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  return new ValidationError(`Invalid slippage basis: ${summary}`, issues);
}
