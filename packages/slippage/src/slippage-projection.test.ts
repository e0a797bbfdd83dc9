import {
  type EventEnvelope,
  type EventFact,
  type Ledger,
  RuleViolationError,
  ukFiscalCalendar,
} from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { dayNumber } from './day-number.js';
import { slippageProjection } from './slippage-projection.js';
import { slippageTables } from './slippage-tables.js';
import { dumpSlippageTables } from './test-support/dump-slippage-tables.js';
import { applyStep, historyArbitrary } from './test-support/random-history.js';
import { openSeedLedger } from './test-support/seed-ledger.js';
import { openTestLedger, type TestLedger } from './test-support/test-ledger.js';

const open: TestLedger[] = [];
const track = (test: TestLedger) => {
  open.push(test);
  return test;
};
afterEach(async () => {
  for (const test of open.splice(0)) await test.cleanup();
});

const factOf = (event: EventEnvelope): EventFact =>
  ({
    type: event.type,
    data: event.data,
    stream: event.stream,
    streamVersion: event.streamVersion,
    position: event.position,
    effectiveOn: event.effectiveOn,
  }) as EventFact;

/** Every event's rows, computed afresh from the log with the stream's history, table by table. */
async function rowsFromLog(ledger: Ledger): Promise<Map<string, EventEnvelope[]>> {
  const streams = new Map<string, EventEnvelope[]>();
  for await (const event of ledger.readAll()) {
    const stream = streams.get(event.stream);
    if (stream === undefined) streams.set(event.stream, [event]);
    else stream.push(event);
  }
  return streams;
}

describe('slippageProjection tables', () => {
  it('records each registration, revision and detail as a fact with its position and both dates', async () => {
    const { ledger } = track(await openSeedLedger());
    const dem = await ledger.query.get<Record<string, unknown>>(
      'SELECT * FROM slippage_registrations WHERE code = ?',
      ['DEM1518_02'],
    );
    expect(dem).toMatchObject({
      original_due_date: '2019-06-30',
      original_due_day: dayNumber('2019-06-30' as never),
      directorate: 'Administrative Services',
      plan: 'Corporate Plan 2016-2020',
      effective_on: '2019-04-01',
      actor: 'import:business-plans-2019.csv',
    });
    expect(dem?.recorded_at).toMatch(/^2019-04-02T09:00:\d\d\.\d{6}Z$/);

    const revisions = await ledger.query.all(
      `SELECT code, from_date, to_date, days_moved, quarters_moved, reason, approver, approval_reference, actor, effective_on
       FROM slippage_revisions ORDER BY position`,
    );
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
    // The day numbers subtract to the days moved, so portable SQL needs no date functions.
    expect(
      await ledger.query.all(
        `SELECT v.to_day - r.original_due_day AS days FROM slippage_revisions v
         JOIN slippage_registrations r ON r.code = v.code WHERE v.code = ? ORDER BY v.position`,
        ['DEM1518_02'],
      ),
    ).toEqual([{ days: 275 }, { days: 550 }]);

    const details = await ledger.query.all(
      'SELECT field, value, effective_on FROM slippage_details WHERE code = ? ORDER BY position, field',
      ['DEM1518_02'],
    );
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

  it('stores quarters_moved with the UK calendar, across the 31 March / 1 April boundary', async () => {
    const { ledger } = track(await openTestLedger({ start: '2024-01-10T09:00:00Z' }));
    await ledger.execute({
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
    await ledger.execute({
      type: 'ReviseDueDate',
      code: 'FP1922_02',
      effectiveOn: '2024-02-29',
      to: '2024-04-01',
      reason: 'Year-end close',
    });
    const row = await ledger.query.get<{
      from_date: string;
      to_date: string;
      days_moved: number;
      quarters_moved: number;
    }>('SELECT from_date, to_date, days_moved, quarters_moved FROM slippage_revisions');
    expect(row).toEqual({ from_date: '2024-03-31', to_date: '2024-04-01', days_moved: 1, quarters_moved: 1 });
    expect(row!.quarters_moved).toBe(
      ukFiscalCalendar.quartersBetween(row!.from_date as never, row!.to_date as never),
    );
  });

  it('ignores streams that are not action streams; the ledger refuses a second registration', async () => {
    const { ledger } = track(await openSeedLedger());
    await ledger.append('imports:2019', [
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
    await expect(reRegister()).rejects.toThrow(RuleViolationError);
    expect(await ledger.query.get('SELECT count(*) AS n FROM slippage_revisions')).toEqual({ n: 4 });
    expect(
      await ledger.query.get('SELECT original_due_date, title FROM slippage_registrations WHERE code = ?', [
        'DEM1518_02',
      ]),
    ).toEqual({
      original_due_date: '2019-06-30',
      title: 'Transfer of Land Charges function to Land Registry',
    });
    expect(
      await ledger.query.get("SELECT count(*) AS n FROM slippage_details WHERE value = 'Other'"),
    ).toEqual({
      n: 0,
    });
  });

  it('lets the first registration stand: a second one in the stream’s history adds no row', async () => {
    const { ledger } = track(await openSeedLedger());
    const [registration] = await ledger.readAction('DEM1518_02');
    expect(registration?.type).toBe('ActionRegistered');
    const first = [...slippageProjection.rows(registration!, [])];
    expect(first.map((row) => row.table)).toEqual([
      'slippage_registrations',
      'slippage_details',
      'slippage_details',
      'slippage_details',
    ]);
    // A later registration of the same stream (only a raw write that bypassed the rules could
    // make one) sees the first in its history and adds nothing: no new original due date, no details.
    const duplicate = {
      ...registration!,
      position: 99,
      streamVersion: 9,
      data: { ...registration!.data, dueDate: '2030-01-01', plan: 'Other' },
    } as EventEnvelope;
    expect([...slippageProjection.rows(duplicate, [factOf(registration!)])]).toEqual([]);
    expect(slippageProjection.history).toBe(true);
  });

  it('gives rows in each table’s column order', async () => {
    const { ledger } = track(await openSeedLedger());
    const widths = new Map(slippageTables.map((table) => [table.name, table.columns.length]));
    for await (const event of ledger.readAll()) {
      for (const row of slippageProjection.rows(event, [])) {
        expect(row.values).toHaveLength(widths.get(row.table)!);
      }
    }
    const [registration] = await ledger.readAction('FP1922_02');
    const [row] = slippageProjection.rows(registration!, []);
    const columns = slippageTables[0]!.columns.map((column) => column.name);
    expect(Object.fromEntries(columns.map((name, index) => [name, row!.values[index]]))).toEqual(
      await ledger.query.get('SELECT * FROM slippage_registrations WHERE code = ?', ['FP1922_02']),
    );
  });
});

describe('slippageProjection properties', () => {
  it('incremental processing (inline or catch-up, started at any point) equals a rebuild, row for row', async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArbitrary,
        fc.nat(),
        fc.constantFrom('inline' as const, 'catch-up' as const),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        async (steps, startSeed, mode, catchUpAfter) => {
          const test = await openTestLedger({ projections: [] });
          try {
            const startAt = startSeed % (steps.length + 1);
            for (const [index, step] of steps.entries()) {
              // Opening with the projection creates its tables and catches up with the log so far.
              if (index === startAt) await test.reopen({ projectionMode: mode });
              await applyStep(test.ledger, test.clock, step);
              if (index >= startAt && mode === 'catch-up' && catchUpAfter[index]) {
                await test.ledger.projections.catchUp();
              }
            }
            if (startAt === steps.length) await test.reopen({ projectionMode: mode });
            await test.ledger.projections.catchUp();
            const incremental = await dumpSlippageTables(test.ledger);
            await test.ledger.projections.rebuild();
            expect(await dumpSlippageTables(test.ledger)).toEqual(incremental);
          } finally {
            await test.cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('processing the same events again changes nothing: catch-up, a second connection, the rows re-inserted', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, async (steps) => {
        const test = await openTestLedger();
        try {
          for (const step of steps) await applyStep(test.ledger, test.clock, step);
          const before = await dumpSlippageTables(test.ledger);

          await test.ledger.projections.catchUp();
          expect(await dumpSlippageTables(test.ledger)).toEqual(before);

          const second = await openLedger({ file: test.file, projections: [slippageProjection] });
          try {
            expect(await dumpSlippageTables(second)).toEqual(before);
          } finally {
            await second.close();
          }

          // The declared keys make the rows idempotent: inserting every event's rows again adds nothing.
          const tables = new Map(slippageTables.map((table) => [table.name, table]));
          const streams = await rowsFromLog(test.ledger);
          await test.ledger.store.transaction(async (session) => {
            for (const events of streams.values()) {
              for (const [index, event] of events.entries()) {
                const history = events.slice(0, index).map(factOf);
                for (const row of slippageProjection.rows(event, history)) {
                  await session.projections.insertRows(tables.get(row.table)!, [row]);
                }
              }
            }
          });
          expect(await dumpSlippageTables(test.ledger)).toEqual(before);
        } finally {
          await test.cleanup();
        }
      }),
      { numRuns: 30 },
    );
  });
});
