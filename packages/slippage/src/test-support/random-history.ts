import {
  addDays,
  type BusinessDate,
  type Ledger,
  LedgerError,
  parseBusinessDate,
  ukFiscalCalendar,
} from '@perfledger/core';
import fc from 'fast-check';
import type { TestClock } from './test-ledger.js';

export const CODES = ['FP1922_02', 'DEM1518_02', 'RBCS1620_05', '1.02.20'] as const;
const PLANS = ['Corporate Plan 2018-23', 'Promoting Prosperity PDP 2019-20'] as const;
const DIRECTORATES = ['Finance Services', 'Legal Services', 'Administrative Services'] as const;
const ACTORS = ['j.smith', 'finance.officer', 'import:q3.csv', undefined] as const;
const BASE = parseBusinessDate('2019-04-01');

/** A day as an offset from 1 April 2019, so shrinking moves dates towards a fixed point. */
export const dayOf = (offset: number): BusinessDate => addDays(BASE, offset);

/** One thing that happens to a ledger in a generated history. */
export type HistoryStep =
  | {
      readonly kind: 'register';
      readonly code: string;
      readonly eff: number;
      readonly due: number;
      readonly plan: string;
      readonly directorate: string;
      readonly actor: string | undefined;
    }
  | {
      readonly kind: 'revise';
      readonly code: string;
      readonly eff: number;
      readonly to: number;
      /** Raw appends bypass the decider: back-dated revisions that contradict later ones, any `from`. */
      readonly raw: boolean;
      readonly from: number;
      readonly approver: string | undefined;
      readonly actor: string | undefined;
    }
  | {
      readonly kind: 'amend';
      readonly code: string;
      readonly eff: number;
      readonly plan: string | undefined;
      readonly directorate: string | undefined;
      readonly title: string | undefined;
      readonly actor: string | undefined;
    }
  | { readonly kind: 'progress'; readonly code: string; readonly eff: number; readonly percent: number }
  | { readonly kind: 'close'; readonly code: string; readonly eff: number }
  | { readonly kind: 'reopen'; readonly code: string; readonly eff: number }
  /** A quarterly return's statement for the quarter holding `eff` (it never moves a due date). */
  | { readonly kind: 'return'; readonly code: string; readonly eff: number; readonly percent: number | null }
  | { readonly kind: 'wait'; readonly hours: number };

const code = fc.constantFrom(...CODES);
const eff = fc.integer({ min: 0, max: 1_200 });
const actor = fc.constantFrom(...ACTORS);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const step: fc.Arbitrary<HistoryStep> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('register' as const),
      code,
      eff: fc.integer({ min: 0, max: 300 }),
      due: eff,
      plan: fc.constantFrom(...PLANS),
      directorate: fc.constantFrom(...DIRECTORATES),
      actor,
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('revise' as const),
      code,
      eff,
      to: eff,
      raw: fc.boolean(),
      from: eff,
      approver: maybe(fc.constantFrom('Cabinet', 'Policy and Performance Committee')),
      actor,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('amend' as const),
      code,
      eff,
      plan: maybe(fc.constantFrom(...PLANS)),
      directorate: maybe(fc.constantFrom(...DIRECTORATES)),
      title: maybe(fc.constantFrom('Widen the use of e-forms', 'Transfer of Land Charges')),
      actor,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('progress' as const),
      code,
      eff,
      percent: fc.integer({ min: 0, max: 100 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), code, eff }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), code, eff }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      code,
      eff,
      percent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      hours: fc.integer({ min: 1, max: 24 * 120 }),
    }),
  },
);

const registration = (item: string): fc.Arbitrary<HistoryStep> =>
  fc.record({
    kind: fc.constant('register' as const),
    code: fc.constant(item),
    eff: fc.integer({ min: 0, max: 120 }),
    due: eff,
    plan: fc.constantFrom(...PLANS),
    directorate: fc.constantFrom(...DIRECTORATES),
    actor,
  });

/**
 * Random histories: most actions registered up front, then revisions (back-dated, raw and
 * contradictory ones too), amendments, closures and unrelated events, with time passing.
 */
export const historyArbitrary: fc.Arbitrary<readonly HistoryStep[]> = fc
  .tuple(
    fc
      .uniqueArray(fc.constantFrom(...CODES), { minLength: 1, maxLength: CODES.length })
      .chain((codes) => fc.tuple(...codes.map(registration))),
    fc.array(step, { minLength: 3, maxLength: 40 }),
  )
  .map(([registrations, steps]) => [...registrations, ...steps]);

const REFUSALS = new Set(['RULE_VIOLATION', 'UNKNOWN_ACTION', 'ACTION_CLOSED']);

/**
 * Applies one step; commands the rules refuse are skipped, as a user would see them refused.
 * Returns true when something was written.
 */
export async function applyStep(ledger: Ledger, clock: TestClock, item: HistoryStep): Promise<boolean> {
  if (item.kind === 'wait') {
    clock.advance(item.hours * 3_600_000);
    return false;
  }
  try {
    if (item.kind === 'revise' && item.raw) {
      const result = await ledger.append(
        `action:${item.code}`,
        [
          {
            type: 'DueDateRevised',
            effectiveOn: dayOf(item.eff),
            data: {
              from: dayOf(item.from),
              to: dayOf(item.to),
              reason: 'Raw correction',
              ...(item.approver === undefined
                ? {}
                : { approver: item.approver, approvalReference: 'CAB/42' }),
            },
          },
        ],
        { actor: item.actor },
      );
      return result.lastPosition > 0;
    }
    const result = await ledger.execute(commandOf(item), { actor: 'actor' in item ? item.actor : 'officer' });
    return result.lastPosition > 0;
  } catch (error) {
    if (error instanceof LedgerError && REFUSALS.has(error.code)) return false;
    throw error;
  }
}

function commandOf(item: Exclude<HistoryStep, { kind: 'wait' }>) {
  const effectiveOn = dayOf(item.eff);
  switch (item.kind) {
    case 'register':
      return {
        type: 'RegisterAction' as const,
        code: item.code,
        effectiveOn,
        title: `Action ${item.code}`,
        plan: item.plan,
        directorate: item.directorate,
        section: 'Section',
        dueDate: dayOf(item.due),
        statusKey: 'pentana',
      };
    case 'revise':
      return {
        type: 'ReviseDueDate' as const,
        code: item.code,
        effectiveOn,
        to: dayOf(item.to),
        reason: 'Revised timescale agreed',
        ...(item.approver === undefined ? {} : { approver: item.approver }),
      };
    case 'amend': {
      const changes = {
        ...(item.plan === undefined ? {} : { plan: item.plan }),
        ...(item.directorate === undefined ? {} : { directorate: item.directorate }),
        ...(item.title === undefined ? {} : { title: item.title }),
      };
      return { type: 'AmendActionDetails' as const, code: item.code, effectiveOn, ...changes };
    }
    case 'progress':
      return { type: 'UpdateProgress' as const, code: item.code, effectiveOn, percentComplete: item.percent };
    case 'close':
      return { type: 'CloseAction' as const, code: item.code, effectiveOn, outcome: 'completed' as const };
    case 'reopen':
      return { type: 'ReopenAction' as const, code: item.code, effectiveOn, reason: 'More work needed' };
    case 'return': {
      const quarter = ukFiscalCalendar.quarterOf(effectiveOn);
      return {
        type: 'RecordReturn' as const,
        code: item.code,
        effectiveOn: quarter.end,
        fy: quarter.fy.label,
        quarter: quarter.quarter,
        percentComplete: item.percent,
      };
    }
  }
}

/** Applies a whole history; returns how many steps wrote something. */
export async function applyHistory(
  ledger: Ledger,
  clock: TestClock,
  steps: readonly HistoryStep[],
): Promise<number> {
  let written = 0;
  for (const item of steps) if (await applyStep(ledger, clock, item)) written += 1;
  return written;
}
