import {
  type ActionState,
  addDays,
  type BusinessDate,
  matchStatus,
  pentanaStatusKey,
} from '@perfledger/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { importSnapshot } from './import-snapshot.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import { type TempLedger, tempLedger, toCsv } from './test-support/temp-ledger.js';

const HEADER = [
  'Code',
  'Title',
  'Directorate',
  'Section',
  'Stage',
  'Due Date',
  'Percent Complete',
  'Status',
  'Comments',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const STAGES = {
  open: ['In Progress', 'not started', 'OPEN', ''],
  completed: ['Completed', 'complete', 'Done', 'Closed - Completed'],
  cancelled: ['Cancelled', 'canceled', 'Postponed', 'closed - cancelled'],
} as const;

type Stage = keyof typeof STAGES;

interface ModelRow {
  readonly code: string;
  readonly title: string;
  readonly directorate: string;
  readonly section: string;
  readonly stage: Stage;
  readonly stageWord: string;
  readonly due: BusinessDate;
  readonly dueText: string;
  readonly percent: number | null;
  readonly percentText: string;
  readonly statusWord: string;
  readonly comment: string;
}

const words = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,."'&()-]{0,24}$/).map((text) => text.trim());
const comment = fc.oneof(
  fc.constant(''),
  words,
  fc.tuple(words, words).map(([a, b]) => `${a}\n${b}`),
);

const dateText = fc.tuple(fc.integer({ min: 0, max: 2_500 }), fc.nat(3)).map(([offset, form]) => {
  const due = addDays('2019-01-01' as BusinessDate, offset);
  const [y, m, d] = due.split('-').map(Number) as [number, number, number];
  const text = [
    due,
    `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`,
    `${d}-${MONTHS[m - 1]}-${y}`,
    `${d} ${LONG_MONTHS[m - 1]} ${y}`,
  ][form]!;
  return { due, text };
});

const percentText = fc.option(
  fc.tuple(fc.integer({ min: 0, max: 100 }), fc.nat(3)).map(([value, form]) => ({
    value,
    text: [`${value}`, `${value}%`, `<b>${value}%</b>`, ` ${value} % `][form]!,
  })),
  { nil: null },
);

const statusWord = fc.oneof(
  fc.constant(''),
  fc
    .tuple(fc.constantFrom(...pentanaStatusKey.values), fc.boolean())
    .map(([value, upper]) => (upper ? value.toUpperCase() : value.toLowerCase())),
);

const row = (code: string): fc.Arbitrary<ModelRow> =>
  fc
    .record({
      title: words,
      directorate: fc.constantFrom('Resources', 'Revenues, Benefits and Customer Services'),
      section: fc.constantFrom('Finance Services', 'Legal Services', 'ICT "Services"'),
      stage: fc.constantFrom<Stage>('open', 'open', 'completed', 'cancelled'),
      stageIndex: fc.nat(3),
      date: dateText,
      percent: percentText,
      statusWord,
      comment,
    })
    .map((r) => ({
      code,
      title: r.title,
      directorate: r.directorate,
      section: r.section,
      stage: r.stage,
      stageWord: STAGES[r.stage][r.stageIndex]!,
      due: r.date.due,
      dueText: r.date.text,
      percent: r.percent?.value ?? null,
      percentText: r.percent?.text ?? '',
      statusWord: r.statusWord,
      comment: r.comment,
    }));

const snapshot = fc
  .uniqueArray(fc.stringMatching(/^[A-Z]{2}[0-9]{2}_[0-9]{2}$/), { minLength: 1, maxLength: 8 })
  .chain((codes) => fc.tuple(...codes.map(row)));

function csv(rows: readonly ModelRow[]): string {
  return toCsv([
    HEADER,
    ...rows.map((r) => [
      r.code,
      r.title,
      r.directorate,
      r.section,
      r.stageWord,
      r.dueText,
      r.percentText,
      r.statusWord,
      r.comment,
    ]),
  ]);
}

/** What the ledger should say after `r` is applied to `before` (empty cells change nothing). */
function expected(before: ActionState | undefined, r: ModelRow) {
  return {
    title: r.title,
    directorate: r.directorate,
    section: r.section,
    dueDate: r.due,
    // A blank % complete is unknown (null), never 0.
    percentComplete: r.percent ?? before?.percentComplete ?? null,
    status: r.statusWord === '' ? (before?.status ?? null) : matchStatus(pentanaStatusKey, r.statusWord),
    closed: r.stage === 'open' ? null : r.stage,
    lastComment: r.comment === '' ? (before?.lastComment?.text ?? null) : r.comment,
  };
}

function actual(state: ActionState | undefined) {
  return {
    title: state?.title,
    directorate: state?.directorate,
    section: state?.section,
    dueDate: state?.dueDate,
    percentComplete: state?.percentComplete,
    status: state?.status,
    closed: state?.closed?.outcome ?? null,
    lastComment: state?.lastComment?.text ?? null,
  };
}

const options = { statusKey: 'pentana', plan: 'Corporate Plan 2018-23' } as const;
const temps: TempLedger[] = [];
afterEach(async () => {
  for (const temp of temps.splice(0)) await temp.dispose();
});

describe('importSnapshot properties', () => {
  it('a valid snapshot is recorded as its rows say, and importing it again appends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(snapshot, async (rows) => {
        const temp = await tempLedger({ durability: 'normal' });
        temps.push(temp);
        const { ledger } = temp;
        const input = { name: 'q4.csv', format: 'csv' as const, content: csv(rows) };
        const first = await importSnapshot(ledger, input, { asOf: '2020-03-31', ...options });
        expect(first.actionsRegistered).toBe(rows.length);
        for (const r of rows) {
          expect(actual(await ledger.getAction(r.code, { asAt: '2020-03-31' }))).toEqual(
            expected(undefined, r),
          );
        }
        const head = await ledger.head();
        expect(await importSnapshot(ledger, input, { asOf: '2020-03-31', ...options })).toMatchObject({
          eventsAppended: 0,
          replayed: true,
        });
        // Another actor: still decided row by row, and every row is already recorded.
        expect(
          await importSnapshot(ledger, input, { asOf: '2020-03-31', ...options, actor: 'auditor' }),
        ).toMatchObject({
          eventsAppended: 0,
          unchanged: rows.length,
          alreadyRecorded: rows.length,
          replayed: true,
        });
        expect(await ledger.head()).toEqual(head);
        await temp.dispose();
        temps.pop();
      }),
      { numRuns: 40 },
    );
  });

  it('a later snapshot moves every listed action to its rows, or is refused whole', async () => {
    await fc.assert(
      fc.asyncProperty(snapshot, snapshot, async (q1, later) => {
        const temp = await tempLedger({ durability: 'normal' });
        temps.push(temp);
        const { ledger } = temp;
        await importSnapshot(
          ledger,
          { name: 'q1.csv', format: 'csv', content: csv(q1) },
          { asOf: '2019-06-30', ...options },
        );
        // Half of the later rows revisit Q1's actions; the rest are new ones.
        const q2 = later.map((r, i) => (i % 2 === 0 && q1[i] !== undefined ? { ...r, code: q1[i].code } : r));
        const unique = q2.filter((r, i) => q2.findIndex((other) => other.code === r.code) === i);
        const before = new Map<string, ActionState | undefined>();
        for (const r of unique) before.set(r.code, await ledger.getAction(r.code));
        const untouched: [string, ActionState | undefined][] = [];
        for (const r of q1) if (!before.has(r.code)) untouched.push([r.code, await ledger.getAction(r.code)]);
        const head = await ledger.head();
        const input = { name: 'q2.csv', format: 'csv' as const, content: csv(unique) };
        try {
          await importSnapshot(ledger, input, { asOf: '2019-09-30', ...options });
        } catch (error) {
          // The only refusal a valid file can meet: changing an action that stays closed.
          expect(error).toBeInstanceOf(SnapshotImportError);
          for (const problem of (error as SnapshotImportError).problems) {
            const code = unique[problem.row! - 2]!.code;
            expect(before.get(code)?.closed).not.toBeNull();
            expect(problem.message).toMatch(/was closed as/);
          }
          expect(await ledger.head()).toEqual(head);
          return;
        }
        for (const r of unique) {
          expect(actual(await ledger.getAction(r.code))).toEqual(expected(before.get(r.code), r));
        }
        for (const [code, state] of untouched) expect(await ledger.getAction(code)).toEqual(state);
        const again = await importSnapshot(ledger, input, { asOf: '2019-09-30', ...options, actor: 'again' });
        expect(again.eventsAppended).toBe(0);
        expect((await ledger.verify()).ok).toBe(true);
        await temp.dispose();
        temps.pop();
      }),
      { numRuns: 40 },
    );
  });
});
