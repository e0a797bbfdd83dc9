import {
  type BusinessDate,
  type EvolvableEvent,
  evolveIndicator,
  type IndicatorState,
  type IndicatorTarget,
  type IndicatorUnit,
  type IndicatorValue,
  indicatorStreamOf,
  type Ledger,
} from '@perfledger/core';
import { indicatorProjection } from './indicator-projection.js';
import { INDICATOR_TABLES } from './indicator-tables.js';

type Row = Record<string, unknown>;

/**
 * One indicator's facts as the projection holds them, turned back into the events they came
 * from (in log order), so that every reader folds them with core's one evolver.
 */
export interface IndicatorFacts {
  readonly state: IndicatorState;
  readonly events: readonly PositionedEvent[];
}

/** An indicator event with where and when the ledger recorded it. */
export type PositionedEvent = EvolvableEvent & {
  readonly stream: string;
  readonly position: number;
  readonly recordedAt: string;
  readonly actor: string | null;
};

/**
 * Throws core's `ProjectionNotReadyError` unless the `indicators` projection is registered,
 * current, and covers position `upTo`.
 *
 * @example
 * ```ts
 * await requireIndicatorProjection(ledger, (await ledger.head()).position);
 * ```
 */
export async function requireIndicatorProjection(ledger: Ledger, upTo: number): Promise<void> {
  await ledger.projections.require(indicatorProjection.name, upTo);
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

function targetOf(kind: unknown, value: unknown, low: unknown, high: unknown): IndicatorTarget | null {
  switch (kind) {
    case 'none':
      return null;
    case 'number':
      return Number(value);
    case 'yesno':
      return Number(value) === 1;
    case 'increase':
    case 'decrease':
      return { direction: kind };
    default:
      return { low: Number(low), high: Number(high) };
  }
}

function decodeValue(value: unknown, unit: IndicatorUnit | undefined): IndicatorValue {
  if (value === null || value === undefined) return null;
  return unit === 'yesno' ? Number(value) === 1 : Number(value);
}

/** The data fields given, without those that are null (absent optional fields). */
function present(fields: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    if (value !== null && value !== undefined) data[key] = value;
  return data;
}

/**
 * Every indicator's state as known at log position `upTo`, read from the `indicators`
 * projection's tables (one consistent read per table, all bounded by `upTo`) and folded with
 * core's `evolveIndicator`, by code. `codes` restricts the read to some indicators (exact
 * codes as registered). The caller checks the projection first ({@link requireIndicatorProjection}).
 *
 * @example
 * ```ts
 * const facts = await readIndicatorFacts(ledger, 1200);
 * facts.get('BV12')?.state.values['2019/20 Q1']?.value;
 * ```
 */
export async function readIndicatorFacts(
  ledger: Ledger,
  upTo: number,
  codes?: readonly string[],
): Promise<Map<string, IndicatorFacts>> {
  const where = codes === undefined ? '' : ` AND code IN (${codes.map(() => '?').join(', ')})`;
  const params = [upTo, ...(codes ?? [])];
  const read = (table: string) =>
    ledger.query.all<Row>(`SELECT * FROM ${table} WHERE position <= ?${where} ORDER BY position`, params);
  const [registrations, amendments, targets, tolerances, values, statuses, comparators, comments] =
    await Promise.all([
      read(INDICATOR_TABLES.indicators),
      read(INDICATOR_TABLES.amendments),
      read(INDICATOR_TABLES.targets),
      read(INDICATOR_TABLES.tolerances),
      read(INDICATOR_TABLES.values),
      read(INDICATOR_TABLES.statuses),
      read(INDICATOR_TABLES.comparators),
      read(INDICATOR_TABLES.comments),
    ]);
  const units = new Map<string, IndicatorUnit>();
  for (const row of registrations) units.set(String(row.code), row.unit as IndicatorUnit);

  const events: PositionedEvent[] = [];
  const push = (row: Row, type: string, data: Record<string, unknown>) => {
    const code = String(row.code);
    events.push({
      type,
      data,
      stream: indicatorStreamOf(code),
      effectiveOn: String(row.effective_on) as BusinessDate,
      streamVersion: Number(row.position),
      position: Number(row.position),
      recordedAt: String(row.recorded_at),
      actor: text(row.actor),
    } as PositionedEvent);
  };
  for (const row of registrations) {
    push(row, 'IndicatorRegistered', {
      code: row.code,
      ...present({
        title: row.title,
        description: row.description,
        unit: row.unit,
        polarity: row.polarity,
        frequency: row.frequency,
        plan: row.plan,
        directorate: row.directorate,
        section: row.section,
        owner: row.owner,
        statusKey: row.status_key,
      }),
    });
  }
  // An amendment has one row per field: one event per position.
  const amended = new Map<number, { row: Row; data: Record<string, unknown> }>();
  for (const row of amendments) {
    const position = Number(row.position);
    const entry = amended.get(position) ?? { row, data: {} };
    entry.data[String(row.field)] = row.value;
    amended.set(position, entry);
  }
  for (const { row, data } of amended.values()) push(row, 'IndicatorDetailsAmended', data);
  for (const row of targets) {
    push(row, 'IndicatorTargetSet', {
      period: row.period,
      target: targetOf(row.target_kind, row.target_value, row.target_low, row.target_high),
      ...(row.from_kind === null || row.from_kind === undefined
        ? {}
        : { from: targetOf(row.from_kind, row.from_value, row.from_low, row.from_high) }),
      ...present({ reason: row.reason, approver: row.approver }),
    });
  }
  for (const row of tolerances) {
    push(row, 'IndicatorToleranceSet', {
      tolerance: { kind: row.kind, amber: num(row.amber) },
      ...(row.from_kind === null || row.from_kind === undefined
        ? {}
        : { from: { kind: row.from_kind, amber: num(row.from_amber) } }),
      ...present({ reason: row.reason, approver: row.approver }),
    });
  }
  for (const row of values) {
    const unit = units.get(String(row.code));
    const base = {
      period: row.period,
      value: decodeValue(row.value, unit),
      quality: row.quality,
      ...present({ missingReason: row.missing_reason, footnote: row.footnote }),
    };
    if (row.entry === 'corrected') {
      push(row, 'IndicatorValueCorrected', {
        ...base,
        from: decodeValue(row.from_value, unit),
        fromQuality: row.from_quality,
        reason: row.reason,
      });
    } else {
      push(row, 'IndicatorValueRecorded', base);
    }
  }
  for (const row of statuses) {
    push(row, 'IndicatorStatusReported', {
      period: row.period,
      status: row.status,
      ...present({ comment: row.comment }),
    });
  }
  for (const row of comparators) {
    push(row, 'IndicatorComparatorRecorded', {
      period: row.period,
      kind: row.kind,
      value: num(row.value),
      source: row.source,
    });
  }
  for (const row of comments)
    push(row, 'IndicatorCommented', { ...present({ period: row.period }), text: row.text });

  events.sort((a, b) => a.position - b.position);
  const byCode = new Map<string, { state: IndicatorState | undefined; events: PositionedEvent[] }>();
  for (const event of events) {
    const code = event.stream.slice('indicator:'.length);
    let entry = byCode.get(code);
    if (entry === undefined) {
      entry = { state: undefined, events: [] };
      byCode.set(code, entry);
    }
    entry.state = evolveIndicator(entry.state, event);
    entry.events.push(event);
  }
  const result = new Map<string, IndicatorFacts>();
  for (const [code, entry] of [...byCode].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (entry.state !== undefined) result.set(code, { state: entry.state, events: entry.events });
  }
  return result;
}
