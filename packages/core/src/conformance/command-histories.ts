import fc from 'fast-check';
import type { CommandInput } from '../action/commands.js';
import { LedgerError } from '../errors/index.js';
import type { EventEnvelope } from '../events/index.js';
import type { Ledger } from '../ledger/ledger.js';

/**
 * The action codes random histories use: a plain code, a dotted one and one with an underscore.
 *
 * @example
 * ```ts
 * const codes = [...HISTORY_CODES, 'LA1821_01.1']; // a wider test's codes
 * ```
 */
export const HISTORY_CODES = ['A1', '1.02.20', 'FP1922_02'] as const;

/**
 * The business dates random histories use: fiscal quarter ends, the first day of a year, a leap day.
 *
 * @example
 * ```ts
 * const date = fc.constantFrom(...HISTORY_DATES);
 * ```
 */
export const HISTORY_DATES = [
  '2023-03-31',
  '2023-04-01',
  '2023-06-30',
  '2023-09-30',
  '2023-12-31',
  '2024-02-29',
  '2024-03-31',
] as const;

const date = fc.constantFrom(...HISTORY_DATES);

function commandFor(codes: readonly string[]): fc.Arbitrary<CommandInput> {
  const base = { code: fc.constantFrom(...codes), effectiveOn: date };
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        type: fc.constant('UpdateProgress'),
        ...base,
        percentComplete: fc.integer({ min: 0, max: 100 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant('ChangeStatus'),
        ...base,
        status: fc.constantFrom('Red', 'Amber', 'Green', 'Blue'),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant('ReviseDueDate'),
        ...base,
        to: date,
        reason: fc.constant('Slipped'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('CloseAction'),
        ...base,
        outcome: fc.constantFrom('completed', 'cancelled'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant('ReopenAction'), ...base, reason: fc.constant('Reopened') }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('AddComment'),
        ...base,
        comment: fc.constantFrom('On track', 'Late'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('RegisterAction'),
        ...base,
        title: fc.constant('Again'),
        plan: fc.constant('Corporate Plan'),
        directorate: fc.constant('Place'),
        section: fc.constant('Policy'),
        dueDate: date,
        statusKey: fc.constant('rag'),
      }),
    },
  ) as fc.Arbitrary<CommandInput>;
}

/**
 * Random command histories: each action registered first, then batches of one to three
 * commands. Some commands break a rule and are refused: the accepted ones are the history.
 *
 * @example
 * ```ts
 * fc.asyncProperty(commandHistory, async (steps) => { await playHistory(ledger, steps); });
 * ```
 */
export const commandHistory: fc.Arbitrary<CommandInput[][]> = fc
  .integer({ min: 1, max: HISTORY_CODES.length })
  .chain((count) => {
    const codes = HISTORY_CODES.slice(0, count);
    const registrations = codes.map(
      (code) =>
        [
          {
            type: 'RegisterAction',
            code,
            effectiveOn: '2023-04-01',
            title: 'Widen e-forms',
            plan: 'Corporate Plan',
            directorate: 'Place',
            section: 'Policy',
            dueDate: '2023-12-31',
            statusKey: 'rag',
          } as CommandInput,
        ] as CommandInput[],
    );
    const command = commandFor(codes);
    const batch = fc.oneof(
      { weight: 4, arbitrary: command.map((c) => [c]) },
      { weight: 1, arbitrary: fc.array(command, { minLength: 2, maxLength: 3 }) },
    );
    return fc.array(batch, { minLength: 1, maxLength: 14 }).map((batches) => [...registrations, ...batches]);
  });

/**
 * Runs each batch with `executeAll`; refused batches (a `LedgerError`) are skipped. Returns the
 * accepted events in the order they were written.
 *
 * @example
 * ```ts
 * const accepted = await playHistory(ledger, steps);
 * ```
 */
export async function playHistory(
  ledger: Ledger,
  steps: readonly (readonly CommandInput[])[],
): Promise<EventEnvelope[]> {
  const accepted: EventEnvelope[] = [];
  for (const batch of steps) {
    try {
      accepted.push(...(await ledger.executeAll(batch)).events);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
    }
  }
  return accepted;
}
