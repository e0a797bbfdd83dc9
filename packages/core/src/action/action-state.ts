import type { BusinessDate } from '../time/index.js';

/** How and when a closed action was closed. */
export interface ActionClosure {
  readonly outcome: 'completed' | 'cancelled';
  readonly effectiveOn: BusinessDate;
}

/** The latest commentary on an action and the date it speaks for. */
export interface ActionComment {
  readonly text: string;
  readonly effectiveOn: BusinessDate;
}

/**
 * What is true of one action at some point on both time axes, folded from its events.
 *
 * @example
 * ```ts
 * const state = ledger.getAction('DEM1518_02', { asAt: '2023-12-31' });
 * state?.originalDueDate; // never lost, however often the due date moved
 * ```
 */
export interface ActionState {
  readonly code: string;
  readonly stream: string;
  readonly title: string;
  readonly description: string | null;
  readonly plan: string;
  readonly directorate: string;
  readonly section: string;
  readonly owner: string | null;
  readonly statusKey: string;
  readonly registeredOn: BusinessDate;
  /** The due date the action was registered with. */
  readonly originalDueDate: BusinessDate;
  readonly dueDate: BusinessDate;
  readonly dueDateRevisions: number;
  /** The % complete last reported, 0 to 100; null until one is reported (unknown, never 0). */
  readonly percentComplete: number | null;
  /** The officer-reported status, a value of `statusKey`; null until first reported. */
  readonly status: string | null;
  readonly closed: ActionClosure | null;
  readonly lastComment: ActionComment | null;
  /** The number of events folded into this state. */
  readonly eventCount: number;
  /** The highest stream version folded into this state. */
  readonly version: number;
  /** The latest effective date among the folded events. */
  readonly lastEffectiveOn: BusinessDate;
}

/**
 * The stream that holds an action's events.
 *
 * @example
 * ```ts
 * streamOf('FP1922_02') // 'action:FP1922_02'
 * ```
 */
export function streamOf(code: string): string {
  return `action:${code}`;
}
