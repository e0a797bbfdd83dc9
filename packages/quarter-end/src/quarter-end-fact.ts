import { type ActionField, type EventEnvelope, fieldChangesOf } from '@perfledger/core';

/**
 * The fields of an action that the quarter-end view reads, each stored as its own fact row.
 * `registered_on` marks the action's existence (its value is the registration's effective date);
 * `closed` holds the outcome, or NULL once reopened, and its row's `effective_on` is the closing
 * date; `last_comment` holds the text, and its row's `effective_on` the date it speaks for;
 * `returned` holds the quarter a return statement was for ("2019/20 Q2"), on its quarter end.
 *
 * @example
 * ```ts
 * quarterEndFields.includes('due_date'); // true
 * ```
 */
export const quarterEndFields = Object.freeze([
  'registered_on',
  'title',
  'description',
  'plan',
  'directorate',
  'section',
  'owner',
  'status_key',
  'original_due_date',
  'due_date',
  'percent_complete',
  'status',
  'closed',
  'last_comment',
  'returned',
] as const);

/**
 * One of {@link quarterEndFields}.
 *
 * @example
 * ```ts
 * const field: QuarterEndField = 'percent_complete';
 * ```
 */
export type QuarterEndField = (typeof quarterEndFields)[number];

/**
 * One row of `quarter_end_facts`: an event set `field` of action `code` to `value`, true from
 * `effectiveOn`, recorded at `position`.
 *
 * @example
 * ```ts
 * const fact: QuarterEndFact = { code: 'FP1922_02', field: 'percent_complete', value: 90, effectiveOn: '2019-06-30', position: 7, recordedAt: '2019-07-02T09:00:00.000000Z' };
 * ```
 */
export interface QuarterEndFact {
  readonly code: string;
  readonly field: QuarterEndField;
  readonly value: string | number | null;
  readonly effectiveOn: string;
  readonly position: number;
  readonly recordedAt: string;
}

const ACTION_STREAM = 'action:';

/**
 * The fact rows one event produces: a pure function of the event alone, so processing the log
 * incrementally and rebuilding from scratch give identical rows.
 *
 * Registration sets every field, including no progress (unknown), no status, open and no comment, because
 * core's `evolve` starts a fresh state on registration: "the latest fact per field" then agrees
 * with folding the events, even for events effective before a (re-)registration.
 *
 * @example
 * ```ts
 * factsOf(progressEvent); // [{ code: 'FP1922_02', field: 'percent_complete', value: 90, … }]
 * ```
 */
export function factsOf(event: EventEnvelope): QuarterEndFact[] {
  if (!event.stream.startsWith(ACTION_STREAM)) return [];
  const code = event.stream.slice(ACTION_STREAM.length);
  const { effectiveOn, position, recordedAt } = event;
  const fact = (field: QuarterEndField, value: string | number | null): QuarterEndFact => ({
    code,
    field,
    value,
    effectiveOn,
    position,
    recordedAt,
  });
  const changes = fieldChangesOf(event);
  if (event.type === 'ReturnStated') {
    // Every statement leaves a mark, even one that leaves every field blank: it is a return.
    return [
      ...changes.map(({ field, value }) => fact(COLUMN_OF[field], value)),
      fact('returned', `${event.data.fy} Q${event.data.quarter}`),
    ];
  }
  if (event.type !== 'ActionRegistered')
    return changes.map(({ field, value }) => fact(COLUMN_OF[field], value));
  // A registration starts a fresh state: every field gets a fact, the ones it does not name at
  // their defaults (no progress, no status, open, no comment), in quarterEndFields order.
  const values = new Map<QuarterEndField, string | number | null>(REGISTRATION_DEFAULTS);
  values.set('registered_on', event.effectiveOn);
  for (const { field, value } of changes) values.set(COLUMN_OF[field], value);
  return quarterEndFields.map((field) => fact(field, values.get(field) ?? null));
}

/** The fact field of each action field that core's table of field changes names. */
const COLUMN_OF = Object.freeze({
  title: 'title',
  description: 'description',
  plan: 'plan',
  directorate: 'directorate',
  section: 'section',
  owner: 'owner',
  statusKey: 'status_key',
  originalDueDate: 'original_due_date',
  dueDate: 'due_date',
  percentComplete: 'percent_complete',
  status: 'status',
  closed: 'closed',
  comment: 'last_comment',
} as const satisfies Record<ActionField, QuarterEndField>);

const REGISTRATION_DEFAULTS: readonly (readonly [QuarterEndField, string | number | null])[] = [
  ['description', null],
  ['owner', null],
  // A % complete nobody reported is unknown, not 0.
  ['percent_complete', null],
  ['status', null],
  ['closed', null],
  ['last_comment', null],
  ['returned', null],
];
