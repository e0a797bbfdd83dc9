import {
  BUSINESS_DATE_RANGE,
  type BusinessDate,
  type CommandInput,
  type Ledger,
  LedgerError,
} from '@perfledger/core';
import { appendAsOlderBuild, type OlderBuildEvent } from '@perfledger/sqlite/testing';
import fc from 'fast-check';

// Modelled on the slippage and quarter-end packages' random histories (same step kinds, same
// "refused by a rule is skipped" rule), but over dates spanning the whole business-date range,
// with its edges, leap days and fiscal-year edges drawn often, plus the due-date correction and,
// optionally, events an older build wrote with dates outside the range.

export const CODES = ['A1', 'B2', 'C3'] as const;

/** Dates the calendar and the renderers find hardest: range edges, 29 Feb, 31 Mar / 1 Apr, month starts. */
export const EDGE_DATES: readonly BusinessDate[] = [
  BUSINESS_DATE_RANGE.min,
  BUSINESS_DATE_RANGE.max,
  '1900-02-28',
  '1900-03-01',
  '2000-02-29',
  '2024-02-29',
  '2096-02-29',
  '2024-03-31',
  '2024-04-01',
  '2023-12-31',
  '2024-01-01',
  '2199-11-30',
  '2199-12-01',
  '1900-12-31',
  '2019-06-30',
  '2019-09-30',
] as BusinessDate[];

/** Any date a command may carry: anywhere in the range, the edges often. */
export const anyWritableDate: fc.Arbitrary<BusinessDate> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2199-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((instant) => instant.toISOString().slice(0, 10) as BusinessDate),
  },
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_DATES) },
);

/** Dates an older build accepted: anywhere in years 1–9999, the "no end date" markers often. */
const anyLegacyDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0001-01-01', '0001-03-31', '1899-12-30', '9999-12-31', '9999-01-01', '2200-01-01'),
  fc
    .date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((instant) => instant.toISOString().slice(0, 10)),
);

const code = fc.constantFrom(...CODES);
const date = anyWritableDate;

/** One accepted-or-refused command of a generated history. */
export const commandArbitrary: fc.Arbitrary<CommandInput> = fc.oneof(
  fc.record({
    type: fc.constant('RegisterAction' as const),
    code,
    effectiveOn: date,
    title: fc.constantFrom('Widen e-forms', 'Land charges'),
    plan: fc.constantFrom('Plan A', 'Plan B'),
    directorate: fc.constantFrom('Resources', 'Place'),
    section: fc.constant('Finance'),
    dueDate: date,
    statusKey: fc.constantFrom('rag', 'pentana'),
  }),
  fc.record({
    type: fc.constant('ReviseDueDate' as const),
    code,
    effectiveOn: date,
    to: date,
    reason: fc.constant('Revised timescale'),
  }),
  fc.record({
    type: fc.constant('CorrectDueDate' as const),
    code,
    effectiveOn: date,
    to: date,
    reason: fc.constant('Recorded wrongly'),
  }),
  fc.record({
    type: fc.constant('UpdateProgress' as const),
    code,
    effectiveOn: date,
    percentComplete: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({
    type: fc.constant('ChangeStatus' as const),
    code,
    effectiveOn: date,
    status: fc.constantFrom('Green', 'Amber', 'Red', 'Overdue', 'In Progress'),
  }),
  fc.record({
    type: fc.constant('CloseAction' as const),
    code,
    effectiveOn: date,
    outcome: fc.constantFrom('completed' as const, 'cancelled' as const),
  }),
  fc.record({
    type: fc.constant('ReopenAction' as const),
    code,
    effectiveOn: date,
    reason: fc.constant('More'),
  }),
  fc.record({
    type: fc.constant('AmendActionDetails' as const),
    code,
    effectiveOn: date,
    plan: fc.constant('Plan C'),
  }),
  fc.record({
    type: fc.constant('AddComment' as const),
    code,
    effectiveOn: date,
    comment: fc.constant('Note'),
  }),
) as fc.Arbitrary<CommandInput>;

/** Events as an older build could have written them, with due and effective dates anywhere in 1–9999. */
export const legacyEventsArbitrary: fc.Arbitrary<OlderBuildEvent[]> = fc
  .uniqueArray(code, { minLength: 0, maxLength: 2 })
  .chain((codes) =>
    fc.tuple(
      ...codes.map((item) =>
        fc
          .record({ due: anyLegacyDate, eff: anyLegacyDate, to: anyLegacyDate, revised: fc.boolean() })
          .map(({ due, eff, to, revised }): OlderBuildEvent[] => [
            {
              stream: `action:${item}`,
              type: 'ActionRegistered',
              effectiveOn: eff,
              data: {
                code: item,
                title: 'Legacy',
                plan: 'Plan A',
                directorate: 'Resources',
                section: 'Finance',
                dueDate: due,
                statusKey: 'rag',
              },
            },
            ...(revised
              ? [
                  {
                    stream: `action:${item}`,
                    type: 'DueDateRevised' as const,
                    effectiveOn: eff,
                    data: { from: due, to, reason: 'legacy' },
                  },
                ]
              : []),
          ]),
      ),
    ),
  )
  .map((groups) => groups.flat());

const REFUSALS = new Set(['RULE_VIOLATION', 'UNKNOWN_ACTION', 'ACTION_CLOSED']);

/**
 * Executes the commands one by one; those a business rule refuses are skipped, as a user would
 * see them refused. Any other error (a date refused as invalid, say) is a bug and is rethrown.
 * Returns how many commands were accepted.
 */
export async function playCommands(ledger: Ledger, commands: readonly CommandInput[]): Promise<number> {
  let accepted = 0;
  for (const command of commands) {
    try {
      if ((await ledger.execute(command, { actor: 'officer' })).lastPosition > 0) accepted += 1;
    } catch (error) {
      if (error instanceof LedgerError && REFUSALS.has(error.code)) continue;
      throw error;
    }
  }
  return accepted;
}

/**
 * Writes the legacy events as an older build would have, then catches the ledger's projections
 * up with them (inline projections do not see a raw write), as an upgraded installation would.
 */
export async function seedLegacy(ledger: Ledger, events: readonly OlderBuildEvent[]): Promise<void> {
  if (events.length > 0) await appendAsOlderBuild(ledger, events);
  await ledger.projections.catchUp();
}
