import { actionCodeKey } from '../action/action-code-key.js';
import type { ActionState } from '../action/action-state.js';
import { streamOf } from '../action/action-state.js';
import { type Command, type CommandInput, commandSchema } from '../action/commands.js';
import type { DatedCommand } from '../action/decide.js';
import { decideOnTimeline } from '../action/decide-on-timeline.js';
import { defaultReturnQuarterEnd } from '../action/return-quarter.js';
import { foldAction, type TimelineEvent } from '../action/timeline.js';
import { ChainVerifier } from '../chain/chain-verifier.js';
import type { VerifyResult } from '../chain/verify-result.js';
import {
  ActionCodeTakenError,
  type ExpectedVersion,
  RuleViolationError,
  ValidationError,
} from '../errors/index.js';
import { type EventEnvelope, type EventMetadata, isEventType, type PendingEvent } from '../events/index.js';
import { type DatedIndicatorCommand, decideIndicator } from '../indicator/decide-indicator.js';
import { foldIndicator } from '../indicator/evolve-indicator.js';
import { isIndicatorCommand } from '../indicator/indicator-commands.js';
import {
  INDICATOR_STREAM_PREFIX,
  type IndicatorState,
  indicatorStreamOf,
} from '../indicator/indicator-state.js';
import { LedgerProjections } from '../projections/ledger-projections.js';
import { createStatusKeyRegistry, type StatusKeyRegistry } from '../status/index.js';
import type {
  AppendRequest,
  AppendResult,
  EffectiveRange,
  EventStore,
  InTransactionHook,
  LogHead,
  QueryPort,
  ReadAllOptions,
  ReadStreamOptions,
  StoreSession,
} from '../store/event-store.js';
import type { LedgerClock } from '../store/recorded-clock.js';
import { validateAppendInput, validateMetadata } from '../store/validate-append.js';
import { type BusinessDate, businessDateOf, isBusinessDate } from '../time/index.js';
import { parseIndicatorPeriod } from '../time/indicator-period.js';
import { AS_OF_KEYS, type AsOf, type KnownAt, type ResolvedAsOf } from './as-of.js';
import { CREATE_LEDGER_KEYS, type CreateLedgerOptions } from './create-ledger-options.js';
import { knownAtMeaning } from './resolve-known-at.js';
import {
  assertOptions,
  optionalBusinessDate,
  optionalCount,
  optionalString,
  requireOptions,
  requireString,
} from './validate-arguments.js';

/** Filters for {@link Ledger.getActions}, on top of the point in time. */
export interface ActionQuery extends AsOf {
  readonly plan?: string;
  readonly directorate?: string;
  readonly section?: string;
}

const ACTION_QUERY_KEYS = [...AS_OF_KEYS, 'plan', 'directorate', 'section'];
const ACTION_PREFIX = 'action:';

/**
 * A perfledger ledger over any engine: commands in, immutable events out, states and history
 * read back on both time axes, projections kept up to date. Make one with {@link createLedger}
 * (any engine) or `openLedger` from `@perfledger/sqlite`; close it when done.
 *
 * @example
 * ```ts
 * const ledger = await openLedger({ file: 'plan.db' });
 * await ledger.execute({ type: 'UpdateProgress', code: 'FP1922_02', effectiveOn: '2019-06-30', percentComplete: 90 }, { actor: 'finance.officer' });
 * (await ledger.getAction('FP1922_02'))?.percentComplete; // 90
 * await ledger.close();
 * ```
 */
export class Ledger {
  /** The status keys in force: the four built-in ones and any supplied when opening. */
  readonly statusKeys: StatusKeyRegistry;
  /** The projections this ledger owns: status, catch-up, rebuild, and the check reads make. */
  readonly projections: LedgerProjections;
  readonly #store: EventStore;
  readonly #clock: LedgerClock;
  readonly #hooks: InTransactionHook[] = [];

  /** Use {@link createLedger}, which also brings the projections up to date. */
  constructor(options: CreateLedgerOptions) {
    assertOptions(options, CREATE_LEDGER_KEYS, 'The ledger options');
    const store = options.store as EventStore | undefined;
    if (typeof store !== 'object' || store === null || typeof store.append !== 'function') {
      throw new ValidationError('The ledger options need a store (an EventStore of some engine).', [
        { path: ['store'], message: 'must be an EventStore' },
      ]);
    }
    if (options.statusKeys !== undefined && !Array.isArray(options.statusKeys)) {
      throw new ValidationError('statusKeys must be a list of status keys.', [
        { path: ['statusKeys'], message: 'must be a list of status keys' },
      ]);
    }
    if (options.clock !== undefined && typeof options.clock !== 'function') {
      throw new ValidationError('clock must be a function returning a Date.', [
        { path: ['clock'], message: 'must be a function returning a Date' },
      ]);
    }
    this.statusKeys = createStatusKeyRegistry(options.statusKeys ?? []);
    this.#clock = options.clock ?? (() => new Date());
    this.#store = store;
    this.projections = new LedgerProjections(this, options.projections ?? [], options.projectionMode);
  }

  /** The store behind the ledger: the engine port, for core's integrity tools and engines' tests. */
  get store(): EventStore {
    return this.#store;
  }

  /** Read-only portable SQL over the ledger's tables, for read models (see {@link QueryPort}). */
  get query(): QueryPort {
    return this.#store.query;
  }

  /** Where the ledger lives (the SQLite file, a server and ledger name), for messages. */
  get location(): string {
    return this.#store.location;
  }

  /** The storage engine's name, such as `'sqlite'`. */
  get engine(): string {
    return this.#store.engine;
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
   * await ledger.execute({ type: 'ReviseDueDate', code: 'DEM1518_02', effectiveOn: '2019-07-15', to: '2020-12-31', reason: 'Land Registry timetable' });
   * ```
   */
  execute(command: CommandInput, metadata: EventMetadata = {}): Promise<AppendResult> {
    return this.executeAll([command], metadata);
  }

  /**
   * Executes several commands as one atomic append: all their events land, or none do.
   * Later commands see the effects of earlier ones in the same call.
   *
   * @example
   * ```ts
   * await ledger.executeAll([registerCommand, progressCommand], { actor: 'import', correlationId: 'q3-2023' });
   * ```
   */
  async executeAll(commands: readonly CommandInput[], metadata: EventMetadata = {}): Promise<AppendResult> {
    const validated = this.#validateCommands(commands);
    validateMetadata(metadata);
    const key = metadata.idempotencyKey;
    return this.#store.transaction(async (tx) => {
      // Checked inside the write transaction: a retry racing the first attempt must not decide again.
      const replayed = key === undefined ? undefined : await tx.replayed(key);
      if (replayed) return replayed;
      const histories = new Map<
        string,
        { history: TimelineEvent[]; read: number; pending: PendingEvent[] }
      >();
      const registering = new Map<string, string>();
      const registeringIndicators = new Map<string, string>();
      const entryOf = async (stream: string) => {
        let entry = histories.get(stream);
        if (entry === undefined) {
          const history: TimelineEvent[] = await tx.readStreamFacts(stream);
          entry = {
            history,
            read: history.length === 0 ? 0 : history[history.length - 1]!.streamVersion,
            pending: [],
          };
          histories.set(stream, entry);
        }
        return entry;
      };
      for (const command of validated) {
        if (isIndicatorCommand(command)) {
          const stream = await this.#indicatorStreamFor(tx, command, registeringIndicators);
          const entry = await entryOf(stream);
          const state = foldIndicator(entry.history);
          const events = decideIndicator(state, command, { statusKeys: this.statusKeys });
          for (const event of events) {
            entry.pending.push(event);
            entry.history.push({
              ...event,
              streamVersion: entry.read + entry.pending.length,
            } as TimelineEvent);
          }
          continue;
        }
        const stream = streamOf(command.code);
        const entry = await entryOf(stream);
        if (command.type === 'RegisterAction' && entry.history.length === 0) {
          // Codes are compared ignoring case: 'dc02' is not a second action beside 'DC02'.
          const caseKey = actionCodeKey(command.code);
          const existing = registering.get(caseKey) ?? (await this.#registeredCode(tx, command.code));
          if (existing !== undefined && existing !== command.code) {
            throw new ActionCodeTakenError(command.code, existing);
          }
          registering.set(caseKey, command.code);
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
      return tx.append(validateAppendInput(requests, metadata) as AppendRequest[], metadata, this.#hook());
    });
  }

  /**
   * Appends already-decided events to one stream with an optimistic concurrency check. Event
   * data is validated against the catalogue, but business rules other than "a registration
   * comes first" are not applied: prefer {@link Ledger.execute}.
   *
   * @example
   * ```ts
   * await ledger.append('action:FP1922_02', [{ type: 'CommentAdded', effectiveOn: '2019-06-30', data: { comment: 'Rollout in summer' } }], { expectedVersion: 4 });
   * ```
   */
  append(
    stream: string,
    events: readonly PendingEvent[],
    options: EventMetadata & { readonly expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    requireOptions(options, 'options');
    const { expectedVersion, ...metadata } = options;
    return this.appendMany(
      [{ stream, events, ...(expectedVersion === undefined ? {} : { expectedVersion }) }],
      metadata,
    );
  }

  /**
   * Appends to several streams in one transaction: every request's version check must pass, or
   * nothing is written.
   *
   * @example
   * ```ts
   * await ledger.appendMany([{ stream: 'action:A', events: [a], expectedVersion: 2 }, { stream: 'action:B', events: [b], expectedVersion: 'no-stream' }]);
   * ```
   */
  async appendMany(requests: readonly AppendRequest[], metadata: EventMetadata = {}): Promise<AppendResult> {
    // Every event against the catalogue first (all problems at once), before any lock is taken.
    const checked = validateAppendInput(requests, metadata) as AppendRequest[];
    // Without a registration there is no rule to check against the stored versions: the store's
    // append is one transaction already, so no outer one (and no savepoint inside it) is needed.
    if (
      !checked.some((request) =>
        request.events.some(
          (event) => event.type === 'ActionRegistered' || event.type === 'IndicatorRegistered',
        ),
      )
    ) {
      return this.#store.append(checked, metadata, this.#hook());
    }
    return this.#store.transaction(async (tx) => {
      await this.#checkRegistrationsComeFirst(tx, checked);
      return tx.append(checked, metadata, this.#hook());
    });
  }

  /**
   * Registers a function that runs inside every append's transaction, after the events are
   * written, with the transaction's session. Returns a function that unregisters it.
   *
   * @example
   * ```ts
   * const stop = ledger.onAppend((events) => { appended += events.length; });
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
   * for (const event of await ledger.readAction('DEM1518_02')) console.log(event.type, event.effectiveOn);
   * ```
   */
  readAction(code: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    requireString(code, 'code');
    return this.readStream(streamOf(code), options);
  }

  /**
   * The registered action code equal to `code` ignoring case ({@link actionCodeKey}), spelled
   * as it was registered; undefined when no such action exists.
   *
   * @example
   * ```ts
   * await ledger.resolveActionCode('dem1518_02'); // 'DEM1518_02'
   * ```
   */
  async resolveActionCode(code: string): Promise<string | undefined> {
    requireString(code, 'code');
    return this.#registeredCode(this.#store, code);
  }

  /** One stream's events in version order. */
  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    requireString(stream, 'stream');
    assertOptions(options, ['fromVersion', 'toVersion', 'upTo'], 'readStream options');
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
   * for await (const event of ledger.readAll({ after: checkpoint, types: ['DueDateRevised'] })) handle(event);
   * ```
   */
  readAll(options: ReadAllOptions = {}): AsyncGenerator<EventEnvelope> {
    assertOptions(options, ['after', 'upTo', 'batchSize', 'types'], 'readAll options');
    optionalCount(options.after, 'options.after');
    optionalCount(options.upTo, 'options.upTo');
    optionalCount(options.batchSize, 'options.batchSize', 1);
    if (options.types !== undefined && !(Array.isArray(options.types) && options.types.every(isEventType))) {
      throw new ValidationError('options.types must be a list of event types.', [
        { path: ['options', 'types'], message: 'must be a list of event types' },
      ]);
    }
    return flatten(this.#store.readAllBatches(options));
  }

  /**
   * Events whose effective date lies in a range, in effective-date order.
   *
   * @example
   * ```ts
   * for await (const event of ledger.readByEffectiveDate({ from: '2019-04-01', to: '2019-06-30' })) handle(event);
   * ```
   */
  readByEffectiveDate(range: EffectiveRange = {}): AsyncGenerator<EventEnvelope> {
    assertOptions(range, ['from', 'to', 'upTo', 'batchSize'], 'readByEffectiveDate range');
    optionalBusinessDate(range.from, 'range.from');
    optionalBusinessDate(range.to, 'range.to');
    optionalCount(range.upTo, 'range.upTo');
    optionalCount(range.batchSize, 'range.batchSize', 1);
    return flatten(this.#store.readByEffectiveDate(range));
  }

  /**
   * An action's state at a point on both time axes; undefined when it was not registered then.
   *
   * @example
   * ```ts
   * await ledger.getAction('1.02.20', { asAt: '2023-12-31', knownAt: '2024-01-15T23:59:59Z' });
   * ```
   */
  async getAction(code: string, asOf: AsOf = {}): Promise<ActionState | undefined> {
    requireString(code, 'code');
    assertOptions(asOf, AS_OF_KEYS, 'getAction asOf');
    const { asAt, upTo } = await this.resolveAsOf(asOf);
    return foldAction(await this.#store.readStreamFacts(streamOf(code), upTo), asAt);
  }

  /**
   * An indicator's state at a point on both time axes (`knownAt` picks what the ledger knew;
   * `asAt` keeps the facts effective by then); undefined when it is not registered. The code
   * is matched ignoring case.
   *
   * @example
   * ```ts
   * const bv12 = await ledger.getIndicator('BV12', { knownAt: '2019-08-01T00:00:00Z' });
   * bv12?.values['2019/20 Q1']?.value;
   * ```
   */
  async getIndicator(code: string, asOf: AsOf = {}): Promise<IndicatorState | undefined> {
    requireString(code, 'code');
    assertOptions(asOf, AS_OF_KEYS, 'getIndicator asOf');
    const { asAt, upTo } = await this.resolveAsOf(asOf);
    const stream = (await this.#store.streamIgnoringCase(indicatorStreamOf(code))) ?? indicatorStreamOf(code);
    return foldIndicator(await this.#store.readStreamFacts(stream, upTo), asAt);
  }

  /**
   * Every action (optionally of one plan, directorate or section) at a point on both time axes,
   * ordered by code. Streams are folded one at a time, so memory holds one action's events at once.
   *
   * @example
   * ```ts
   * await ledger.getActions({ plan: 'Corporate Plan 2018-23', asAt: '2023-12-31' });
   * ```
   */
  async getActions(query: ActionQuery = {}): Promise<ActionState[]> {
    assertOptions(query, ACTION_QUERY_KEYS, 'getActions query');
    optionalString(query.plan, 'query.plan');
    optionalString(query.directorate, 'query.directorate');
    optionalString(query.section, 'query.section');
    const { asAt, upTo } = await this.resolveAsOf({
      ...(query.asAt === undefined ? {} : { asAt: query.asAt }),
      ...(query.knownAt === undefined ? {} : { knownAt: query.knownAt }),
    });
    const states: ActionState[] = [];
    for await (const events of this.#store.readStreams({ upTo, prefix: ACTION_PREFIX })) {
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
   * The global position the ledger had reached at a recorded time: "as known at T" is "the
   * first N events". Takes what {@link AsOf}'s `knownAt` takes.
   *
   * @example
   * ```ts
   * await ledger.positionAt('2024-01-15T23:59:59Z');
   * ```
   */
  async positionAt(knownAt: KnownAt): Promise<number> {
    const meaning = knownAtMeaning(knownAt);
    return 'position' in meaning ? meaning.position : this.#store.positionAt(meaning.instant);
  }

  /**
   * Checks an {@link AsOf} and pins it to this ledger: the business date, and the position the
   * read is made at (the head when `knownAt` is omitted or lies beyond it), so that a read is
   * stable while others append. Every read model starts with it. Unknown keys are refused.
   *
   * @example
   * ```ts
   * const { asAt, upTo } = await ledger.resolveAsOf({ asAt: '2023-12-31', knownAt: '2024-01-15' });
   * ```
   */
  async resolveAsOf(asOf: AsOf = {}): Promise<ResolvedAsOf> {
    assertOptions(asOf, AS_OF_KEYS, 'asOf');
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
    const head = (await this.#store.head()).position;
    // A position beyond the head means "everything known": the log as it is now.
    const upTo = asOf.knownAt === undefined ? head : Math.min(await this.positionAt(asOf.knownAt), head);
    return { asAt, upTo };
  }

  /**
   * Runs `work` in one write transaction: reads made inside see a stable log, and every append
   * made inside commits together or not at all. Nested calls join the outer transaction.
   *
   * @example
   * ```ts
   * await ledger.transaction(async () => {
   *   const state = await ledger.getAction('FP1922_02');
   *   if (state && state.percentComplete !== 100) await ledger.execute({ type: 'UpdateProgress', code: 'FP1922_02', percentComplete: 100 });
   * });
   * ```
   */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.#store.transaction(() => work());
  }

  /** The last event's position, hash and recorded time. */
  head(): Promise<LogHead> {
    return this.#store.head();
  }

  /**
   * Walks the hash chain and reports the first break, if any.
   *
   * @example
   * ```ts
   * const result = await ledger.verify();
   * if (result.ok) console.log(`${result.count} events, head ${result.headHash}`);
   * ```
   */
  async verify(): Promise<VerifyResult> {
    let head = await this.#store.head();
    const verifier = new ChainVerifier();
    // Every stored row, not only those up to the recorded head: a row past the head (forged, or
    // renumbered beyond it) must break the chain, since reads would see it. Rows past the head
    // may also be another process's append made after the head was read: then the head moved,
    // so read it again and walk on; when it did not move, the mismatch is real.
    let after = 0;
    for (let round = 0; round < 3; round++) {
      for await (const rows of this.#store.chainRows(after, Number.MAX_SAFE_INTEGER)) {
        for (const row of rows) if (!verifier.push(row)) return verifier.finish(head);
      }
      after = verifier.position;
      if (after === head.position) break;
      const latest = await this.#store.head();
      if (latest.position === head.position && latest.hash === head.hash) break;
      head = latest;
    }
    return verifier.finish(head);
  }

  /**
   * The ledger's origin: a UUID chosen when the ledger was created. Checkpoints name it, so a
   * checkpoint of one ledger is never mistaken for a statement about another.
   *
   * @example
   * ```ts
   * await ledger.origin(); // '0f8e3c4e-2b7a-4d6f-9a51-3c2d1e0b9a87'
   * ```
   */
  origin(): Promise<string> {
    return this.#store.origin();
  }

  /** Closes the store; the ledger cannot be used afterwards. */
  close(): Promise<void> {
    return this.#store.close();
  }

  #hook(): InTransactionHook | undefined {
    const inline = this.projections.inlineHook();
    const hooks = inline === undefined ? [...this.#hooks] : [inline, ...this.#hooks];
    if (hooks.length === 0) return undefined;
    return async (events, session) => {
      for (const hook of hooks) await hook(events, session);
    };
  }

  async #registeredCode(session: StoreSession, code: string): Promise<string | undefined> {
    const stream = await session.streamIgnoringCase(streamOf(code));
    return stream?.slice(ACTION_PREFIX.length);
  }

  /** The one domain rule raw appends keep: a stream's registration is its first event, once. */
  async #checkRegistrationsComeFirst(tx: StoreSession, requests: readonly AppendRequest[]): Promise<void> {
    if (!Array.isArray(requests)) return; // the store refuses it with a ValidationError
    // Events earlier requests of this append add to each stream, before the stream is read.
    const pending = new Map<string, number>();
    const stored = new Map<string, number>();
    for (const request of requests) {
      const events = request?.events;
      if (typeof request?.stream !== 'string' || !Array.isArray(events)) continue;
      const before = pending.get(request.stream) ?? 0;
      pending.set(request.stream, before + events.length);
      if (
        !events.some((event) => event?.type === 'ActionRegistered' || event?.type === 'IndicatorRegistered')
      )
        continue;
      let version = stored.get(request.stream);
      if (version === undefined) {
        version = await tx.streamVersion(request.stream);
        stored.set(request.stream, version);
      }
      version += before;
      for (const event of events) {
        version += 1;
        if ((event?.type === 'ActionRegistered' || event?.type === 'IndicatorRegistered') && version !== 1) {
          throw new RuleViolationError(
            event.type === 'ActionRegistered' ? 'ACTION_ALREADY_REGISTERED' : 'INDICATOR_ALREADY_REGISTERED',
            `Stream '${request.stream}' already has events; ${event.type} can only be a stream's first event.`,
          );
        }
      }
    }
  }

  /**
   * The stream an indicator command goes to. Codes are compared ignoring case: a command for
   * 'bv12' goes to the registered 'BV12'; registering 'bv12' beside 'BV12', or an indicator
   * under an action's code (explain and trail take either), is refused.
   */
  async #indicatorStreamFor(
    tx: StoreSession,
    command: DatedIndicatorCommand,
    registering: Map<string, string>,
  ): Promise<string> {
    const caseKey = actionCodeKey(command.code);
    const exact = indicatorStreamOf(command.code);
    const pending = registering.get(caseKey);
    const existing = pending ?? (await tx.streamIgnoringCase(exact))?.slice(INDICATOR_STREAM_PREFIX.length);
    if (command.type !== 'RegisterIndicator') return indicatorStreamOf(existing ?? command.code);
    if (existing !== undefined && existing !== command.code) {
      throw new RuleViolationError(
        'INDICATOR_CODE_TAKEN',
        `Indicator '${command.code}' cannot be registered: '${existing}' is already registered, and codes are compared ignoring case. Use '${existing}'.`,
      );
    }
    const action = await this.#registeredCode(tx, command.code);
    if (action !== undefined) {
      throw new RuleViolationError(
        'INDICATOR_CODE_TAKEN',
        `Indicator '${command.code}' cannot be registered: '${action}' is an action's code, and explain and trail take either.`,
      );
    }
    registering.set(caseKey, command.code);
    return exact;
  }

  #validateCommands(commands: readonly CommandInput[]): (DatedCommand | DatedIndicatorCommand)[] {
    if (!Array.isArray(commands)) throw new ValidationError('executeAll takes a list of commands.');
    const today = this.today();
    const issues: { path: (string | number)[]; message: string }[] = [];
    const validated: (DatedCommand | DatedIndicatorCommand)[] = [];
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
      // A return is effective on its quarter's end, not on the day it is recorded.
      // So is a fact about an indicator's period (a value, a target, a status) on the period's.
      const effectiveOn =
        value.effectiveOn ??
        (value.type === 'RecordReturn'
          ? defaultReturnQuarterEnd(value.fy, value.quarter)
          : 'period' in value && value.period !== undefined
            ? parseIndicatorPeriod(value.period).end
            : today);
      validated.push({ ...value, effectiveOn } as DatedCommand | DatedIndicatorCommand);
    });
    if (issues.length > 0) {
      const summary = issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new ValidationError(`The command was refused; nothing was written: ${summary}`, issues);
    }
    return validated;
  }
}

/**
 * Makes a ledger over a store of any engine and brings its projections up to date (creating,
 * resuming or rebuilding them as needed; a read-only ledger only checks them). Apps on SQLite
 * use `openLedger({ file })` from `@perfledger/sqlite`, which calls this.
 *
 * @example
 * ```ts
 * const ledger = await createLedger({ store: await sqliteStore({ file: 'plan.db' }), projections: [quarterEndProjection] });
 * ```
 */
export async function createLedger(options: CreateLedgerOptions): Promise<Ledger> {
  const ledger = new Ledger(options);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    await ledger.close();
    throw new ValidationError('onProgress must be a function.', [
      { path: ['onProgress'], message: 'must be a function' },
    ]);
  }
  try {
    await ledger.projections.start(
      options.onProgress === undefined ? {} : { onProgress: options.onProgress },
    );
  } catch (error) {
    await ledger.close();
    throw error;
  }
  return ledger;
}

async function* flatten<T>(batches: AsyncIterable<readonly T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}
