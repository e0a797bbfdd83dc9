import { type CommandInput, type Ledger, LedgerError } from '@perfledger/core';
import fc from 'fast-check';
import { registerIndicator } from './indicator-ledger.js';

/** The indicators every random history starts with: one of each shape that matters. */
export const RANDOM_INDICATORS: readonly CommandInput[] = [
  registerIndicator('PCT', {
    unit: 'percentage',
    polarity: 'higher',
    frequency: 'quarterly',
    statusKey: 'rag',
  }),
  registerIndicator('DAYS', {
    unit: 'days',
    polarity: 'lower',
    frequency: 'quarterly',
    statusKey: 'pentana-indicator',
  }),
  registerIndicator('YES', { unit: 'yesno', polarity: 'higher', frequency: 'annual', statusKey: 'rag' }),
  registerIndicator('BAND', {
    unit: 'ratio',
    polarity: 'band',
    frequency: 'monthly',
    statusKey: 'pentana-indicator',
  }),
];

/** The periods random commands name: enough overlap for previous, last year and annual targets. */
export const RANDOM_PERIODS = [
  '2018/19',
  '2019/20',
  '2018/19 Q1',
  '2019/20 Q1',
  '2019/20 Q2',
  '2019/20 Q3',
  '2019-04',
  '2019-05',
  '2019-06',
] as const;

const number = fc.oneof(fc.integer({ min: -5, max: 120 }), fc.double({ min: 0, max: 100, noNaN: true }));
const anyValue = fc.oneof(number, fc.boolean(), fc.constant(null));
const anyTarget = fc.oneof(
  number,
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom({ direction: 'increase' as const }, { direction: 'decrease' as const }),
  fc
    .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }))
    .map(([a, b]) => ({ low: Math.min(a, b), high: Math.max(a, b) })),
);
const effectiveOn = fc.constantFrom('2019-04-01', '2019-06-30', '2019-09-30', '2020-01-01');

// Mostly what fits each indicator (so most commands are accepted), sometimes anything (so
// refusals are exercised too).
const FITS: Readonly<
  Record<string, { periods: readonly string[]; value: fc.Arbitrary<unknown>; target: fc.Arbitrary<unknown> }>
> = {
  PCT: {
    periods: ['2018/19 Q1', '2019/20 Q1', '2019/20 Q2', '2019/20 Q3', '2019/20'],
    value: number,
    target: fc.oneof(number, fc.constant({ direction: 'increase' })),
  },
  DAYS: {
    periods: ['2018/19 Q1', '2019/20 Q1', '2019/20 Q2', '2018/19', '2019/20'],
    value: fc.double({ min: 0, max: 30, noNaN: true }),
    target: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant({ direction: 'decrease' })),
  },
  YES: {
    periods: ['2018/19', '2019/20'],
    value: fc.oneof(fc.boolean(), fc.constant(null)),
    target: fc.boolean(),
  },
  BAND: {
    periods: ['2019-04', '2019-05', '2019-06', '2019/20 Q1'],
    value: fc.integer({ min: 0, max: 60 }),
    target: anyTarget,
  },
};
const fitting =
  <T>(pick: (fits: (typeof FITS)[string]) => fc.Arbitrary<T>, any: fc.Arbitrary<T>) =>
  (code: string) =>
    fc.oneof({ weight: 4, arbitrary: pick(FITS[code.toUpperCase()]!) }, { weight: 1, arbitrary: any });

const commandFor = (code: string): fc.Arbitrary<Record<string, unknown>> => {
  const period = fitting(
    (f) => fc.constantFrom(...f.periods),
    fc.constantFrom<string>(...RANDOM_PERIODS),
  )(code);
  const value = fitting((f) => f.value, anyValue)(code);
  const target = fitting((f) => f.target, anyTarget)(code);
  return fc.oneof(
    fc.record({ type: fc.constant('RecordIndicatorValue'), code: fc.constant(code), period, value }),
    fc.record({
      type: fc.constant('RecordIndicatorValue'),
      code: fc.constant(code),
      period,
      value,
      quality: fc.constantFrom('provisional', 'estimated'),
    }),
    fc.record({
      type: fc.constant('CorrectIndicatorValue'),
      code: fc.constant(code),
      period,
      value,
      reason: fc.constant('Corrected'),
    }),
    fc.record({
      type: fc.constant('SetIndicatorTarget'),
      code: fc.constant(code),
      period,
      target,
      reason: fc.constantFrom('Revised', undefined),
    }),
    fc.record({
      type: fc.constant('SetIndicatorTolerance'),
      code: fc.constant(code),
      effectiveOn,
      tolerance: fc.record({
        kind: fc.constantFrom('percent', 'absolute'),
        amber: fc.integer({ min: 0, max: 20 }),
      }),
    }),
    fc.record({
      type: fc.constant('ReportIndicatorStatus'),
      code: fc.constant(code),
      period,
      status: fc.constantFrom('Green', 'Red', 'Amber', 'Alert', 'Satisfactory', 'Warning'),
    }),
    fc.record({
      type: fc.constant('RecordIndicatorComparator'),
      code: fc.constant(code),
      period,
      kind: fc.constantFrom('national', 'family-group'),
      value: number,
      source: fc.constant('LG Inform'),
    }),
    fc.record({
      type: fc.constant('CommentOnIndicator'),
      code: fc.constant(code),
      period,
      text: fc.constantFrom('First note', 'Second note'),
    }),
    fc.record({
      type: fc.constant('AmendIndicator'),
      code: fc.constant(code),
      owner: fc.constantFrom('Head of HR', 'Head of Finance'),
    }),
  );
};

// 'pct' checks that codes are matched ignoring case.
const anyCode = fc.constantFrom('PCT', 'DAYS', 'YES', 'YES', 'BAND', 'pct');

/** One random indicator command; some are refused, which is part of what is tested. */
export const indicatorCommandArbitrary: fc.Arbitrary<CommandInput> = anyCode
  .chain(commandFor)
  .map((command) => JSON.parse(JSON.stringify(command)) as CommandInput);

/** A value and its correction for the same indicator and period, so corrections are common. */
const recordThenCorrect: fc.Arbitrary<CommandInput[]> = anyCode.chain((code) =>
  fc
    .record({
      period: fitting((f) => fc.constantFrom(...f.periods), fc.constantFrom<string>(...RANDOM_PERIODS))(code),
      first: FITS[code.toUpperCase()]!.value,
      second: fitting((f) => f.value, anyValue)(code),
    })
    .map(
      ({ period, first, second }) =>
        JSON.parse(
          JSON.stringify([
            {
              type: 'RecordIndicatorValue',
              code,
              period,
              value: first,
              ...(first === null ? {} : { quality: 'provisional' }),
            },
            {
              type: 'CorrectIndicatorValue',
              code,
              period,
              value: second,
              reason: 'Audit found it overstated',
            },
          ]),
        ) as CommandInput[],
    ),
);

/** A random history: single commands, with record-then-correct pairs mixed in. */
export const indicatorHistoryArbitrary: fc.Arbitrary<CommandInput[]> = fc
  .array(
    fc.oneof(
      indicatorCommandArbitrary.map((command) => [command]),
      recordThenCorrect,
    ),
    { minLength: 4, maxLength: 30 },
  )
  .map((groups) => groups.flat());

/** Executes the commands, keeping the ones the ledger accepted; refusals must be typed errors. */
export async function applyRandomCommands(
  ledger: Ledger,
  commands: readonly CommandInput[],
): Promise<CommandInput[]> {
  const accepted: CommandInput[] = [];
  await ledger.executeAll(RANDOM_INDICATORS);
  for (const [index, command] of commands.entries()) {
    try {
      await ledger.execute(command, { actor: index % 2 === 0 ? 'officer.a' : 'officer.b' });
      accepted.push(command);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
    }
  }
  return accepted;
}
