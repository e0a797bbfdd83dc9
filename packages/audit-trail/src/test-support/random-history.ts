import { type CommandInput, type Ledger, LedgerError, type PendingEvent } from '@perfledger/core';
import fc from 'fast-check';
import type { ManualClock } from './test-ledger.js';

/** One step of a generated history: move the clock on, then try a command or a raw append. */
export type HistoryStep =
  | {
      readonly kind: 'command';
      readonly advanceMinutes: number;
      readonly actor: string;
      readonly command: CommandInput;
    }
  | {
      readonly kind: 'raw';
      readonly advanceMinutes: number;
      readonly actor: string;
      readonly code: string;
      readonly event: PendingEvent;
    };

const CODES = ['FP1922_02', 'DEM1518_02', '1.02.20'] as const;
const ACTORS = ['j.smith', 'finance.officer', 'import:q3.csv'] as const;
const STATUSES = ['Not Started', 'In Progress', 'warning', 'Overdue', 'Completed'] as const;

// Effective dates cluster around quarter ends and a few awkward days (31 Mar / 1 Apr, 29 Feb).
const dateArb = fc.constantFrom(
  '2019-04-01',
  '2019-06-30',
  '2019-07-01',
  '2019-07-15',
  '2019-09-30',
  '2019-12-31',
  '2020-02-29',
  '2020-03-31',
  '2020-04-01',
  '2020-06-30',
  '2020-12-31',
  '2021-03-31',
);
const textArb = fc.constantFrom(
  'Due date revised from June 2019.',
  'Implementation date delayed to September 2019',
  '=HYPERLINK("http://x")',
  'Work is ongoing, "phase 2" next',
  'line one\nline two',
);
// Two codes share most steps so that each action's history gets deep enough to reorder.
const codeArb = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(CODES[0], CODES[1]) },
  { weight: 1, arbitrary: fc.constant(CODES[2]) },
);

const commandArb: fc.Arbitrary<CommandInput> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc
      .record({
        code: codeArb,
        effectiveOn: dateArb,
        dueDate: dateArb,
        owner: fc.option(fc.constantFrom('Head of Democratic Services', 'J Smith'), { nil: undefined }),
      })
      .map(({ code, effectiveOn, dueDate, owner }) => ({
        type: 'RegisterAction' as const,
        code,
        effectiveOn,
        dueDate,
        title: `Action ${code}`,
        plan: 'Corporate Plan 2018-23',
        directorate: 'Resources',
        section: 'Democratic Services',
        statusKey: 'pentana',
        ...(owner === undefined ? {} : { owner }),
      })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({
        code: codeArb,
        effectiveOn: fc.option(dateArb, { nil: undefined }),
        percentComplete: fc.integer({ min: 0, max: 100 }),
      })
      .map((r) => ({ type: 'UpdateProgress' as const, ...withoutUndefined(r) })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        code: codeArb,
        effectiveOn: dateArb,
        status: fc.constantFrom(...STATUSES),
        // The importer's comment-as-reason: a reason, sometimes also the period's comment.
        because: fc.option(
          fc.record({ reason: textArb, reasonIsComment: fc.constantFrom(true, undefined) }),
          {
            nil: undefined,
          },
        ),
      })
      .map(({ because, ...r }) => ({
        type: 'ChangeStatus' as const,
        ...r,
        ...(because === undefined ? {} : withoutUndefined(because)),
      })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        code: codeArb,
        effectiveOn: dateArb,
        to: dateArb,
        reason: textArb,
        reasonIsComment: fc.option(fc.constant(true as const), { nil: undefined }),
        dueDateText: fc.option(fc.constantFrom('Q4', '2020/21'), { nil: undefined }),
        approver: fc.option(fc.constant('Cabinet'), { nil: undefined }),
        note: fc.option(textArb, { nil: undefined }),
      })
      .map((r) => ({ type: 'ReviseDueDate' as const, ...withoutUndefined(r) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ code: codeArb, effectiveOn: dateArb, to: dateArb, reason: textArb })
      .map((r) => ({ type: 'CorrectDueDate' as const, ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        code: codeArb,
        effectiveOn: dateArb,
        outcome: fc.constantFrom('completed' as const, 'cancelled' as const),
        reason: fc.option(textArb, { nil: undefined }),
        reasonIsComment: fc.option(fc.constant(true as const), { nil: undefined }),
      })
      .map((r) => ({ type: 'CloseAction' as const, ...withoutUndefined(r) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ code: codeArb, effectiveOn: dateArb, reason: textArb })
      .map((r) => ({ type: 'ReopenAction' as const, ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        code: codeArb,
        effectiveOn: dateArb,
        owner: fc.constantFrom('A Jones', 'J Smith'),
        section: fc.option(fc.constant('Legal'), { nil: undefined }),
      })
      .map((r) => ({ type: 'AmendActionDetails' as const, ...withoutUndefined(r) })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ code: codeArb, effectiveOn: dateArb, comment: textArb })
      .map((r) => ({ type: 'AddComment' as const, ...r })),
  },
  {
    // A quarterly return's statement (changed or not), often a correction of an earlier one.
    weight: 3,
    arbitrary: fc
      .record({
        code: codeArb,
        period: fc.constantFrom(
          { fy: '2019/20', quarter: 1 as const, effectiveOn: '2019-06-30' },
          { fy: '2019/20', quarter: 2 as const, effectiveOn: '2019-09-30' },
          { fy: '2019/20', quarter: 3 as const, effectiveOn: '2019-12-31' },
          { fy: '2019/20', quarter: 4 as const, effectiveOn: '2020-03-31' },
          { fy: '2020/21', quarter: 1 as const, effectiveOn: '2020-06-30' },
        ),
        status: fc.option(fc.constantFrom(...STATUSES), { nil: null }),
        percentComplete: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        comment: fc.option(textArb, { nil: null }),
      })
      .map(({ code, period, ...stated }) => ({ type: 'RecordReturn' as const, code, ...period, ...stated })),
  },
);

// Direct appends skip the decider: events before registration, second registrations and the
// like, which the projection must still fold exactly as core does.
const rawArb: fc.Arbitrary<{ code: string; event: PendingEvent }> = fc
  .record({
    code: codeArb,
    effectiveOn: dateArb,
    kind: fc.integer({ min: 0, max: 3 }),
    n: fc.integer({ min: 0, max: 100 }),
    other: dateArb,
  })
  .map(({ code, effectiveOn, kind, n, other }) => {
    const on = effectiveOn as PendingEvent['effectiveOn'];
    const events: PendingEvent[] = [
      { type: 'ProgressUpdated', effectiveOn: on, data: { percentComplete: n } },
      {
        type: 'ActionRegistered',
        effectiveOn: on,
        data: {
          code,
          title: `Re-registered ${code}`,
          plan: 'Plan B',
          directorate: 'Resources',
          section: 'Finance',
          dueDate: other as PendingEvent['effectiveOn'],
          statusKey: 'rag',
        },
      },
      { type: 'ActionReopened', effectiveOn: on, data: { reason: 'Reopened directly' } },
      { type: 'CommentAdded', effectiveOn: on, data: { comment: 'Same words again' } },
    ] as PendingEvent[];
    return { code, event: events[kind]! };
  });

/**
 * A random history: most actions registered first (on one of two early dates), then up to
 * `max` random steps, mostly commands with effective dates that fall before, between and after
 * one another (so back-dated corrections are common), some direct appends.
 */
export function historyArb(max = 30): fc.Arbitrary<HistoryStep[]> {
  const advanceMinutes = fc.integer({ min: 0, max: 60 * 24 * 60 });
  const actor = fc.constantFrom(...ACTORS);
  const registration = (code: string) =>
    fc
      .record({
        effectiveOn: fc.constantFrom('2019-04-01', '2019-06-30'),
        dueDate: dateArb,
        actor,
        advanceMinutes: fc.integer({ min: 0, max: 60 }),
      })
      .map(
        ({ effectiveOn, dueDate, actor, advanceMinutes }): HistoryStep => ({
          kind: 'command',
          advanceMinutes,
          actor,
          command: {
            type: 'RegisterAction',
            code,
            effectiveOn,
            dueDate,
            title: `Action ${code}`,
            plan: 'Corporate Plan 2018-23',
            directorate: 'Resources',
            section: 'Democratic Services',
            statusKey: 'pentana',
          },
        }),
      );
  const step: fc.Arbitrary<HistoryStep> = fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .record({ advanceMinutes, actor, command: commandArb })
        .map((s) => ({ kind: 'command' as const, ...s })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ advanceMinutes, actor, raw: rawArb })
        .map(({ raw, ...s }) => ({ kind: 'raw' as const, ...s, ...raw })),
    },
  );
  return fc
    .tuple(
      fc.subarray([...CODES], { minLength: 1 }).chain((codes) => fc.tuple(...codes.map(registration))),
      fc.array(step, { minLength: 1, maxLength: max }),
    )
    .map(([registrations, steps]) => [...registrations, ...steps]);
}

/** Plays a history; refused commands (rule violations, as in real use) are skipped. */
export async function playHistory(
  ledger: Ledger,
  clock: ManualClock,
  steps: readonly HistoryStep[],
): Promise<void> {
  for (const [index, step] of steps.entries()) {
    clock.advance(step.advanceMinutes * 60_000);
    const metadata = { actor: step.actor, source: 'test', correlationId: `step-${index}` };
    try {
      if (step.kind === 'command') await ledger.execute(step.command, metadata);
      else await ledger.append(`action:${step.code}`, [step.event], metadata);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
    }
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
