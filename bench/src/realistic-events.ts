import type { AppendRequest, BusinessDate, PendingEvent } from '@perfledger/core';
import { createRandom, type Random } from './random.js';
import {
  APPROVERS,
  CODE_PREFIXES,
  DIRECTORATES,
  OWNERS,
  PENTANA_STATUSES,
  PLANS,
  SECTIONS,
  SEED_ACTIONS,
  SEED_COMMENTS,
  SEED_REASONS,
} from './seed-text.js';

/** Bump when the events generated for a given seed change: cached ledgers are then rebuilt. */
export const GENERATOR_VERSION = 1;

const DAY_MS = 86_400_000;
/** 1 April 2016, the start of FY 2016/17: the first round of updates. */
const FIRST_ROUND_DAY = Date.UTC(2016, 3, 1) / DAY_MS;
/** Every workload spans about eight financial years, whatever its events per action. */
const SPAN_DAYS = 3_000;

/** One event of a round, for one action, with the stream version it will take. */
export interface PlannedEvent {
  readonly code: string;
  readonly stream: string;
  /** The stream's version before this event: the expected version of a single append. */
  readonly expectedVersion: number;
  readonly event: PendingEvent;
}

/** The shape of a generated workload. */
export interface WorkloadShape {
  readonly actions: number;
  readonly eventsPerAction: number;
  readonly seed?: number;
}

interface ActionProgress {
  readonly code: string;
  readonly stream: string;
  version: number;
  registeredDay: number;
  dueDay: number;
  percent: number;
  closed: boolean;
}

/**
 * Deterministic council-style events: each round gives every action one event (a registration
 * first, then progress, status, comments, due-date revisions, closures and reopenings, amended
 * owners), with the seeds' real titles and comments as payloads. Effective dates follow the
 * rounds, a few back-dated by weeks as late corrections are; {@link RealisticEvents.recordedAt}
 * gives a clock that records each round shortly after its effective dates, so that "as known
 * at T" has a meaning in a generated ledger.
 *
 * @example
 * ```ts
 * const events = new RealisticEvents({ actions: 1_000, eventsPerAction: 100 });
 * for (const round of events.rounds()) ledger.appendMany(round.map(toRequest));
 * ```
 */
export class RealisticEvents {
  readonly shape: Required<WorkloadShape>;
  readonly #random: Random;
  readonly #actions: ActionProgress[];
  readonly #daysPerRound: number;
  #round = 0;

  constructor(shape: WorkloadShape) {
    this.shape = { seed: 20_190_930, ...shape };
    this.#random = createRandom(this.shape.seed);
    this.#daysPerRound = Math.max(1, Math.floor(SPAN_DAYS / shape.eventsPerAction));
    this.#actions = Array.from({ length: shape.actions }, (_, i) => {
      const code = actionCode(i, shape.actions);
      return {
        code,
        stream: `action:${code}`,
        version: 0,
        registeredDay: 0,
        dueDay: 0,
        percent: 0,
        closed: false,
      };
    });
  }

  /** The action codes, in generation order. */
  get codes(): readonly string[] {
    return this.#actions.map((action) => action.code);
  }

  /** The total number of events the workload holds. */
  get total(): number {
    return this.shape.actions * this.shape.eventsPerAction;
  }

  /** The business day (days since the epoch) a round's updates are written for. */
  roundDay(round: number): number {
    return FIRST_ROUND_DAY + round * this.#daysPerRound;
  }

  /** The number of the round {@link RealisticEvents.nextRound} returns next. */
  get round(): number {
    return this.#round;
  }

  /** A ledger clock that stands still at ten days after the current round's date (the ledger adds microseconds). */
  recordedAt(): () => Date {
    return () => new Date((this.roundDay(this.#round - 1) + 10) * DAY_MS + 9 * 3_600_000);
  }

  /** Every round, lazily: `eventsPerAction` rounds of one event for each action. */
  *rounds(): Generator<PlannedEvent[]> {
    while (this.#round < this.shape.eventsPerAction) yield this.nextRound();
  }

  /** The next round: one event for each action. */
  nextRound(): PlannedEvent[] {
    const round = this.#round;
    this.#round += 1;
    const day = this.roundDay(round);
    return this.#actions.map((action) => {
      const event = round === 0 ? this.#register(action, day) : this.#update(action, day);
      const planned = { code: action.code, stream: action.stream, expectedVersion: action.version, event };
      action.version += 1;
      return planned;
    });
  }

  #register(action: ActionProgress, day: number): PendingEvent {
    const r = this.#random;
    const seed = r.pick(SEED_ACTIONS);
    action.registeredDay = day - r.int(0, 180);
    action.dueDay = action.registeredDay + r.int(180, 1_200);
    return {
      type: 'ActionRegistered',
      effectiveOn: dateOf(action.registeredDay),
      data: {
        code: action.code,
        title: seed.title,
        description: seed.description,
        plan: r.pick(PLANS),
        directorate: r.pick(DIRECTORATES),
        section: r.pick(SECTIONS),
        owner: r.pick(OWNERS),
        dueDate: dateOf(action.dueDay),
        statusKey: 'pentana',
      },
    } as PendingEvent;
  }

  #update(action: ActionProgress, day: number): PendingEvent {
    const r = this.#random;
    // Most updates are written for the round's quarter end, give or take; some are late
    // corrections, back-dated by weeks.
    const back = r.chance(0.05) ? r.int(20, 60) : r.int(0, 10);
    const effectiveOn = dateOf(Math.max(action.registeredDay, day - back));
    const note = r.chance(0.15) ? { note: r.pick(SEED_COMMENTS) } : {};
    if (action.closed) {
      action.closed = false;
      return {
        type: 'ActionReopened',
        effectiveOn,
        data: { reason: r.pick(SEED_REASONS), ...note },
      } as PendingEvent;
    }
    const roll = r.next();
    if (roll < 0.34) {
      return {
        type: 'CommentAdded',
        effectiveOn,
        data: { comment: r.pick(SEED_COMMENTS), ...note },
      } as PendingEvent;
    }
    if (roll < 0.62) {
      action.percent = action.percent >= 95 ? r.int(5, 50) : Math.min(99, action.percent + r.int(1, 15));
      return {
        type: 'ProgressUpdated',
        effectiveOn,
        data: { percentComplete: action.percent, ...note },
      } as PendingEvent;
    }
    if (roll < 0.8) {
      return {
        type: 'StatusChanged',
        effectiveOn,
        data: { status: r.pick(PENTANA_STATUSES), ...note },
      } as PendingEvent;
    }
    if (roll < 0.88) {
      const from = action.dueDay;
      action.dueDay = from + r.int(30, 180);
      const approval = r.chance(0.6)
        ? { approver: r.pick(APPROVERS), approvalReference: `Minute ${r.int(1, 120)}/${2016 + r.int(0, 8)}` }
        : {};
      return {
        type: 'DueDateRevised',
        effectiveOn,
        data: {
          from: dateOf(from),
          to: dateOf(action.dueDay),
          reason: r.pick(SEED_REASONS),
          ...approval,
          ...note,
        },
      } as PendingEvent;
    }
    if (roll < 0.92) {
      action.closed = true;
      return {
        type: 'ActionClosed',
        effectiveOn,
        data: { outcome: r.chance(0.85) ? 'completed' : 'cancelled', ...note },
      } as PendingEvent;
    }
    return {
      type: 'ActionDetailsAmended',
      effectiveOn,
      data: r.chance(0.5) ? { owner: r.pick(OWNERS), ...note } : { section: r.pick(SECTIONS), ...note },
    } as PendingEvent;
  }
}

/** Codes as councils print them ("RBCS1922_017"), unique within the workload. */
function actionCode(index: number, actions: number): string {
  const prefix = CODE_PREFIXES[index % CODE_PREFIXES.length]!;
  const digits = String(Math.ceil(actions / CODE_PREFIXES.length)).length;
  return `${prefix}1922_${String(Math.floor(index / CODE_PREFIXES.length) + 1).padStart(digits, '0')}`;
}

function dateOf(day: number): BusinessDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10) as BusinessDate;
}

/**
 * The append request for one planned event, with its exact expected version.
 *
 * @example
 * ```ts
 * ledger.appendMany(round.map(toRequest));
 * ```
 */
export function toRequest(planned: PlannedEvent): AppendRequest {
  return {
    stream: planned.stream,
    events: [planned.event],
    expectedVersion: planned.expectedVersion === 0 ? 'no-stream' : planned.expectedVersion,
  };
}
