import { AssertionError, deepStrictEqual } from 'node:assert';
import type { z } from 'zod';
import { type CommandInput, commandSchema } from '../action/commands.js';
import type { DatedCommand } from '../action/decide.js';
import { decideOnTimeline } from '../action/decide-on-timeline.js';
import type { TimelineEvent } from '../action/timeline.js';
import { ValidationError, type ValidationIssue } from '../errors/index.js';
import type { PendingEvent } from '../events/envelope.js';
import { type EventType, eventCatalogue, isEventType } from '../events/event-catalogue.js';
import { type DatedIndicatorCommand, decideIndicator } from '../indicator/decide-indicator.js';
import { foldIndicator } from '../indicator/evolve-indicator.js';
import { isIndicatorCommand } from '../indicator/indicator-commands.js';
import { createStatusKeyRegistry, type StatusKey, type StatusKeyRegistry } from '../status/index.js';
import { isBusinessDate } from '../time/index.js';

/**
 * A domain event as a test writes it: plain strings for dates, as its schema accepts them.
 *
 * @example
 * ```ts
 * const event: EventInput = { type: 'ProgressUpdated', data: { percentComplete: 58 } };
 * ```
 */
export type EventInput = {
  [K in EventType]: {
    readonly type: K;
    readonly data: z.input<(typeof eventCatalogue)[K]['schema']>;
  };
}[EventType];

/**
 * An event already in the action's history; `streamVersion` defaults to its place in the list.
 *
 * @example
 * ```ts
 * const given: GivenEvent = { type: 'ProgressUpdated', effectiveOn: '2023-06-30', data: { percentComplete: 58 } };
 * ```
 */
export type GivenEvent = EventInput & { readonly effectiveOn: string; readonly streamVersion?: number };

/**
 * An event the decider is expected to emit.
 *
 * @example
 * ```ts
 * const expected: ExpectedEvent = { type: 'StatusChanged', effectiveOn: '2023-06-30', data: { status: 'Green' } };
 * ```
 */
export type ExpectedEvent = EventInput & { readonly effectiveOn: string };

/**
 * A command as a test writes it; the effective date is required, since a spec has no clock.
 *
 * @example
 * ```ts
 * const command: WhenCommand = { type: 'ChangeStatus', code: 'FP1922_02', effectiveOn: '2023-06-30', status: 'green' };
 * ```
 */
export type WhenCommand = CommandInput & { readonly effectiveOn: string };

/**
 * What the decision needs besides the history: the status keys (the built-ins by default).
 *
 * @example
 * ```ts
 * const spec = DeciderSpecification.for({ statusKeys: [bragStatusKey] });
 * ```
 */
export interface DeciderSpecificationContext {
  /** A registry, or extra keys to add to the built-ins. */
  readonly statusKeys?: StatusKeyRegistry | readonly StatusKey[];
}

/**
 * The first step of a specification: the history, or straight to the command for a new action.
 *
 * @example
 * ```ts
 * DeciderSpecification.for().when(registerCommand).then([registeredEvent]);
 * ```
 */
export interface DeciderSpecification {
  /** The events already recorded for the action, in the order they were recorded. */
  given(...events: readonly GivenEvent[]): DeciderSpecificationWhen;
  /** The command, against an empty history. */
  when(command: WhenCommand): DeciderSpecificationThen;
}

/**
 * The second step: the command under test.
 *
 * @example
 * ```ts
 * spec.given(registeredEvent).when({ type: 'AddComment', code: 'X1', effectiveOn: '2023-06-30', comment: 'On track' });
 * ```
 */
export interface DeciderSpecificationWhen {
  /** The command, decided against the given history. */
  when(command: WhenCommand): DeciderSpecificationThen;
}

/**
 * The last step: what should have happened. Each method throws an `AssertionError` when it did not.
 *
 * @example
 * ```ts
 * spec.given(registeredEvent, closedEvent).when(progressCommand).thenThrows(ActionClosedError);
 * spec.given(registeredEvent).when(reopenCommand).thenThrows(RuleViolationError, (e) => e.rule === 'ACTION_NOT_CLOSED');
 * ```
 */
export interface DeciderSpecificationThen {
  /** The decider emits exactly these events, in this order. */
  then(expected: readonly ExpectedEvent[]): void;
  /** The decider accepts the command and emits no events (it changes nothing). */
  thenNothing(): void;
  /**
   * The command is refused with an error of this class; `predicate` may check its fields
   * (return `false`, or throw, to fail).
   */
  thenThrows<TError extends Error>(
    errorType: abstract new (...args: never[]) => TError,
    predicate?: (error: TError) => unknown,
  ): void;
}

type Outcome = { readonly events: readonly PendingEvent[] } | { readonly error: unknown };

/**
 * Given / when / then for perfledger's pure decider, after Emmett's `DeciderSpecification`: the
 * history is replayed and the command decided with `decideOnTimeline` (`decideIndicator` for an
 * indicator command), exactly as the ledger does, but with no database. Commands are validated with `commandSchema`, so malformed ones
 * fail with `ValidationError` as they would in `ledger.execute`. Framework-agnostic: failures
 * are `node:assert` `AssertionError`s carrying `actual` and `expected`.
 *
 * @example
 * ```ts
 * const spec = DeciderSpecification.for();
 * spec
 *   .given({ type: 'ActionRegistered', effectiveOn: '2023-04-01', data: registered })
 *   .when({ type: 'UpdateProgress', code: 'FP1922_02', effectiveOn: '2023-06-30', percentComplete: 58 })
 *   .then([{ type: 'ProgressUpdated', effectiveOn: '2023-06-30', data: { percentComplete: 58 } }]);
 * ```
 */
export const DeciderSpecification = Object.freeze({
  /** A specification deciding with the built-in status keys and any given in `context`. */
  for(context: DeciderSpecificationContext = {}): DeciderSpecification {
    const statusKeys = toRegistry(context.statusKeys);
    const when =
      (history: readonly TimelineEvent[]) =>
      (command: WhenCommand): DeciderSpecificationThen => {
        // A setup mistake, not an outcome to assert on: fail at once.
        if (command?.effectiveOn === undefined) {
          throw new TypeError('A decider specification needs an explicit effectiveOn on the command.');
        }
        return thenStep(command, decideSafely(history, command, statusKeys));
      };
    return Object.freeze({
      given: (...events: readonly GivenEvent[]) => Object.freeze({ when: when(events.map(toTimelineEvent)) }),
      when: when([]),
    });
  },
});

function toRegistry(statusKeys: DeciderSpecificationContext['statusKeys']): StatusKeyRegistry {
  if (statusKeys === undefined) return createStatusKeyRegistry();
  if (Array.isArray(statusKeys)) return createStatusKeyRegistry(statusKeys);
  return statusKeys as StatusKeyRegistry;
}

function toTimelineEvent(event: GivenEvent, index: number): TimelineEvent {
  const where = `given event #${index + 1} (${String(event?.type)})`;
  if (typeof event?.type !== 'string' || !isEventType(event.type)) {
    throw new TypeError(`${where}: not an event type of the catalogue`);
  }
  if (!isBusinessDate(event.effectiveOn)) {
    throw new TypeError(
      `${where}: effectiveOn '${String(event.effectiveOn)}' is not a calendar date YYYY-MM-DD`,
    );
  }
  const parsed = eventCatalogue[event.type].schema.safeParse(event.data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new TypeError(`${where}: invalid data: ${problems.join('; ')}`);
  }
  return {
    type: event.type,
    data: parsed.data,
    effectiveOn: event.effectiveOn,
    streamVersion: event.streamVersion ?? index + 1,
  } as TimelineEvent;
}

function decideSafely(
  history: readonly TimelineEvent[],
  command: WhenCommand,
  statusKeys: StatusKeyRegistry,
): Outcome {
  try {
    const validated = validate(command);
    // An indicator command is decided by the indicator decider, as the ledger routes it.
    if (isIndicatorCommand(validated)) {
      return { events: decideIndicator(foldIndicator(history), validated, { statusKeys }) };
    }
    return { events: decideOnTimeline(history, validated, { statusKeys }) };
  } catch (error) {
    return { error };
  }
}

function validate(command: WhenCommand): DatedCommand | DatedIndicatorCommand {
  const parsed = commandSchema.safeParse(command);
  if (!parsed.success) {
    const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: issue.message,
    }));
    const summary = issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ValidationError(`The command was refused: ${summary}`, issues);
  }
  return parsed.data as DatedCommand | DatedIndicatorCommand;
}

function thenStep(command: WhenCommand, outcome: Outcome): DeciderSpecificationThen {
  const scenario = `When ${String(command?.type)} for '${String(command?.code)}' effective on ${String(command?.effectiveOn)}`;

  const expectEvents = (expected: readonly ExpectedEvent[]): void => {
    if ('error' in outcome) {
      throw withCause(
        new AssertionError({
          message: `${scenario}: expected ${expected.length === 0 ? 'no events' : `${expected.length} event(s)`}, but the decider threw ${describeError(outcome.error)}`,
          actual: outcome.error,
          expected,
          operator: 'then',
        }),
        outcome.error,
      );
    }
    const actual = outcome.events.map(({ type, effectiveOn, data }) => ({ type, effectiveOn, data }));
    try {
      deepStrictEqual(
        actual,
        expected.map(({ type, effectiveOn, data }) => ({ type, effectiveOn, data })),
      );
    } catch (error) {
      if (!(error instanceof AssertionError)) throw error;
      throw new AssertionError({
        message: `${scenario}: the decider emitted other events than expected.\n${error.message}`,
        actual,
        expected,
        operator: 'then',
      });
    }
  };

  return Object.freeze({
    // biome-ignore lint/suspicious/noThenProperty: `then` is the given/when/then vocabulary; awaiting it is caught below
    then(expected: readonly ExpectedEvent[]): void {
      if (typeof expected === 'function') {
        // Someone awaited (or returned from an async test) the `when` step: it is not a promise.
        throw new TypeError(
          `${scenario}: a decider specification is not a promise; call .then([...events]), .thenNothing() or .thenThrows(...)`,
        );
      }
      expectEvents(expected);
    },
    thenNothing: () => expectEvents([]),
    thenThrows<TError extends Error>(
      errorType: abstract new (...args: never[]) => TError,
      predicate?: (error: TError) => unknown,
    ): void {
      if (!('error' in outcome)) {
        throw new AssertionError({
          message: `${scenario}: expected ${errorType.name} to be thrown, but the decider emitted ${JSON.stringify(outcome.events, null, 2)}`,
          actual: outcome.events,
          expected: errorType,
          operator: 'thenThrows',
        });
      }
      const { error } = outcome;
      if (!(error instanceof errorType)) {
        throw withCause(
          new AssertionError({
            message: `${scenario}: expected ${errorType.name} to be thrown, but got ${describeError(error)}`,
            actual: error,
            expected: errorType,
            operator: 'thenThrows',
          }),
          error,
        );
      }
      if (predicate !== undefined && predicate(error) === false) {
        throw withCause(
          new AssertionError({
            message: `${scenario}: ${describeError(error)} does not satisfy the predicate`,
            actual: error,
            expected: errorType,
            operator: 'thenThrows',
          }),
          error,
        );
      }
    },
  });
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `a non-error value ${String(error)}`;
  const code = (error as { code?: unknown }).code;
  const rule = (error as { rule?: unknown }).rule;
  const label = [code, rule].filter((part) => typeof part === 'string').join(' ');
  return `${error.name}${label === '' ? '' : ` (${label})`}: ${error.message}`;
}

function withCause(assertion: AssertionError, cause: unknown): AssertionError {
  Object.defineProperty(assertion, 'cause', { value: cause, configurable: true, writable: true });
  return assertion;
}
