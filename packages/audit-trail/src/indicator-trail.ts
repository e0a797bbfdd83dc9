import {
  assertOptions,
  formatIndicatorFieldValue,
  type IndicatorField,
  indicatorFieldChangesOf,
  type KnownAt,
  type Ledger,
  type LedgerEvent,
  ValidationError,
} from '@perfledger/core';
import {
  readIndicatorFacts,
  requireIndicatorProjection,
  resolveIndicatorBasis,
} from '@perfledger/indicators';

/**
 * One field one indicator event set: for a period (null for the indicator's own fields), the
 * value before (as recorded for that field and period just before) and after, in words.
 *
 * @example
 * ```ts
 * const row: IndicatorTrailRow = { position: 14, recordedAt: '2019-09-02T10:00:00.000000Z', effectiveOn: '2019-06-30', actor: 'hr.analyst', code: 'BV12', period: '2019/20 Q1', field: 'value', before: '9.3', after: '9.1', reason: 'Payroll data revised', eventType: 'IndicatorValueCorrected' };
 * ```
 */
export interface IndicatorTrailRow {
  readonly position: number;
  readonly recordedAt: string;
  readonly effectiveOn: string;
  readonly actor: string | null;
  readonly code: string;
  readonly period: string | null;
  readonly field: IndicatorField;
  readonly before: string | null;
  readonly after: string | null;
  readonly reason: string | null;
  readonly eventType: string;
}

/**
 * An indicator's field-level trail, oldest first: every field each event set, from what to
 * what, who recorded it, when, and why (a correction's or revision's reason). Built from the
 * one indicator field-change table (core's `indicatorFieldChangesOf`) over the `indicators`
 * projection, as known at `knownAt`. The code is matched ignoring case; empty when unknown.
 *
 * @example
 * ```ts
 * for (const row of await indicatorTrail(ledger, 'BV12')) console.log(row.period, row.field, row.before, '→', row.after);
 * ```
 */
export async function indicatorTrail(
  ledger: Ledger,
  code: string,
  options: { readonly knownAt?: KnownAt } = {},
): Promise<readonly IndicatorTrailRow[]> {
  assertOptions(options, ['knownAt'], 'indicatorTrail options');
  if (typeof code !== 'string' || code.trim() === '') {
    throw new ValidationError('indicatorTrail needs an indicator code.', [
      { path: ['code'], message: 'must be a code' },
    ]);
  }
  const basis = await resolveIndicatorBasis(ledger, options.knownAt);
  await requireIndicatorProjection(ledger, basis.position);
  const wanted = code.trim().toUpperCase();
  const found = [...(await readIndicatorFacts(ledger, basis.position)).values()].find(
    ({ state }) => state.code.toUpperCase() === wanted,
  );
  if (found === undefined) return Object.freeze([]);
  const last = new Map<string, string | null>();
  const rows: IndicatorTrailRow[] = [];
  for (const event of found.events) {
    const data = event.data as { reason?: string; note?: string };
    for (const change of indicatorFieldChangesOf(event as LedgerEvent)) {
      const key = `${change.field}|${change.period ?? ''}`;
      const after = formatIndicatorFieldValue(change);
      rows.push(
        Object.freeze({
          position: event.position,
          recordedAt: event.recordedAt,
          effectiveOn: event.effectiveOn,
          actor: event.actor,
          code: found.state.code,
          period: change.period,
          field: change.field,
          before: event.type === 'IndicatorRegistered' ? null : (last.get(key) ?? null),
          after,
          reason: data.reason ?? data.note ?? null,
          eventType: event.type,
        }),
      );
      last.set(key, after);
    }
  }
  return Object.freeze(rows);
}
