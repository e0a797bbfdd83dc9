import { type BusinessDate, type CommandInput, type PendingEvent, ukFiscalCalendar } from '@perfledger/core';
import type { SeededRandom } from './random.js';

/** The actions every writer shares, registered before the writers start. */
export const SHARED_ACTIONS: readonly string[] = Object.freeze(['SHARED_01', 'SHARED_02', 'SHARED_03']);

/** The date the shared actions are registered on; every later fact is effective on or after it. */
export const SHARED_REGISTERED_ON = '2024-01-01';

const STATUSES = ['Green', 'Amber', 'Red'] as const;
const DIRECTORATES = ['Resources', 'Place', 'People', 'Corporate Services'] as const;
const FIRST_DAY = Date.UTC(2024, 3, 1);
const DAY = 86_400_000;

function dateOf(day: number): string {
  return new Date(FIRST_DAY + day * DAY).toISOString().slice(0, 10);
}

interface OwnAction {
  readonly code: string;
  progress: number;
  status: string | null;
  dueDate: string;
  closed: boolean;
}

/** The commands that register the shared actions (one batch, before any writer starts). */
export function sharedActionCommands(): CommandInput[] {
  return SHARED_ACTIONS.map((code) => ({
    type: 'RegisterAction',
    code,
    effectiveOn: SHARED_REGISTERED_ON,
    title: `Shared action ${code}`,
    plan: 'Corporate Plan 2024-27',
    directorate: 'Resources',
    section: 'Finance',
    dueDate: '2026-03-31',
    statusKey: 'rag',
  }));
}

/**
 * Realistic council-plan commands for one writer: it registers its own actions and moves them
 * through progress, status, due-date revisions, comments, closure and reopening, and comments on
 * the shared actions. It tracks its own actions' state, so every command it produces writes
 * exactly one event, and dates only move forward, so no command is refused by the rules.
 * Every command carries `note: '<batch>#<index>/<size>'`, the marker the checks find it by.
 *
 * @example
 * ```ts
 * const workload = new Workload('R1W2', seededRandom(7));
 * await ledger.executeAll(workload.batch('R1W2-b1', 5), { correlationId: 'R1W2-b1' });
 * ```
 */
export class Workload {
  readonly #prefix: string;
  readonly #random: SeededRandom;
  readonly #shared: boolean;
  readonly #own: OwnAction[] = [];
  #day = 0;

  /** With `shared: false`, only the writer's own actions are touched (the shared ones may not exist). */
  constructor(prefix: string, random: SeededRandom, options: { readonly shared?: boolean } = {}) {
    this.#prefix = prefix;
    this.#random = random;
    this.#shared = options.shared ?? true;
  }

  /** `size` commands for one `executeAll`, each writing exactly one event. */
  batch(batchId: string, size: number): CommandInput[] {
    const commands: CommandInput[] = [];
    for (let index = 0; index < size; index++) {
      commands.push(this.#command(`${batchId}#${index}/${size}`));
    }
    return commands;
  }

  /** `size` already-decided events for a raw append to a shared stream, each marked like commands. */
  rawEvents(batchId: string, size: number): PendingEvent[] {
    const events: PendingEvent[] = [];
    for (let index = 0; index < size; index++) {
      const note = `${batchId}#${index}/${size}`;
      const effectiveOn = this.#effectiveOn() as PendingEvent['effectiveOn'];
      events.push(
        this.#random.chance(0.5)
          ? { type: 'CommentAdded', effectiveOn, data: { comment: `Raw comment ${note}`, note } }
          : {
              type: 'ProgressUpdated',
              effectiveOn,
              data: { percentComplete: this.#random.int(0, 99), note },
            },
      );
    }
    return events;
  }

  #effectiveOn(): string {
    this.#day += this.#random.int(0, 2);
    return dateOf(this.#day);
  }

  #command(note: string): CommandInput {
    const random = this.#random;
    const effectiveOn = this.#effectiveOn();
    const open = this.#own.filter((action) => !action.closed);
    if (this.#own.length === 0 || (open.length < 3 && random.chance(0.5)) || random.chance(0.08)) {
      return this.#register(effectiveOn, note);
    }
    if (this.#shared && random.chance(0.2)) {
      const code = random.pick(SHARED_ACTIONS);
      return { type: 'AddComment', code, effectiveOn, comment: `Update on ${code} from ${note}`, note };
    }
    const action = random.pick(this.#own);
    if (action.closed) {
      if (random.chance(0.5)) {
        return { type: 'AddComment', code: action.code, effectiveOn, comment: 'Closed; noted.', note };
      }
      action.closed = false;
      return { type: 'ReopenAction', code: action.code, effectiveOn, reason: 'Further work agreed', note };
    }
    const roll = random.next();
    if (roll < 0.35) {
      let progress = random.int(0, 100);
      if (progress === action.progress) progress = (progress + 1) % 101;
      action.progress = progress;
      return { type: 'UpdateProgress', code: action.code, effectiveOn, percentComplete: progress, note };
    }
    if (roll < 0.55) {
      const status = random.pick(STATUSES.filter((value) => value !== action.status));
      action.status = status;
      return { type: 'ChangeStatus', code: action.code, effectiveOn, status, note };
    }
    if (roll < 0.7) {
      const day = 400 + random.int(0, 800);
      const to = dateOf(day) === action.dueDate ? dateOf(day + 1) : dateOf(day);
      action.dueDate = to;
      return {
        type: 'ReviseDueDate',
        code: action.code,
        effectiveOn,
        to,
        reason: 'Supplier delay agreed by the programme board',
        ...(random.chance(0.5) ? { approver: 'Head of Finance' } : {}),
        note,
      };
    }
    if (roll < 0.8) {
      // The quarter's return for the action, effective on the quarter end: it restates the
      // status and progress the writer last gave, changed or not, with a comment.
      const quarter = ukFiscalCalendar.quarterOf(effectiveOn as BusinessDate);
      // The statement takes effect on the quarter end, ahead of this writer's clock: the writer's
      // later commands follow it, or a change made before the quarter end would be overridden
      // there and the model of the action's state would drift from the ledger's.
      this.#day = Math.round((Date.parse(`${quarter.end}T00:00:00Z`) - FIRST_DAY) / DAY);
      return {
        type: 'RecordReturn',
        code: action.code,
        effectiveOn: quarter.end,
        fy: quarter.fy.label,
        quarter: quarter.quarter,
        status: action.status,
        percentComplete: action.progress,
        comment: `Quarterly return ${note}`,
        note,
      };
    }
    if (roll < 0.9) {
      return {
        type: 'AddComment',
        code: action.code,
        effectiveOn,
        comment: `Quarterly commentary ${note}`,
        note,
      };
    }
    action.closed = true;
    return {
      type: 'CloseAction',
      code: action.code,
      effectiveOn,
      outcome: random.chance(0.8) ? 'completed' : 'cancelled',
      note,
    };
  }

  #register(effectiveOn: string, note: string): CommandInput {
    const code = `${this.#prefix}_${String(this.#own.length + 1).padStart(3, '0')}`;
    const dueDate = dateOf(300 + this.#random.int(0, 700));
    this.#own.push({ code, progress: 0, status: null, dueDate, closed: false });
    return {
      type: 'RegisterAction',
      code,
      effectiveOn,
      title: `Deliver ${code}`,
      plan: 'Corporate Plan 2024-27',
      directorate: this.#random.pick(DIRECTORATES),
      section: 'Delivery',
      dueDate,
      statusKey: 'rag',
      note,
    };
  }
}
