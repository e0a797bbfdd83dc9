import { type BusinessDate, type EventType, type Ledger, ValidationError } from '@perfledger/core';
import type { QuarterEndItem } from './quarter-end-item.js';
import {
  assertQuarterOptions,
  type KnownAt,
  QUARTER_END_OPTION_KEYS,
  type QuarterEndOptions,
  resolveQuarter,
} from './quarter-end-options.js';
import { readQuarterEndItems, requireQuarterEnd } from './read-quarter-end-items.js';
import { readRestatingEvents } from './read-restating-events.js';
import { resolveBasis } from './resolve-basis.js';

/**
 * Which quarter to compare, and the publication cut-off: as known at `knownAt` against as now known.
 *
 * @example
 * ```ts
 * const options: RestatementOptions = { fy: '2023/24', quarter: 3, knownAt: '2024-01-15T17:00:00Z' };
 * ```
 */
export interface RestatementOptions extends Omit<QuarterEndOptions, 'knownAt' | 'disagreementRules'> {
  /** When the report was published: an ISO instant, a plain date (its end, UTC), or `{ position }`. */
  readonly knownAt: KnownAt;
}

/** The keys a {@link RestatementOptions} may have: anything else is refused. */
export const RESTATEMENT_OPTION_KEYS: readonly (keyof RestatementOptions)[] = Object.freeze(
  QUARTER_END_OPTION_KEYS.filter((key): key is keyof RestatementOptions => key !== 'disagreementRules'),
);

/**
 * An event recorded after the cut-off but effective on or before the quarter end: one of the
 * facts that changed the published picture.
 *
 * @example
 * ```ts
 * const e: RestatingEvent = { type: 'ProgressUpdated', position: 4203, effectiveOn: '2023-12-31', recordedAt: '2024-02-02T10:00:00.000000Z', actor: 'j.smith', description: '% complete set to 60' };
 * ```
 */
export interface RestatingEvent {
  readonly type: EventType;
  readonly position: number;
  readonly effectiveOn: BusinessDate;
  readonly recordedAt: string;
  readonly actor: string | null;
  readonly description: string;
}

/**
 * One action whose report line differs between the two bases. `added`: it was not in the report
 * as known then (registered late, back-dated, or moved into the filtered plan); `removed`: it is
 * no longer in it; `changed`: `fields` lists the item fields that differ.
 *
 * @example
 * ```ts
 * const r: Restatement = (await restatements(ledger, options)).items[0]!;
 * `${r.code}: ${r.fields.join(', ')} restated by ${r.events.map((e) => e.description).join('; ')}`;
 * ```
 */
export interface Restatement {
  readonly code: string;
  readonly kind: 'added' | 'removed' | 'changed';
  /** The item fields that differ (every field for added and removed lines). */
  readonly fields: readonly (keyof QuarterEndItem)[];
  readonly asKnownThen: QuarterEndItem | null;
  readonly asNowKnown: QuarterEndItem | null;
  /** In position order. */
  readonly events: readonly RestatingEvent[];
}

/**
 * The restatement list of a quarter.
 *
 * @example
 * ```ts
 * const list: RestatementList = await restatements(ledger, { fy: '2023/24', quarter: 3, knownAt: '2024-01-15T17:00:00Z' });
 * ```
 */
export interface RestatementList {
  readonly fy: string;
  readonly quarter: 1 | 2 | 3 | 4;
  readonly quarterStart: BusinessDate;
  readonly quarterEnd: BusinessDate;
  /** The cut-off as given when it was an instant; null when given as a position. */
  readonly knownAt: string | null;
  /** The log position of the cut-off. */
  readonly knownAtPosition: number;
  /** The log position "as now known" stands for. */
  readonly nowPosition: number;
  /** Ordered by code. */
  readonly items: readonly Restatement[];
}

const ITEM_FIELDS: readonly (keyof QuarterEndItem)[] = [
  'title',
  'description',
  'plan',
  'directorate',
  'section',
  'owner',
  'statusKey',
  'registeredOn',
  'originalDueDate',
  'dueDate',
  'percentComplete',
  'status',
  'derivedStatus',
  'open',
  'closed',
  'lastComment',
  'notUpdated',
];

/**
 * Compares a quarter's report as known at a publication cut-off with the same report as now
 * known, and lists each action whose line differs, with the events that made the difference:
 * those of the action recorded after the cut-off (position > P) and effective on or before the
 * quarter end. Was the published Q3 report true when it was published? These are the answers.
 *
 * Both reports are read pinned to log positions (the cut-off, and the head when the call
 * started), so appends made meanwhile change neither.
 *
 * @throws ValidationError for bad or unknown options (naming each); core's
 *   ProjectionNotReadyError when the projection is missing, outdated or behind.
 * @example
 * ```ts
 * for (const r of (await restatements(ledger, { fy: '2023/24', quarter: 3, knownAt: '2024-01-15T17:00:00Z' })).items) {
 *   console.log(r.code, r.kind, r.fields.join(', '));
 * }
 * ```
 */
export async function restatements(ledger: Ledger, options: RestatementOptions): Promise<RestatementList> {
  assertQuarterOptions(options, RESTATEMENT_OPTION_KEYS, 'restatements options');
  const resolved = resolveQuarter(options);
  if (options.knownAt === undefined) {
    throw new ValidationError('restatements needs knownAt: the publication cut-off to compare with.', [
      { path: ['knownAt'], message: 'is required: an ISO-8601 instant or { position }' },
    ]);
  }
  const nowPosition = (await resolveBasis(ledger, undefined)).position;
  const knownAtPosition = Math.min((await resolveBasis(ledger, options.knownAt)).position, nowPosition);
  await requireQuarterEnd(ledger, nowPosition);
  const query = {
    asAt: resolved.quarterEnd,
    yearStart: resolved.yearStart,
    quarterStart: resolved.quarterStart,
    warningWindowDays: resolved.warningWindowDays,
    filters: resolved.filters,
  };
  const then = byCode(await readQuarterEndItems(ledger, { ...query, upTo: knownAtPosition }));
  const now = byCode(await readQuarterEndItems(ledger, { ...query, upTo: nowPosition }));
  const codes = [...new Set([...then.keys(), ...now.keys()])].sort();
  const changed: {
    code: string;
    before: QuarterEndItem | null;
    after: QuarterEndItem | null;
    fields: readonly (keyof QuarterEndItem)[];
  }[] = [];
  for (const code of codes) {
    const before = then.get(code) ?? null;
    const after = now.get(code) ?? null;
    const fields =
      before === null || after === null
        ? ITEM_FIELDS
        : ITEM_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
    if (fields.length > 0) changed.push({ code, before, after, fields });
  }
  const events = await readRestatingEvents(
    ledger,
    changed.map((entry) => entry.code),
    knownAtPosition,
    nowPosition,
    resolved.quarterEnd,
  );
  const items: Restatement[] = changed.map(({ code, before, after, fields }) => ({
    code,
    kind: before === null ? 'added' : after === null ? 'removed' : 'changed',
    fields,
    asKnownThen: before,
    asNowKnown: after,
    events: events.get(code) ?? [],
  }));
  return {
    fy: resolved.fy,
    quarter: resolved.quarter,
    quarterStart: resolved.quarterStart,
    quarterEnd: resolved.quarterEnd,
    knownAt: typeof options.knownAt === 'string' ? options.knownAt : null,
    knownAtPosition,
    nowPosition,
    items,
  };
}

function byCode(items: readonly QuarterEndItem[]): Map<string, QuarterEndItem> {
  return new Map(items.map((item) => [item.code, item]));
}
