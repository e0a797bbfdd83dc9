import {
  addDays,
  approveReturn,
  type BusinessDate,
  type Ledger,
  LedgerError,
  type PendingEvent,
  parseBusinessDate,
  submitReturn,
  ukFiscalCalendar,
} from '@perfledger/core';
import type { SteppingClock } from '@perfledger/core/testing';
import fc from 'fast-check';

export const CODES = ['FP1922_02', 'DEM1518_02', 'RBCS1620_05', '1.02.20'] as const;
const PLANS = ['Corporate Plan 2018-23', 'Promoting Prosperity PDP 2019-20'] as const;
const DIRECTORATES = ['Finance Services', 'Legal Services'] as const;
const SECTIONS = ['Revenues', 'Democratic Services', 'ICT'] as const;
const KEYS = ['rag', 'pentana', 'delivery-plan'] as const;
const STATUSES = [
  'Green',
  'Amber',
  'Red',
  'Complete',
  'Not Started',
  'In Progress',
  'Warning',
  'Overdue',
  'Completed',
  'Cancelled',
  'Slightly behind',
  'Behind > 1 quarter',
  'To be closed',
] as const;
const ACTORS = ['j.smith', 'finance.officer', 'import:q3.csv', undefined] as const;
const BASE = parseBusinessDate('2022-01-01');

/** A day as an offset from 1 January 2022; the range covers FY 2021/22 to 2025/26 and 29 Feb 2024. */
export const dayOf = (offset: number): BusinessDate => addDays(BASE, offset);

/** Quarter boundaries and leap day, where off-by-one errors live. */
const EDGES = [
  '2023-03-31',
  '2023-04-01',
  '2023-12-31',
  '2024-01-01',
  '2024-02-29',
  '2024-03-31',
  '2024-04-01',
].map((date) => Math.round((Date.parse(date) - Date.parse('2022-01-01')) / 86_400_000));

/** One thing that happens to a ledger in a generated history. */
export type HistoryStep =
  | {
      readonly kind: 'register';
      readonly code: string;
      readonly eff: number;
      readonly due: number;
      readonly plan: string;
      readonly directorate: string;
      readonly section: string;
      readonly statusKey: string;
      readonly owner: string | undefined;
    }
  | { readonly kind: 'progress'; readonly code: string; readonly eff: number; readonly percent: number }
  // `comment`: the officer's comment given as the change's reason (as the importer records it).
  | {
      readonly kind: 'status';
      readonly code: string;
      readonly eff: number;
      readonly status: string;
      readonly comment?: string | undefined;
    }
  | {
      readonly kind: 'revise';
      readonly code: string;
      readonly eff: number;
      readonly to: number;
      readonly dueDateText?: string | undefined;
    }
  | {
      readonly kind: 'close';
      readonly code: string;
      readonly eff: number;
      readonly cancelled: boolean;
      readonly comment?: string | undefined;
    }
  | { readonly kind: 'reopen'; readonly code: string; readonly eff: number }
  | {
      readonly kind: 'amend';
      readonly code: string;
      readonly eff: number;
      readonly plan: string | undefined;
      readonly section: string | undefined;
      readonly description: string | undefined;
    }
  | { readonly kind: 'comment'; readonly code: string; readonly eff: number; readonly text: string }
  /** A quarterly return's statement for the quarter holding `eff`, on that quarter's end. */
  | {
      readonly kind: 'return';
      readonly code: string;
      readonly eff: number;
      readonly status: string | null;
      readonly percent: number | null;
      readonly comment: string | null;
    }
  /** A plan's return for the quarter holding `eff` submitted, or approved. */
  | {
      readonly kind: 'signoff';
      readonly plan: string;
      readonly eff: number;
      readonly approve: boolean;
      readonly actor: string;
    }
  /** Appended without the decider: duplicate registrations, events before registration, anything. */
  | {
      readonly kind: 'raw';
      readonly code: string;
      readonly eff: number;
      readonly event: number;
      readonly value: number;
    }
  | { readonly kind: 'wait'; readonly hours: number };

const code = fc.constantFrom(...CODES);
const eff = fc.oneof(fc.integer({ min: 0, max: 1_600 }), fc.constantFrom(...EDGES));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const registerOf = (codeArb: fc.Arbitrary<string>) =>
  fc.record({
    kind: fc.constant('register' as const),
    code: codeArb,
    eff: fc.integer({ min: 0, max: 600 }),
    due: eff,
    plan: fc.constantFrom(...PLANS),
    directorate: fc.constantFrom(...DIRECTORATES),
    section: fc.constantFrom(...SECTIONS),
    statusKey: fc.constantFrom(...KEYS),
    owner: maybe(fc.constantFrom('Head of Finance', 'Chief Executive')),
  });
const register = registerOf(code);

const step: fc.Arbitrary<HistoryStep> = fc.oneof(
  { weight: 1, arbitrary: register },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('progress' as const),
      code,
      eff,
      percent: fc.integer({ min: 0, max: 100 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      code,
      eff,
      status: fc.constantFrom(...STATUSES),
      comment: maybe(fc.constantFrom('Awaiting funding.', 'Work is ongoing.')),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('revise' as const),
      code,
      eff,
      to: eff,
      dueDateText: maybe(fc.constantFrom('Q4', '2020/21')),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('close' as const),
      code,
      eff,
      cancelled: fc.boolean(),
      comment: maybe(fc.constantFrom('Handed over.', 'No longer needed.')),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), code, eff }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('amend' as const),
      code,
      eff,
      plan: maybe(fc.constantFrom(...PLANS)),
      section: maybe(fc.constantFrom(...SECTIONS)),
      description: maybe(fc.constantFrom('Phase 2', 'Revised scope')),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('comment' as const),
      code,
      eff,
      text: fc.constantFrom('Work is ongoing.', 'Rollout took place in summer.', 'Delayed pending funding.'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      code,
      eff,
      event: fc.integer({ min: 0, max: 4 }),
      value: fc.integer({ min: 0, max: 100 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      code,
      eff,
      status: fc.option(fc.constantFrom(...STATUSES), { nil: null }),
      percent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      comment: fc.option(fc.constantFrom('Restated unchanged.', 'Delayed pending funding.'), { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('signoff' as const),
      plan: fc.constantFrom(...PLANS),
      eff,
      approve: fc.boolean(),
      actor: fc.constantFrom('j.smith', 'head.of.service'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 2_000 }) }),
  },
);

/** A history: a few registrations first (so most later steps apply), then anything. */
export const historyArb: fc.Arbitrary<readonly HistoryStep[]> = fc
  .subarray([...CODES], { minLength: 2 })
  .chain((codes) =>
    fc.tuple(
      fc.tuple(...codes.map((c) => registerOf(fc.constant(c)))),
      fc.array(step, { minLength: 5, maxLength: 40, size: 'max' }),
    ),
  )
  .map(([registrations, steps]) => [...registrations, ...steps]);

function rawEvent(step: Extract<HistoryStep, { kind: 'raw' }>): PendingEvent {
  const effectiveOn = dayOf(step.eff);
  switch (step.event) {
    case 0:
      return {
        type: 'ActionRegistered',
        effectiveOn,
        data: {
          code: step.code,
          title: `Re-registered ${step.code}`,
          plan: PLANS[step.value % PLANS.length]!,
          directorate: DIRECTORATES[step.value % DIRECTORATES.length]!,
          section: SECTIONS[step.value % SECTIONS.length]!,
          dueDate: dayOf(step.value * 10),
          statusKey: 'rag',
        },
      };
    case 1:
      return { type: 'ProgressUpdated', effectiveOn, data: { percentComplete: step.value } };
    case 2:
      return {
        type: 'ActionClosed',
        effectiveOn,
        data: { outcome: step.value % 2 === 0 ? 'completed' : 'cancelled' },
      };
    case 3:
      return { type: 'ActionReopened', effectiveOn, data: { reason: 'Raw reopen' } };
    default:
      return {
        type: 'StatusChanged',
        effectiveOn,
        data: { status: STATUSES[step.value % STATUSES.length]! },
      };
  }
}

/**
 * Plays a history into a ledger through its commands (and raw appends for `raw` steps). Steps the
 * ledger refuses are skipped, as a user's refused command would be. Returns the number applied.
 */
export async function playHistory(
  ledger: Ledger,
  clock: SteppingClock,
  steps: readonly HistoryStep[],
): Promise<number> {
  let applied = 0;
  for (const [index, step] of steps.entries()) {
    if (step.kind === 'wait') {
      clock.jumpTo(new Date(clock.peek().getTime() + step.hours * 3_600_000).toISOString());
      continue;
    }
    const meta = { actor: ACTORS[index % ACTORS.length] };
    const effectiveOn = dayOf(step.eff);
    try {
      switch (step.kind) {
        case 'register':
          await ledger.execute(
            {
              type: 'RegisterAction',
              code: step.code,
              effectiveOn,
              title: `Action ${step.code}`,
              plan: step.plan,
              directorate: step.directorate,
              section: step.section,
              dueDate: dayOf(step.due),
              statusKey: step.statusKey,
              ...(step.owner === undefined ? {} : { owner: step.owner }),
            },
            meta,
          );
          break;
        case 'progress':
          await ledger.execute(
            { type: 'UpdateProgress', code: step.code, effectiveOn, percentComplete: step.percent },
            meta,
          );
          break;
        case 'status':
          await ledger.execute(
            {
              type: 'ChangeStatus',
              code: step.code,
              effectiveOn,
              status: step.status,
              ...(step.comment === undefined ? {} : { reason: step.comment, reasonIsComment: true }),
            },
            meta,
          );
          break;
        case 'revise':
          await ledger.execute(
            {
              type: 'ReviseDueDate',
              code: step.code,
              effectiveOn,
              to: dayOf(step.to),
              ...(step.dueDateText === undefined ? {} : { dueDateText: step.dueDateText }),
              reason: 'Revised timescale',
            },
            meta,
          );
          break;
        case 'close':
          await ledger.execute(
            {
              type: 'CloseAction',
              code: step.code,
              effectiveOn,
              outcome: step.cancelled ? 'cancelled' : 'completed',
              ...(step.comment === undefined ? {} : { reason: step.comment, reasonIsComment: true }),
            },
            meta,
          );
          break;
        case 'reopen':
          await ledger.execute(
            { type: 'ReopenAction', code: step.code, effectiveOn, reason: 'More to do' },
            meta,
          );
          break;
        case 'amend':
          await ledger.execute(
            {
              type: 'AmendActionDetails',
              code: step.code,
              effectiveOn,
              ...(step.plan === undefined ? {} : { plan: step.plan }),
              ...(step.section === undefined ? {} : { section: step.section }),
              ...(step.description === undefined ? {} : { description: step.description }),
            },
            meta,
          );
          break;
        case 'comment':
          await ledger.execute(
            { type: 'AddComment', code: step.code, effectiveOn, comment: step.text },
            meta,
          );
          break;
        case 'raw':
          await ledger.append(`action:${step.code}`, [rawEvent(step)], meta);
          break;
        case 'return': {
          const quarter = ukFiscalCalendar.quarterOf(effectiveOn);
          await ledger.execute(
            {
              type: 'RecordReturn',
              code: step.code,
              effectiveOn: quarter.end,
              fy: quarter.fy.label,
              quarter: quarter.quarter,
              status: step.status,
              percentComplete: step.percent,
              comment: step.comment,
            },
            meta,
          );
          break;
        }
        case 'signoff': {
          const quarter = ukFiscalCalendar.quarterOf(effectiveOn);
          const which = {
            fy: quarter.fy.label,
            quarter: quarter.quarter,
            plan: step.plan,
            actor: step.actor,
          };
          await (step.approve ? approveReturn(ledger, which) : submitReturn(ledger, which));
          break;
        }
      }
      applied += 1;
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
    }
  }
  return applied;
}
