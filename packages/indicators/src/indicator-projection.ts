import {
  type EventEnvelope,
  type EventType,
  INDICATOR_STREAM_PREFIX,
  type IndicatorTarget,
  type IndicatorValue,
  isIndicatorEvent,
  type Projection,
  type ProjectionRow,
  parseIndicatorPeriod,
  type SqlValue,
} from '@perfledger/core';
import { INDICATOR_TABLES, indicatorTables } from './indicator-tables.js';

const eventTypes: readonly EventType[] = Object.freeze([
  'IndicatorRegistered',
  'IndicatorDetailsAmended',
  'IndicatorTargetSet',
  'IndicatorToleranceSet',
  'IndicatorValueRecorded',
  'IndicatorValueCorrected',
  'IndicatorStatusReported',
  'IndicatorComparatorRecorded',
  'IndicatorCommented',
] satisfies EventType[]);

/**
 * A target as the four columns `*_kind, *_value, *_low, *_high` hold it.
 *
 * @example
 * ```ts
 * targetColumnsOf({ low: 95, high: 105 }); // ['band', null, 95, 105]
 * ```
 */
export function targetColumnsOf(
  target: IndicatorTarget | null,
): [string, number | null, number | null, number | null] {
  if (target === null) return ['none', null, null, null];
  if (typeof target === 'number') return ['number', target, null, null];
  if (typeof target === 'boolean') return ['yesno', target ? 1 : 0, null, null];
  if ('direction' in target) return [target.direction, null, null, null];
  return ['band', null, target.low, target.high];
}

/**
 * A value as the REAL column holds it: 1/0 for yes/no, NULL when missing.
 *
 * @example
 * ```ts
 * valueColumnOf(true); // 1
 * ```
 */
export function valueColumnOf(value: IndicatorValue): number | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

function* rowsOf(event: EventEnvelope): Generator<ProjectionRow> {
  if (!isIndicatorEvent(event) || !event.stream.startsWith(INDICATOR_STREAM_PREFIX)) return;
  const code = event.stream.slice(INDICATOR_STREAM_PREFIX.length);
  const head: SqlValue[] = [event.position, code, event.effectiveOn, event.recordedAt, event.actor];
  const row = (table: string, values: readonly SqlValue[]): ProjectionRow => ({
    table,
    values: [...head, ...values],
  });
  switch (event.type) {
    case 'IndicatorRegistered': {
      const d = event.data;
      yield row(INDICATOR_TABLES.indicators, [
        d.title,
        orNull(d.description),
        d.unit,
        d.polarity,
        d.frequency,
        d.plan,
        orNull(d.directorate),
        orNull(d.section),
        orNull(d.owner),
        d.statusKey,
      ]);
      return;
    }
    case 'IndicatorDetailsAmended':
      for (const field of ['title', 'description', 'plan', 'directorate', 'section', 'owner'] as const) {
        const value = event.data[field];
        if (value !== undefined) yield row(INDICATOR_TABLES.amendments, [field, value]);
      }
      return;
    case 'IndicatorTargetSet': {
      const d = event.data;
      const from = d.from === undefined ? [null, null, null, null] : targetColumnsOf(d.from);
      yield row(INDICATOR_TABLES.targets, [
        d.period,
        parseIndicatorPeriod(d.period).end,
        ...targetColumnsOf(d.target),
        ...from,
        orNull(d.reason),
        orNull(d.approver),
      ]);
      return;
    }
    case 'IndicatorToleranceSet': {
      const d = event.data;
      yield row(INDICATOR_TABLES.tolerances, [
        d.tolerance.kind,
        d.tolerance.amber,
        d.from?.kind ?? null,
        d.from?.amber ?? null,
        orNull(d.reason),
        orNull(d.approver),
      ]);
      return;
    }
    case 'IndicatorValueRecorded':
    case 'IndicatorValueCorrected': {
      const d = event.data;
      const corrected = event.type === 'IndicatorValueCorrected' ? event.data : undefined;
      yield row(INDICATOR_TABLES.values, [
        d.period,
        parseIndicatorPeriod(d.period).end,
        corrected === undefined ? 'recorded' : 'corrected',
        valueColumnOf(d.value),
        d.quality,
        orNull(d.missingReason),
        orNull(d.footnote),
        corrected === undefined ? null : valueColumnOf(corrected.from),
        corrected?.fromQuality ?? null,
        corrected?.reason ?? null,
      ]);
      return;
    }
    case 'IndicatorStatusReported':
      yield row(INDICATOR_TABLES.statuses, [
        event.data.period,
        event.data.status,
        orNull(event.data.comment),
      ]);
      return;
    case 'IndicatorComparatorRecorded':
      yield row(INDICATOR_TABLES.comparators, [
        event.data.period,
        event.data.kind,
        event.data.value,
        event.data.source,
      ]);
      return;
    case 'IndicatorCommented':
      yield row(INDICATOR_TABLES.comments, [orNull(event.data.period), event.data.text]);
      return;
    default:
      event satisfies never;
  }
}

/**
 * The `indicators` projection: plain, append-only tables with one row per indicator fact
 * (registration, amendment, target, tolerance, value or correction, reported status,
 * comparator, comment), keyed by log position, for {@link indicatorView},
 * {@link indicatorHistory} and auditors' SQL (see docs/indicators-model.md). The rows of an
 * event depend on the event alone, so a rebuild equals incremental processing.
 *
 * @example
 * ```ts
 * import { openLedger } from '@perfledger/sqlite';
 * const ledger = await openLedger({ file: 'plan.db', projections: [indicatorProjection] });
 * ```
 */
export const indicatorProjection: Projection = Object.freeze<Projection>({
  name: 'indicators',
  version: 1,
  eventTypes,
  tables: indicatorTables,
  rows: rowsOf,
});
