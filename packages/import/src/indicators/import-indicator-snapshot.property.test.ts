import { LedgerError } from '@perfledger/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SnapshotImportError } from '../snapshot-import-error.js';
import { tempLedger, toCsv } from '../test-support/temp-ledger.js';
import { importIndicatorSnapshot } from './import-indicator-snapshot.js';
import { formatIndicatorValue } from './parse-indicator-value.js';

const HEADER = [
  'code',
  'title',
  'period',
  'value',
  'target',
  'good_is',
  'previous',
  'national',
  'status',
  'comments',
  'unit',
  'plan',
];
const PERIODS = ['2018/19', '2019/20 Q1', 'Q2 2019/20', '2019-20 Q3', '2019/20'];

/** A row as an officer might write it: a known unit, figures in it, any status word, any comment. */
const rowOf = fc
  .record({
    code: fc.constantFrom('BV8', 'BV12', 'LALocal_07'),
    period: fc.constantFrom(...PERIODS),
    value: fc.oneof(
      fc.integer({ min: 0, max: 10_000 }).map(String),
      fc.constantFrom('-', 'n/a', '', '9.3*', '12.50'),
    ),
    target: fc.constantFrom('', '-', '7.5', 'Increase', 'Decrease', '10'),
    previous: fc.constantFrom('', '-', '8.7', '3'),
    national: fc.constantFrom('', 'n/a', '8.4'),
    status: fc.constantFrom('', 'Alert', 'satisfactory', 'DATA ONLY', 'Green'),
    comments: fc.oneof(fc.constant(''), fc.string({ maxLength: 30 })),
  })
  .map((r) => [
    r.code,
    `Indicator ${r.code}`,
    r.period,
    r.value,
    r.target,
    'Low',
    r.previous,
    r.national,
    r.status,
    r.comments,
    'days',
    'Plan',
  ]);

/** Any cell text at all, to put in a random column of a random row. */
const anyCell = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '81% Priority 1 90% Priority 2',
    '27.5% (2017/18)',
    '£5%',
    '1e5',
    '\u202e9',
    'High',
    'Q5 2019/20',
  ),
);

describe('importIndicatorSnapshot properties', () => {
  it('either imports (and a second import appends nothing) or refuses with a typed error and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowOf, { minLength: 1, maxLength: 6 }),
        fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: HEADER.length - 1 }), anyCell), {
          nil: undefined,
        }),
        async (rows, damage) => {
          if (damage !== undefined) {
            const [at, column, text] = damage;
            const target = rows[at % rows.length]!;
            rows[at % rows.length] = target.map((cell, index) => (index === column ? text : cell));
          }
          const temp = await tempLedger();
          try {
            const content = toCsv([HEADER, ...rows]);
            const source = { name: 'p.csv', format: 'csv' as const, content };
            const before = temp.bytes();
            try {
              await importIndicatorSnapshot(temp.ledger, source, { asOf: '2019-12-31' });
            } catch (error) {
              expect(error).toBeInstanceOf(LedgerError);
              if (error instanceof SnapshotImportError) {
                for (const problem of error.problems) expect(problem.file).toBe('p.csv');
              }
              expect(temp.bytes().equals(before)).toBe(true);
              return;
            }
            const again = await importIndicatorSnapshot(temp.ledger, source, { asOf: '2019-12-31' });
            expect(again.eventsAppended).toBe(0);
          } finally {
            await temp.dispose();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('records every figure formatIndicatorValue prints as the number it stands for', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 0, max: 2 }),
        async (mantissa, decimals) => {
          const value = Number(`${mantissa}e-${decimals}`);
          const printed = formatIndicatorValue({
            kind: 'number',
            value,
            mark: null,
            scale: '',
            decimals,
            footnote: null,
          });
          const temp = await tempLedger();
          try {
            await importIndicatorSnapshot(
              temp.ledger,
              {
                name: 'v.csv',
                format: 'csv',
                content: toCsv([
                  HEADER,
                  ['R1', 'Ratio', '2019/20', printed, '', 'High', '', '', '', '', 'ratio', 'Plan'],
                ]),
              },
              { asOf: '2019-12-31' },
            );
            expect((await temp.ledger.getIndicator('R1'))?.values['2019/20']?.value).toBe(value);
          } finally {
            await temp.dispose();
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
