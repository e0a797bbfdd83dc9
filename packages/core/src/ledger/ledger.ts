import { actionCodeKey } from '../action/action-code-key.js';
import type { ActionState } from '../action/action-state.js';
import { streamOf } from '../action/action-state.js';
import { type Command, type CommandInput, commandSchema } from '../action/commands.js';
import type { DatedCommand } from '../action/decide.js';
import { decideOnTimeline } from '../action/decide-on-timeline.js';
import { foldAction, type TimelineEvent } from '../action/timeline.js';
import type { VerifyResult } from '../chain/verify-result.js';
import { ActionCodeTakenError, type ExpectedVersion, ValidationError } from '../errors/index.js';
import { type EventEnvelope, type EventMetadata, isEventType, type PendingEvent } from '../events/index.js';
import { UpcasterChain } from '../events/upcasters.js';
import { createStatusKeyRegistry, type StatusKeyRegistry } from '../status/index.js';
import type {
  AppendRequest,
  AppendResult,
  EffectiveRange,
  EventStore,
  InTransactionHook,
  LogHead,
  ReadAllOptions,
  ReadStreamOptions,
} from '../store/event-store.js';
import type { LedgerClock } from '../store/recorded-clock.js';
import { SqliteEventStore } from '../store/sqlite-event-store.js';
import { validateMetadata } from '../store/validate-append.js';
import { type BusinessDate, businessDateOf, isBusinessDate } from '../time/index.js';
import { ActionCodeIndex } from './action-code-index.js';
import type { AsOf } from './as-of.js';
import type { OpenLedgerOptions } from './open-ledger-options.js';
import {
  optionalBusinessDate,
  optionalCount,
  optionalString,
  requireOptions,
  requireString,
} from './validate-arguments.js';
import { validateOpenOptions } from './validate-open-options.js';

/** Filters for {@link Ledger.getActions}, on top of the point in time. */
export interface ActionQuery extends AsOf {
  readonly plan?: string;
  readonly directorate?: string;
  readonly section?: string;
}

/**
 * A perfledger ledger: commands in, immutable events out, states and history read back on both
 * time axes. Open one with {@link openLedger}; close it when done.
 *
 * @example
 * ```ts
 * const ledger = openLedger({ file: 'plan.db' });
 * ledger.execute({ type: 'UpdateProgress', code: 'FP1922_02', effectiveOn: '2019-06-30', percentComplete: 90 }, { actor: 'finance.officer' });
 * ledger.getAction('FP1922_02')?.percentComplete; // 90
 * ledger.close();
 * ```
 */
export class Ledger {
  /** The status keys in force: the four built-in ones and any supplied when opening. */
  readonly statusKeys: StatusKeyRegistry;
  readonly #store: EventStore;
  readonly #clock: LedgerClock;
  readonly #hooks: InTransactionHook[] = [];
  readonly #codes: ActionCodeIndex;

  constructor(options: OpenLedgerOptions) {
    validateOpenOptions(options);
    this.statusKeys = createStatusKeyRegistry(options.statusKeys ?? []);
    this.#clock = options.clock ?? (() => new Date());
    this.#store = new SqliteEventStore({
      ...options,
      clock: this.#clock,
      upcasters: new UpcasterChain(options.upcasters ?? []),
    });
    this.#codes = new ActionCodeIndex(this.#store);
  }

  /** The storage behind the ledger, for projections and tools. */
  get store(): EventStore {
    return this.#store;
  }

  /** The database file. */
  get file(): string {
    return this.#store.file;
  }

  /** True when opened read-only. */
  get readonly(): boolean {
    return this.#store.readonly;
  }

  /** Today's business date by the ledger's clock (UTC). Commands without `effectiveOn` use it. */
  today(): BusinessDate {
    return businessDateOf(this.#clock());
  }

  /**
   * Validates and decides one command and appends its events. Throws a typed error, writing
   * nothing, when the command is malformed or breaks a rule.
   *
   * @example
   * ```ts
   * ledger.execute({ type: 'ReviseDueDate', code: 'DEM1518_02', effectiveOn: '2019-07-15', to: '2020-12-31', reason: 'Land Registry timetable' });
   * ```
   */
  execute(command: CommandInput, metadata: EventMetadata = {}): AppendResult {
    return this.executeAll([command], metadata);
  }

  /**
   * Executes several commands as one atomic append: all their events land, or none do.
   * Later commands see the effects of earlier ones in the same call.
   *
   * @example
   * ```ts
   * ledger.executeAll([registerCommand, progressCommand], { actor: 'import', correlationId: 'q3-2023' });
   * ```
   */
  executeAll(commands: readonly CommandInput[], metadata: EventMetadata = {}): AppendResult {
    const validated = this.#validateCommands(commands);
    validateMetadata(metadata);
    const key = metadata.idempotencyKey;
    return this.#store.transaction(() => {
      // Checked inside the write lock: a retry racing the first attempt must not decide again.
      const replayed = key === undefined ? undefined : this.#store.replayed(key);
      if (replayed) return replayed;
      const histories = new Map<
        string,
        { history: TimelineEvent[]; read: number; pending: PendingEvent[] }
      >();
      const registering = new Map<string, string>();
      for (const command of validated) {
        const stream = streamOf(command.code);
        let entry = histories.get(stream);
        if (entry === undefined) {
          const history: TimelineEvent[] = this.#store.readStreamFacts(stream);
          entry = {
            history,
            read: history.length === 0 ? 0 : history[history.length - 1]!.streamVersion,
            pending: [],
          };
          histories.set(stream, entry);
        }
        if (command.type === 'RegisterAction' && entry.history.length === 0) {
          // Codes are compared ignoring case: 'dc02' is not a second action beside 'DC02'.
          const key = actionCodeKey(command.code);
          const existing = registering.get(key) ?? this.#codes.find(command.code);
          if (existing !== undefined && existing !== command.code) {
            throw new ActionCodeTakenError(command.code, existing);
          }
          registering.set(key, command.code);
        }
        const events = decideOnTimeline(entry.history, command, { statusKeys: this.statusKeys });
        for (const event of events) {
          entry.pending.push(event);
          entry.history.push({ ...event, streamVersion: entry.read + entry.pending.length } as TimelineEvent);
        }
      }
      const requests: AppendRequest[] = [];
      for (const [stream, entry] of histories) {
        if (entry.pending.length === 0) continue;
        const expectedVersion: ExpectedVersion = entry.read === 0 ? 'no-stream' : entry.read;
        requests.push({ stream, events: entry.pending, expectedVersion });
      }
      return this.#store.append(requests, metadata, this.#hook());
    });
  }

  /**
   * Appends already-decided events to one stream with an optimistic concurrency check. Event
   * data is validated against the catalogue, but business rules are not applied: prefer
   * {@link Ledger.execute}.
   *
   * @example
   * ```ts
   * ledger.append('action:FP1922_02', [{ type: 'CommentAdded', effectiveOn: '2019-06-30', data: { comment: 'Rollout in summer' } }], { expectedVersion: 4 });
   * ```
   */
  append(
    stream: string,
    events: readonly PendingEvent[],
    options: EventMetadata & { readonly expectedVersion?: ExpectedVersion } = {},
  ): AppendResult {
    requireOptions(options, 'options');
    const { expectedVersion, ...metadata } = options;
    return this.appendMany(
      [{ stream, events, ...(expectedVersion === undefined ? {} : { expectedVersion }) }],
      metadata,
    );
  }

  /**
   * Appends to several streams in one transaction: every request's version check must pass, or nothing is written.
   *
   * @example
   * ```ts
   * ledger.appendMany([{ stream: 'action:A', events: [a], expectedVersion: 2 }, { stream: 'action:B', events: [b], expectedVersion: 'no-stream' }]);
   * ```
   */
  appendMany(requests: readonly AppendRequest[], metadata: EventMetadata = {}): AppendResult {
    return this.#store.append(requests, metadata, this.#hook());
  }

  /**
   * Registers a function that runs inside every append's transaction, after the events are
   * written: inline projections use it so that no reader sees the log ahead of them. Returns a
   * function that unregisters it.
   *
   * @example
   * ```ts
   * const stop = ledger.onAppend((events, db) => db.prepare('UPDATE counter SET n = n + ?').run(events.length));
   * ```
   */
  onAppend(hook: InTransactionHook): () => void {
    this.#hooks.push(hook);
    return () => {
      const index = this.#hooks.indexOf(hook);
      if (index >= 0) this.#hooks.splice(index, 1);
    };
  }

  /**
   * One action's events in stream order (optionally a version range, or as known at a position).
   *
   * @example
   * ```ts
   * for (const event of ledger.readAction('DEM1518_02')) console.log(event.type, event.effectiveOn);
   * ```
   */
  readAction(code: string, options: ReadStreamOptions = {}): EventEnvelope[] {
    requireString(code, 'code');
    return this.readStream(streamOf(code), options);
  }

  /**
   * The registered action code equal to `code` ignoring case ({@link actionCodeKey}), spelled
   * as it was registered; undefined when no such action exists. Tools that take a code from a
   * person or a file use it to find the action (`dc02` finds `DC02`).
   *
   * @example
   * ```ts
   * ledger.resolveActionCode('dem1518_02'); // 'DEM1518_02'
   * ```
   */
  resolveActionCode(code: string): string | undefined {
    requireString(code, 'code');
    return this.#codes.find(code);
  }

  /** One stream's events in version order. */
  readStream(stream: string, options: ReadStreamOptions = {}): EventEnvelope[] {
    requireString(stream, 'stream');
    requireOptions(options, 'options');
    optionalCount(options.fromVersion, 'options.fromVersion');
    optionalCount(options.toVersion, 'options.toVersion');
    optionalCount(options.upTo, 'options.upTo');
    return this.#store.readStream(stream, options);
  }

  /**
   * The global log in position order, read lazily in batches so memory stays flat.
   *
   * @example
   * ```ts
   * for (const event of ledger.readAll({ after: checkpoint, types: ['DueDateRevised'] })) handle(event);
   * ```
   */
  readAll(options: ReadAllOptions = {}): Generator<EventEnvelope> {
    requireOptions(options, 'options');
    optionalCount(options.after, 'options.after');
    optionalCount(options.upTo, 'options.upTo');
    optionalCount(options.batchSize, 'options.batchSize', 1);
    if (options.types !== undefined && !(Array.isArray(options.types) && options.types.every(isEventType))) {
      throw new ValidationError('options.types must be a list of event types.', [
        { path: ['options', 'types'], message: 'must be a list of event types' },
      ]);
    }
    return this.#store.readAll(options);
  }

  /** Events whose effective date lies in a range, in effective-date order. */
  readByEffectiveDate(range: EffectiveRange = {}): Generator<EventEnvelope> {
    requireOptions(range, 'range');
    optionalBusinessDate(range.from, 'range.from');
    optionalBusinessDate(range.to, 'range.to');
    optionalCount(range.upTo, 'range.upTo');
    optionalCount(range.batchSize, 'range.batchSize', 1);
    return this.#store.readByEffectiveDate(range);
  }

  /**
   * An action's state at a point on both time axes; undefined when it was not registered then.
   *
   * @example
   * ```ts
   * ledger.getAction('1.02.20', { asAt: '2023-12-31', knownAt: '2024-01-15T23:59:59Z' });
   * ```
   */
  getAction(code: string, asOf: AsOf = {}): ActionState | undefined {
    requireString(code, 'code');
    const { asAt, upTo } = this.#resolve(asOf);
    return foldAction(this.#store.readStreamFacts(streamOf(code), upTo), asAt);
  }

  /**
   * Every action (optionally of one plan, directorate or section) at a point on both time axes,
   * ordered by code. Streams are folded one at a time, so memory holds one action's events at once.
   *
   * @example
   * ```ts
   * ledger.getActions({ plan: 'Corporate Plan 2018-23', asAt: '2023-12-31' });
   * ```
   */
  getActions(query: ActionQuery = {}): ActionState[] {
    const { asAt, upTo } = this.#resolve(query);
    optionalString(query.plan, 'query.plan');
    optionalString(query.directorate, 'query.directorate');
    optionalString(query.section, 'query.section');
    const states: ActionState[] = [];
    for (const events of this.#store.readStreams({ upTo, prefix: 'action:' })) {
      const state = foldAction(events, asAt);
      if (state === undefined) continue;
      if (query.plan !== undefined && state.plan !== query.plan) continue;
      if (query.directorate !== undefined && state.directorate !== query.directorate) continue;
      if (query.section !== undefined && state.section !== query.section) continue;
      states.push(state);
    }
    return states;
  }

  /**
   * The global position the ledger had reached at a recorded time: "as known at T" is "the first N events".
   *
   * @example
   * ```ts
   * ledger.positionAt('2024-01-15T23:59:59Z');
   * ```
   */
  positionAt(knownAt: string | { readonly position: number }): number {
    if (typeof knownAt === 'object' && knownAt !== null) {
      if (!Number.isSafeInteger(knownAt.position) || knownAt.position < 0) {
        throw new ValidationError('knownAt.position must be a non-negative integer.', [
          { path: ['knownAt', 'position'], message: 'must be a non-negative integer' },
        ]);
      }
      return knownAt.position;
    }
    if (
      typeof knownAt !== 'string' ||
      // With Z or an offset: a local time would mean a different instant on every host.
      !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(knownAt) ||
      Number.isNaN(Date.parse(knownAt)) ||
      // Date.parse rolls impossible days over ('2023-02-29' is 1 March): refuse them instead.
      !isBusinessDate(knownAt.slice(0, 10))
    ) {
      const shown = String(knownAt);
      throw new ValidationError(
        `knownAt '${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}' is not an ISO-8601 instant such as 2024-01-15T09:00:00Z.`,
        [{ path: ['knownAt'], message: 'must be an ISO-8601 instant' }],
      );
    }
    return this.#store.positionAt(knownAt);
  }

  /**
   * Runs `work` in one write transaction on the ledger's connection: reads made inside see a
   * stable log, and every append made inside commits together or not at all. Nested calls join
   * the outer transaction.
   *
   * @example
   * ```ts
   * ledger.transaction(() => {
   *   const state = ledger.getAction('FP1922_02');
   *   if (state && state.percentComplete < 100) ledger.execute({ type: 'UpdateProgress', code: 'FP1922_02', percentComplete: 100 });
   * });
   * ```
   */
  transaction<T>(work: () => T): T {
    return this.#store.transaction(() => work());
  }

  /** The last event's position, hash and recorded time. */
  head(): LogHead {
    return this.#store.head();
  }

  /**
   * Walks the hash chain and reports the first break, if any.
   *
   * @example
   * ```ts
   * const result = ledger.verify();
   * if (result.ok) console.log(`${result.count} events, head ${result.headHash}`);
   * ```
   */
  verify(): VerifyResult {
    return this.#store.verify();
  }

  /**
   * The ledger's origin: a UUID chosen when the file was created. Checkpoints name it, so a
   * checkpoint of one ledger is never mistaken for a statement about another.
   *
   * @example
   * ```ts
   * ledger.origin(); // '0f8e3c4e-2b7a-4d6f-9a51-3c2d1e0b9a87'
   * ```
   */
  origin(): string {
    return this.#store.origin();
  }

  /** Closes the database connection. */
  close(): void {
    this.#store.close();
  }

  #hook(): InTransactionHook | undefined {
    if (this.#hooks.length === 0) return undefined;
    const hooks = [...this.#hooks];
    return (events, db) => {
      for (const hook of hooks) hook(events, db);
    };
  }

  #resolve(asOf: AsOf): { asAt: BusinessDate | undefined; upTo: number | undefined } {
    requireOptions(asOf, 'asOf');
    let asAt: BusinessDate | undefined;
    if (asOf.asAt !== undefined) {
      if (typeof asOf.asAt !== 'string' || !isBusinessDate(asOf.asAt)) {
        const shown = String(asOf.asAt);
        throw new ValidationError(
          `asAt '${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}' is not a calendar date YYYY-MM-DD.`,
          [{ path: ['asAt'], message: 'must be a real calendar date YYYY-MM-DD' }],
        );
      }
      asAt = asOf.asAt;
    }
    const upTo = asOf.knownAt === undefined ? undefined : this.positionAt(asOf.knownAt);
    return { asAt, upTo };
  }

  #validateCommands(commands: readonly CommandInput[]): DatedCommand[] {
    if (!Array.isArray(commands)) throw new ValidationError('executeAll takes a list of commands.');
    const today = this.today();
    const issues: { path: (string | number)[]; message: string }[] = [];
    const validated: DatedCommand[] = [];
    commands.forEach((command, index) => {
      const parsed = commandSchema.safeParse(command);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          issues.push({
            path: [index, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
            message: issue.message,
          });
        }
        return;
      }
      const value: Command = parsed.data;
      validated.push({ ...value, effectiveOn: value.effectiveOn ?? today } as DatedCommand);
    });
    if (issues.length > 0) {
      const summary = issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new ValidationError(`The command was refused; nothing was written: ${summary}`, issues);
    }
    return validated;
  }
}

/**
 * Opens (creating on first use) a ledger on a SQLite file.
 *
 * @example
 * ```ts
 * import { openLedger } from '@perfledger/core';
 * const ledger = openLedger({ file: 'plan.db' });
 * ```
 */
export function openLedger(options: OpenLedgerOptions): Ledger {
  return new Ledger(options);
}

/**
 * Opens an existing ledger read-only, for auditors and reports: no path through the returned
 * ledger can modify the file.
 *
 * @example
 * ```ts
 * const ledger = openReadonlyLedger('plan.db');
 * ```
 */
export function openReadonlyLedger(
  file: string,
  options: Omit<OpenLedgerOptions, 'file' | 'readonly'> = {},
): Ledger {
  return new Ledger({ ...options, file, readonly: true });
}
