import type { SqlDatabase } from '@perfledger/core';
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
  readonly quarters_moved: number;
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

/**
 * Reads the facts a basis admits (`position <= P`, `effective_on <= asAt`), grouped by action
 * and ordered by code. Actions registered after the basis are absent; facts effective before
 * their action's registration (only possible through raw appends that bypass the rules) are
 * dropped, exactly as core's `foldAction` drops them.
 *
 * @example
 * ```ts
 * const facts = loadSlippageFacts(ledger.store.database, basis, 'DEM1518_02');
 * ```
 */
export function loadSlippageFacts(
  db: SqlDatabase,
  basis: ResolvedSlippageBasis,
  code: string | undefined,
): ActionFacts[] {
  const asAt = basis.asAt ?? END_OF_TIME;
  const where = `position <= ? AND effective_on <= ?${code === undefined ? '' : ' AND code = ?'}`;
  const params = code === undefined ? [basis.position, asAt] : [basis.position, asAt, code];
  const registrations = db
    .prepare(
      `SELECT code, original_due_date, position, effective_on FROM slippage_registrations WHERE ${where} ORDER BY code`,
    )
    .all(...params) as RegistrationFact[];
  const details = groupByCode(
    db
      .prepare(
        `SELECT code, field, value, effective_on, position FROM slippage_details WHERE ${where}
         ORDER BY code, effective_on, position, field`,
      )
      .all(...params) as DetailFact[],
  );
  const revisions = groupByCode(
    db
      .prepare(`SELECT * FROM slippage_revisions WHERE ${where} ORDER BY code, effective_on, position`)
      .all(...params) as RevisionFact[],
  );
  const corrections = groupByCode(
    db
      .prepare(`SELECT * FROM slippage_corrections WHERE ${where} ORDER BY code, effective_on, position`)
      .all(...params) as CorrectionFact[],
  );
  return registrations.map((registration) => {
    const fromRegistration = <T extends { effective_on: string; position: number }>(row: T) =>
      row.effective_on > registration.effective_on ||
      (row.effective_on === registration.effective_on && row.position >= registration.position);
    return {
      registration,
      details: (details.get(registration.code) ?? []).filter(fromRegistration),
      revisions: (revisions.get(registration.code) ?? []).filter(fromRegistration),
      corrections: (corrections.get(registration.code) ?? []).filter(fromRegistration),
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
