import {
  assertOptions,
  describeIndicatorEvent,
  financialYearOfPeriod,
  type IndicatorEvent,
  type IndicatorPeriod,
  type KnownAt,
  type Ledger,
  listPublishedReports,
  parseIndicatorPeriod,
} from '@perfledger/core';
import type { IndicatorBasis } from './indicator-basis.js';
import type { IndicatorItem } from './indicator-item.js';
import { indicatorView } from './indicator-view.js';
import { type IndicatorFacts, readIndicatorFacts } from './read-indicator-states.js';

/**
 * Which period to compare, and the cut-off: `knownAt` (what a report was based on), or, when
 * omitted, the latest `ReportPublished` covering the period (its quarter; Q4 for a year).
 *
 * @example
 * ```ts
 * const options: IndicatorRestatementOptions = { period: '2019/20 Q1', knownAt: { position: 412 } };
 * ```
 */
export interface IndicatorRestatementOptions {
  readonly period: string;
  readonly knownAt?: KnownAt;
}

/** An event recorded after the cut-off that changed a restated line. */
export interface IndicatorRestatingEvent {
  readonly type: string;
  readonly position: number;
  readonly effectiveOn: string;
  readonly recordedAt: string;
  readonly actor: string | null;
  readonly description: string;
}

/**
 * One indicator whose line differs between the cut-off and now: `fields` lists what differs.
 *
 * @example
 * ```ts
 * const r: IndicatorRestatement = result.items[0]!;
 * `${r.code}: ${r.fields.join(', ')}`; // 'BV12: value, derivedStatus'
 * ```
 */
export interface IndicatorRestatement {
  readonly code: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly fields: readonly string[];
  readonly before: IndicatorItem | null;
  readonly after: IndicatorItem | null;
  readonly events: readonly IndicatorRestatingEvent[];
}

/**
 * The restatements of a period's indicator report: the lines whose value, quality, target,
 * tolerance, target met, derived or reported status changed after the cut-off.
 *
 * @example
 * ```ts
 * const { items } = await indicatorRestatements(ledger, { period: '2019/20 Q1' });
 * ```
 */
export interface IndicatorRestatements {
  readonly period: string;
  /** The cut-off basis; null when no `knownAt` was given and no published report covers the period. */
  readonly published: IndicatorBasis | null;
  /** The published report the cut-off came from, when it came from one. */
  readonly report: { readonly position: number; readonly fy: string; readonly quarter: number } | null;
  readonly now: IndicatorBasis;
  readonly items: readonly IndicatorRestatement[];
}

const COMPARED = ['value', 'quality', 'target', 'tolerance', 'targetMet', 'derivedStatus', 'status'] as const;

function quarterOf(period: IndicatorPeriod): { fy: string; quarter: 1 | 2 | 3 | 4 } {
  const fy = financialYearOfPeriod(period).label;
  if (period.kind === 'quarter') return { fy, quarter: period.quarter ?? 1 };
  if (period.kind === 'year') return { fy, quarter: 4 };
  const index = ((period.month ?? 1) + 12 - 4) % 12;
  return { fy, quarter: (Math.floor(index / 3) + 1) as 1 | 2 | 3 | 4 };
}

/**
 * Compares the indicator view of a period as known at the cut-off with the view as now known,
 * and lists the lines that changed with the events recorded since that changed them (a value
 * corrected after the report went out, a target revised, a tolerance moved). Reads the
 * `indicators` projection.
 *
 * @throws ValidationError for a bad period or a misplaced option.
 * @example
 * ```ts
 * const r = await indicatorRestatements(ledger, { period: '2019/20 Q1' }); // against the last published Q1 report
 * r.items.map((i) => `${i.code} ${i.fields.join(', ')}`);
 * ```
 */
export async function indicatorRestatements(
  ledger: Ledger,
  options: IndicatorRestatementOptions,
): Promise<IndicatorRestatements> {
  assertOptions(options, ['period', 'knownAt'], 'indicatorRestatements options');
  const period = parseIndicatorPeriod(options.period);
  let knownAt = options.knownAt;
  let report: IndicatorRestatements['report'] = null;
  if (knownAt === undefined) {
    const reports = await listPublishedReports(ledger, quarterOf(period));
    const last = reports[reports.length - 1];
    if (last !== undefined) {
      knownAt = { position: last.basedOnPosition };
      report = { position: last.position, fy: last.fy, quarter: last.quarter };
    }
  }
  const now = await indicatorView(ledger, { period: period.label });
  if (knownAt === undefined)
    return { period: period.label, published: null, report, now: now.basis, items: [] };
  const then = await indicatorView(ledger, { period: period.label, knownAt });
  const before = new Map(then.items.map((item) => [item.code, item]));
  const after = new Map(now.items.map((item) => [item.code, item]));
  const codes = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const changed = codes.filter((code) => {
    const a = before.get(code);
    const b = after.get(code);
    return (
      a === undefined ||
      b === undefined ||
      COMPARED.some((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]))
    );
  });
  const facts: Map<string, IndicatorFacts> =
    changed.length === 0 ? new Map() : await readIndicatorFacts(ledger, now.basis.position, changed);
  const items = changed.map((code): IndicatorRestatement => {
    const a = before.get(code) ?? null;
    const b = after.get(code) ?? null;
    const fields =
      a === null || b === null
        ? []
        : COMPARED.filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
    const events = (facts.get(code)?.events ?? [])
      .filter((event) => event.position > then.basis.position)
      .map((event) => ({
        type: event.type,
        position: event.position,
        effectiveOn: event.effectiveOn,
        recordedAt: event.recordedAt,
        actor: event.actor,
        description: describeIndicatorEvent(event as unknown as IndicatorEvent),
      }));
    return {
      code,
      change: a === null ? 'added' : b === null ? 'removed' : 'changed',
      fields,
      before: a,
      after: b,
      events,
    };
  });
  return { period: period.label, published: then.basis, report, now: now.basis, items };
}
