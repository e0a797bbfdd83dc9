import {
  type EventEnvelope,
  openLedger,
  ProjectionRunner,
  RuleViolationError,
  ukFiscalCalendar,
} from '@perfledger/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { slippageProjection } from './slippage-projection.js';
import { dumpSlippageTables } from './test-support/dump-slippage-tables.js';
import { applyStep, historyArbitrary } from './test-support/random-history.js';
import { openSeedLedger } from './test-support/seed-ledger.js';
import { openTestLedger, type TestLedger } from './test-support/test-ledger.js';

const open: TestLedger[] = [];
const track = (test: TestLedger) => {
  open.push(test);
  return test;
};
afterEach(() => {
  for (const test of open.splice(0)) test.cleanup();
});

describe('slippageProjection tables', () => {
  it('records each registration, revision and detail as a fact with its position and both dates', () => {
    const { ledger } = track(openSeedLedger());
    const db = ledger.store.database;
    const dem = db.prepare("SELECT * FROM slippage_registrations WHERE code = 'DEM1518_02'").get() as Record<
      string,
      unknown
    >;
    expect(dem).toMatchObject({
      original_due_date: '2019-06-30',
      directorate: 'Administrative Services',
      plan: 'Corporate Plan 2016-2020',
      effective_on: '2019-04-01',
      actor: 'import:business-plans-2019.csv',
    });
    expect(dem.recorded_at).toMatch(/^2019-04-02T09:00:\d\d\.\d{6}Z$/);

    const revisions = db
      .prepare(
        `SELECT code, from_date, to_date, days_moved, quarters_moved, reason, approver, approval_reference, actor, effective_on
         FROM slippage_revisions ORDER BY position`,
      )
      .all();
    expect(revisions).toEqual([
      {
        code: 'DEM1518_02',
        from_date: '2019-06-30',
        to_date: '2020-03-31',
        days_moved: 275,
        quarters_moved: 3,
        reason: 'Land Registry migration timetable moved',
        approver: 'Policy and Performance Committee',
        approval_reference: 'PPC 3 July 2019 minute 14',
        actor: 'dem.officer',
        effective_on: '2019-07-03',
      },
      {
        code: 'RBCS1620_05',
        from_date: '2019-06-30',
        to_date: '2019-09-30',
        days_moved: 92,
        quarters_moved: 1,
        reason: 'Implementation date delayed to September 2019 allowing further testing',
        approver: null,
        approval_reference: null,
        actor: 'rbcs.officer',
        effective_on: '2019-06-28',
      },
      {
        code: 'DEM1518_02',
        from_date: '2020-03-31',
        to_date: '2020-12-31',
        days_moved: 275,
        quarters_moved: 3,
        reason: 'Land Registry confirmed a December 2020 go-live',
        approver: 'Cabinet',
        approval_reference: 'CAB/2020/07',
        actor: 'dem.officer',
        effective_on: '2020-02-05',
      },
      {
        code: '1.02.20',
        from_date: '2023-12-31',
        to_date: '2024-03-31',
        days_moved: 91,
        quarters_moved: 1,
        reason: 'The final completion date has been extended to March 2024 from December 2023',
        approver: 'Executive',
        approval_reference: null,
        actor: 'place.officer',
        effective_on: '2023-12-15',
      },
    ]);

    const details = db
      .prepare(
        "SELECT field, value, effective_on FROM slippage_details WHERE code = 'DEM1518_02' ORDER BY position, field",
      )
      .all();
    expect(details).toEqual([
      { field: 'directorate', value: 'Administrative Services', effective_on: '2019-04-01' },
      { field: 'plan', value: 'Corporate Plan 2016-2020', effective_on: '2019-04-01' },
      {
        field: 'title',
        value: 'Transfer of Land Charges function to Land Registry',
        effective_on: '2019-04-01',
      },
      { field: 'directorate', value: 'Legal Services', effective_on: '2020-01-01' },
    ]);
  });

  it('stores quarters_moved with the UK calendar, across the 31 March / 1 April boundary', () => {
    const { ledger } = track(openTestLedger({ start: '2024-01-10T09:00:00Z' }));
    ledger.execute({
      type: 'RegisterAction',
      code: 'FP1922_02',
      effectiveOn: '2024-01-02',
      title: 'Implement web based Financial Management Software',
      plan: 'Business Plan 2024-27',
      directorate: 'Finance Services',
      section: 'Finance',
      dueDate: '2024-03-31',
      statusKey: 'rag',
    });
    ledger.execute({
      type: 'ReviseDueDate',
      code: 'FP1922_02',
      effectiveOn: '2024-02-29',
      to: '2024-04-01',
      reason: 'Year-end close',
    });
    const row = ledger.store.database
      .prepare('SELECT from_date, to_date, days_moved, quarters_moved FROM slippage_revisions')
      .get() as { from_date: string; to_date: string; days_moved: number; quarters_moved: number };
    expect(row).toEqual({ from_date: '2024-03-31', to_date: '2024-04-01', days_moved: 1, quarters_moved: 1 });
    expect(row.quarters_moved).toBe(
      ukFiscalCalendar.quartersBetween(row.from_date as never, row.to_date as never),
    );
  });

  it('ignores streams that are not action streams; the ledger refuses a second registration', () => {
    const { ledger } = track(openSeedLedger());
    ledger.append('imports:2019', [
      {
        type: 'DueDateRevised',
        effectiveOn: '2019-08-01' as never,
        data: { from: '2019-06-30' as never, to: '2019-07-31' as never, reason: 'Stray' },
      },
    ]);
    const reRegister = () =>
      ledger.append('action:DEM1518_02', [
        {
          type: 'ActionRegistered',
          effectiveOn: '2019-05-01' as never,
          data: {
            code: 'DEM1518_02',
            title: 'Duplicate',
            plan: 'Other',
            directorate: 'Other',
            section: 'Other',
            dueDate: '2030-01-01' as never,
            statusKey: 'rag',
          },
        },
      ]);
    expect(reRegister).toThrow(RuleViolationError);
    const db = ledger.store.database;
    expect(db.prepare('SELECT count(*) AS n FROM slippage_revisions').get()).toEqual({ n: 4 });
    expect(
      db
        .prepare("SELECT original_due_date, title FROM slippage_registrations WHERE code = 'DEM1518_02'")
        .get(),
    ).toEqual({
      original_due_date: '2019-06-30',
      title: 'Transfer of Land Charges function to Land Registry',
    });
    expect(db.prepare("SELECT count(*) AS n FROM slippage_details WHERE value = 'Other'").get()).toEqual({
      n: 0,
    });
  });
});

describe('slippageProjection properties', () => {
  it('incremental processing (inline or catch-up, started at any point) equals a rebuild, row for row', () => {
    fc.assert(
      fc.property(
        historyArbitrary,
        fc.nat(),
        fc.constantFrom('inline' as const, 'catch-up' as const),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (steps, startSeed, mode, catchUpAfter) => {
          const test = openTestLedger({ startRunner: false });
          try {
            const runner = new ProjectionRunner(test.ledger, [slippageProjection], { mode });
            const startAt = startSeed % (steps.length + 1);
            steps.forEach((step, index) => {
              if (index === startAt) runner.start();
              applyStep(test.ledger, test.clock, step);
              if (index >= startAt && mode === 'catch-up' && catchUpAfter[index]) runner.catchUp();
            });
            if (startAt === steps.length) runner.start();
            runner.catchUp();
            const db = test.ledger.store.database;
            const incremental = dumpSlippageTables(db);
            runner.rebuild();
            expect(dumpSlippageTables(db)).toEqual(incremental);
          } finally {
            test.cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('processing the same events again changes nothing: catch-up, a second runner, a second connection, the handler', () => {
    fc.assert(
      fc.property(historyArbitrary, (steps) => {
        const test = openTestLedger();
        try {
          for (const step of steps) applyStep(test.ledger, test.clock, step);
          const db = test.ledger.store.database;
          const before = dumpSlippageTables(db);

          test.runner.catchUp();
          expect(dumpSlippageTables(db)).toEqual(before);

          new ProjectionRunner(test.ledger, [slippageProjection]).start();
          expect(dumpSlippageTables(db)).toEqual(before);

          const second = openLedger({ file: test.file });
          try {
            new ProjectionRunner(second, [slippageProjection]).start();
            expect(dumpSlippageTables(second.store.database)).toEqual(before);
          } finally {
            second.close();
          }

          // The handler itself is idempotent: replaying every event through it adds nothing.
          const handle = slippageProjection.handler(db);
          const events: EventEnvelope[] = [...test.ledger.readAll()];
          test.ledger.store.transaction(() => {
            for (const event of events) handle(event);
          });
          expect(dumpSlippageTables(db)).toEqual(before);
        } finally {
          test.cleanup();
        }
      }),
      { numRuns: 30 },
    );
  });
});
