import type { EventEnvelope } from '@perfledger/core';

/**
 * The fields of an action that the quarter-end view reads, each stored as its own fact row.
 * `registered_on` marks the action's existence (its value is the registration's effective date);
 * `closed` holds the outcome, or NULL once reopened, and its row's `effective_on` is the closing
 * date; `last_comment` holds the text, and its row's `effective_on` the date it speaks for.
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
 * Registration sets every field, including progress 0, no status, open and no comment, because
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
  const base = {
    code,
    effectiveOn: event.effectiveOn,
    position: event.position,
    recordedAt: event.recordedAt,
  };
  const fact = (field: QuarterEndField, value: string | number | null): QuarterEndFact => ({
    ...base,
    field,
    value,
  });
  switch (event.type) {
    case 'ActionRegistered': {
      const data = event.data;
      return [
        fact('registered_on', event.effectiveOn),
        fact('title', data.title),
        fact('description', data.description ?? null),
        fact('plan', data.plan),
        fact('directorate', data.directorate),
        fact('section', data.section),
        fact('owner', data.owner ?? null),
        fact('status_key', data.statusKey),
        fact('original_due_date', data.dueDate),
        fact('due_date', data.dueDate),
        fact('percent_complete', 0),
        fact('status', null),
        fact('closed', null),
        fact('last_comment', null),
      ];
    }
    case 'ProgressUpdated':
      return [fact('percent_complete', event.data.percentComplete)];
    case 'StatusChanged':
      return [fact('status', event.data.status)];
    case 'DueDateRevised':
      return [fact('due_date', event.data.to)];
    case 'DueDateCorrected':
      // The record was wrong: the corrected date replaces it, and replaces the original due date
      // too when the wrong value was the registered one.
      return event.data.correctsOriginal
        ? [fact('original_due_date', event.data.corrected), fact('due_date', event.data.corrected)]
        : [fact('due_date', event.data.corrected)];
    case 'ActionClosed':
      return [fact('closed', event.data.outcome)];
    case 'ActionReopened':
      return [fact('closed', null)];
    case 'ActionDetailsAmended': {
      const facts: QuarterEndFact[] = [];
      for (const field of ['title', 'description', 'owner', 'directorate', 'section', 'plan'] as const) {
        const value = event.data[field];
        if (value !== undefined) facts.push(fact(field, value));
      }
      return facts;
    }
    case 'CommentAdded':
      return [fact('last_comment', event.data.comment)];
    case 'ReportPublished':
      // A published report does not describe an action.
      return [];
    default:
      // Exhaustive: a new event type fails to compile until it is handled.
      event satisfies never;
      return [];
  }
}
