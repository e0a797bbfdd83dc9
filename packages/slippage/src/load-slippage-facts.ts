import type { Ledger, SqlValue } from '@perfledger/core';
import { END_OF_TIME, type ResolvedSlippageBasis } from './slippage-basis.js';

/** A row of `slippage_registrations`, as the queries need it. */
export interface RegistrationFact {
  readonly code: string;
  readonly original_due_date: string;
  readonly position: number;
  readonly effective_on: string;
}

/** A row of `slippage_details`. */
export interface DetailFact {
  readonly code: string;
  readonly field: 'title' | 'plan' | 'directorate';
  readonly value: string;
  readonly effective_on: string;
  readonly position: number;
}

/** A row of `slippage_revisions`. */
export interface RevisionFact {
  readonly position: number;
  readonly event_id: string;
  readonly code: string;
  readonly from_date: string;
  readonly to_date: string;
  readonly days_moved: number;
  readonly reason: string;
  readonly approver: string | null;
  readonly approval_reference: string | null;
  readonly actor: string | null;
  readonly recorded_at: string;
  readonly effective_on: string;
}

/** A row of `slippage_corrections`. */
export interface CorrectionFact {
  readonly position: number;
  readonly event_id: string;
  readonly code: string;
  readonly recorded_date: string;
  readonly corrected_date: string;
  readonly corrects_original: number;
  readonly reason: string;
  readonly approver: string | null;
  readonly approval_reference: string | null;
  readonly actor: string | null;
  readonly recorded_at: string;
  readonly effective_on: string;
}

/** Everything the basis admits about one registered action; rows in (effective_on, position) order. */
export interface ActionFacts {
  readonly registration: RegistrationFact;
  readonly details: readonly DetailFact[];
  readonly revisions: readonly RevisionFact[];
  readonly corrections: readonly CorrectionFact[];
}

const APPROVAL = 'reason, approver, approval_reference, actor, recorded_at, effective_on';

/**
 * Reads the facts a basis admits (`position <= P`, `effective_on <= asAt`) with portable SQL,
 * grouped by action and ordered by code. Every statement is pinned to the basis's position, and
 * the tables are append-only, so the four reads agree even while others append. Actions
 * registered after the basis are absent; facts effective before their action's registration
 * (only possible through raw appends that bypass the rules) are dropped, exactly as core's
 * `foldAction` drops them.
 *
 * @example
 * ```ts
 * const facts = await loadSlippageFacts(ledger, basis, 'DEM1518_02');
 * ```
 */
export async function loadSlippageFacts(
  ledger: Ledger,
  basis: ResolvedSlippageBasis,
  code: string | undefined,
): Promise<ActionFacts[]> {
  const asAt = basis.asAt ?? END_OF_TIME;
  const where = `position <= ? AND effective_on <= ?${code === undefined ? '' : ' AND code = ?'}`;
  const params: SqlValue[] = code === undefined ? [basis.position, asAt] : [basis.position, asAt, code];
  const [registrations, details, revisions, corrections] = await Promise.all([
    ledger.query.all<RegistrationFact>(
      `SELECT code, original_due_date, position, effective_on FROM slippage_registrations WHERE ${where} ORDER BY code`,
      params,
    ),
    ledger.query.all<DetailFact>(
      `SELECT code, field, value, effective_on, position FROM slippage_details WHERE ${where}
       ORDER BY code, effective_on, position, field`,
      params,
    ),
    ledger.query.all<RevisionFact>(
      `SELECT position, event_id, code, from_date, to_date, days_moved, ${APPROVAL}
       FROM slippage_revisions WHERE ${where} ORDER BY code, effective_on, position`,
      params,
    ),
    ledger.query.all<CorrectionFact>(
      `SELECT position, event_id, code, recorded_date, corrected_date, corrects_original, ${APPROVAL}
       FROM slippage_corrections WHERE ${where} ORDER BY code, effective_on, position`,
      params,
    ),
  ]);
  const detailsByCode = groupByCode(details);
  const revisionsByCode = groupByCode(revisions);
  const correctionsByCode = groupByCode(corrections);
  // Sorted here rather than by the engine's collation, so that every engine gives one order.
  registrations.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return registrations.map((registration) => {
    const fromRegistration = <T extends { effective_on: string; position: number }>(row: T) =>
      row.effective_on > registration.effective_on ||
      (row.effective_on === registration.effective_on &&
        Number(row.position) >= Number(registration.position));
    return {
      registration,
      details: (detailsByCode.get(registration.code) ?? []).filter(fromRegistration),
      revisions: (revisionsByCode.get(registration.code) ?? []).filter(fromRegistration),
      corrections: (correctionsByCode.get(registration.code) ?? []).filter(fromRegistration),
    };
  });
}

function groupByCode<T extends { readonly code: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.code);
    if (group === undefined) groups.set(row.code, [row]);
    else group.push(row);
  }
  return groups;
}
