import { type Ledger, ProjectionNotReadyError, ValidationError } from '@perfledger/core';
import { openReadonlyLedger } from '@perfledger/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditTrailProjection } from './audit-trail-projection.js';
import { queryTrail, streamTrail } from './query-trail.js';
import { councilLedger } from './test-support/council-scenario.js';
import { type TestLedger, testLedger } from './test-support/test-ledger.js';
import { trailCsvChunks, trailToCsv } from './trail-to-csv.js';
import { trailJsonChunks, trailToJson } from './trail-to-json.js';

const budget = {
  type: 'RegisterAction',
  code: 'FP1922_02',
  title: 'Budget setting',
  plan: 'Finance Plan',
  directorate: 'Resources',
  section: 'Finance',
  dueDate: '2020-03-31',
  statusKey: 'rag',
} as const;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('queryTrail', () => {
  let t: TestLedger;
  beforeEach(async () => {
    t = await councilLedger();
  });
  afterEach(() => t.cleanup());

  const summary = async (filter: Parameters<typeof queryTrail>[1]) =>
    (await queryTrail(t.ledger, filter)).map((row) => `${row.position} ${row.code} ${row.field}`);

  it('returns every change, oldest recorded first, with camelCase keys', async () => {
    const rows = await queryTrail(t.ledger);
    expect(rows).toHaveLength(22);
    expect(rows.map((row) => row.position)).toEqual(
      [...rows.map((row) => row.position)].sort((a, b) => a - b),
    );
    expect(rows.find((row) => row.eventType === 'DueDateRevised')).toEqual({
      position: 7,
      recordedAt: '2019-07-15T09:30:00.000000Z',
      effectiveOn: '2019-07-01',
      actor: 'j.smith',
      code: 'DEM1518_02',
      field: 'dueDate',
      before: '2019-06-30',
      after: '2020-12-31',
      reason: 'Due date revised from June 2019.',
      eventType: 'DueDateRevised',
      eventId: expect.any(String),
      correlationId: 'cab-19-07',
      source: 'cli',
    });
    expect(Object.isFrozen(rows)).toBe(true);
  });

  it('filters by action, field, actor and event type, each accepting a list', async () => {
    expect(await summary({ code: 'DEM1518_02', field: 'dueDate' })).toEqual([
      '1 DEM1518_02 dueDate',
      '7 DEM1518_02 dueDate',
      '11 DEM1518_02 dueDate',
    ]);
    expect(await summary({ actor: ['a.jones', 'j.smith'], field: ['dueDate', 'closed'] })).toEqual([
      '7 DEM1518_02 dueDate',
      '8 RBCS1620_05 dueDate',
      '10 RBCS1620_05 closed',
      '11 DEM1518_02 dueDate',
    ]);
    expect(await summary({ eventType: 'ProgressUpdated', code: 'DEM1518_02' })).toEqual([
      '3 DEM1518_02 percentComplete',
      '9 DEM1518_02 percentComplete',
    ]);
    expect(await summary({ correlationId: 'cab-19-07' })).toEqual([
      '7 DEM1518_02 dueDate',
      '8 RBCS1620_05 dueDate',
    ]);
  });

  it('filters by recorded time, a bare date covering its whole UTC day', async () => {
    expect(await summary({ recordedFrom: '2019-10-20', recordedTo: '2019-10-20' })).toEqual([
      '9 DEM1518_02 percentComplete',
      '10 RBCS1620_05 closed',
    ]);
    expect(await summary({ recordedFrom: '2019-10-20T11:15:00.000001Z' })).toEqual([
      '10 RBCS1620_05 closed',
      '11 DEM1518_02 dueDate',
    ]);
    // An offset is read as the instant it names: 12:15 in Paris is 11:15 UTC.
    expect(await summary({ recordedTo: '2019-10-20T12:15:00+01:00', recordedFrom: '2019-10-01' })).toEqual([
      '9 DEM1518_02 percentComplete',
    ]);
  });

  it('filters by effective date, so a quarter gathers its back-dated corrections too', async () => {
    expect(
      await summary({ effectiveFrom: '2019-04-01', effectiveTo: '2019-06-30', code: 'DEM1518_02' }),
    ).toEqual(['3 DEM1518_02 percentComplete', '4 DEM1518_02 status', '9 DEM1518_02 percentComplete']);
    // asAt is the effective-date axis: the trail as at a date is every change effective by then.
    expect(await summary({ asAt: '2019-06-30', effectiveFrom: '2019-04-01', code: 'DEM1518_02' })).toEqual(
      await summary({ effectiveTo: '2019-06-30', effectiveFrom: '2019-04-01', code: 'DEM1518_02' }),
    );
  });

  it('answers as known at a time or a position', async () => {
    const asReportedForQ1 = await queryTrail(t.ledger, { knownAt: '2019-08-05T10:00:00Z' });
    expect(Math.max(...asReportedForQ1.map((row) => row.position))).toBe(8);
    expect(await queryTrail(t.ledger, { knownAt: { position: 2 } })).toHaveLength(13);
    expect(await queryTrail(t.ledger, { knownAt: '2015-01-01T00:00:00Z' })).toEqual([]);
    expect(await queryTrail(t.ledger, { knownAt: { position: 99 } })).toHaveLength(22);
  });

  it('streams the same rows, and the streamed CSV and JSON equal the whole-array forms', async () => {
    const rows = await queryTrail(t.ledger, { code: 'DEM1518_02' });
    expect(await collect(await streamTrail(t.ledger, { code: 'DEM1518_02' }))).toEqual(rows);
    const csv = (await collect(trailCsvChunks(await streamTrail(t.ledger)))).join('');
    expect(csv).toBe(trailToCsv(await queryTrail(t.ledger)));
    for (const indent of [0, 2, 4, 12]) {
      const json = (await collect(trailJsonChunks(await streamTrail(t.ledger), { indent }))).join('');
      expect(json).toBe(trailToJson(await queryTrail(t.ledger), { indent }));
      expect(json).toBe(JSON.stringify(JSON.parse(json), null, indent));
    }
    expect((await collect(trailJsonChunks([]))).join('')).toBe('[]');
  });

  it('reports every bad value at once', async () => {
    const bad = () =>
      queryTrail(t.ledger, {
        code: [],
        field: 'due_date' as never,
        eventType: 'DueDateChanged' as never,
        recordedFrom: 'yesterday',
        effectiveTo: '2020-04-31',
        asAt: '2020-13-01',
      });
    await expect(bad()).rejects.toThrow(ValidationError);
    const error = (await bad().catch((caught: unknown) => caught)) as ValidationError;
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'code',
      'field',
      'eventType',
      'recordedFrom',
      'effectiveTo',
      'asAt',
    ]);
    await expect(queryTrail(t.ledger, { knownAt: 'soon' })).rejects.toThrow(ValidationError);
  });

  it('refuses an unknown or misplaced key, naming it', async () => {
    const unknown = await queryTrail(t.ledger, { actr: 'j.smith' } as never).catch(
      (caught: unknown) => caught,
    );
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as ValidationError).message).toContain("'actr'");
    expect((unknown as ValidationError).issues.map((issue) => issue.path)).toEqual([['actr']]);
    // The old nested basis would silently have read as now known: it is refused instead.
    const nested = await queryTrail(t.ledger, { basis: { knownAt: { position: 2 } } } as never).catch(
      (caught: unknown) => caught,
    );
    expect(nested).toBeInstanceOf(ValidationError);
    expect((nested as ValidationError).message).toContain("'basis'");
    await expect(streamTrail(t.ledger, { basis: {} } as never)).rejects.toThrow(ValidationError);
    await expect(queryTrail(t.ledger, null as never)).rejects.toThrow(ValidationError);
  });
});

describe('queryTrail readiness', () => {
  it('answers an auditor on a read-only connection', async () => {
    const t = await councilLedger();
    let auditor: Ledger | undefined;
    try {
      auditor = await openReadonlyLedger(t.file, { projections: [auditTrailProjection] });
      const rows = await queryTrail(auditor, { field: 'dueDate', actor: 'a.jones' });
      expect(rows.map((row) => row.after)).toEqual(['2021-03-31']);
    } finally {
      await auditor?.close();
      await t.cleanup();
    }
  });

  it('refuses when the projection was never built', async () => {
    const t = await testLedger(undefined, { audit: false });
    try {
      await t.ledger.execute(budget);
      const error = await queryTrail(t.ledger).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProjectionNotReadyError);
      expect(error).toMatchObject({ code: 'PROJECTION_NOT_READY', projection: 'audit', required: 1 });
      await expect(streamTrail(t.ledger)).rejects.toThrow(ProjectionNotReadyError);
    } finally {
      await t.cleanup();
    }
  });

  it('refuses while the projection is behind, and answers once it has caught up', async () => {
    const t = await testLedger(undefined, { projectionMode: 'catch-up' });
    let auditor: Ledger | undefined;
    try {
      await t.ledger.execute(budget);
      await t.ledger.projections.catchUp();
      await t.ledger.execute({ type: 'UpdateProgress', code: 'FP1922_02', percentComplete: 20 });
      // A read-only reader cannot catch the table up itself (a writable one does so before reading).
      auditor = await openReadonlyLedger(t.file, { projections: [auditTrailProjection] });
      const behind = await queryTrail(auditor).catch((caught: unknown) => caught);
      expect(behind).toBeInstanceOf(ProjectionNotReadyError);
      expect(behind).toMatchObject({
        code: 'PROJECTION_NOT_READY',
        projection: 'audit',
        position: 1,
        required: 2,
      });
      // What was known before the append is still answerable.
      expect((await queryTrail(auditor, { knownAt: { position: 1 } })).map((row) => row.field)).toContain(
        'dueDate',
      );
      await t.ledger.projections.catchUp();
      expect((await queryTrail(auditor, { field: 'percentComplete' })).map((row) => row.after)).toEqual([
        '20',
      ]);
      // The writable ledger catches up by itself before it reads.
      await t.ledger.execute({ type: 'UpdateProgress', code: 'FP1922_02', percentComplete: 30 });
      expect((await queryTrail(t.ledger, { field: 'percentComplete' })).map((row) => row.after)).toEqual([
        '20',
        '30',
      ]);
    } finally {
      await auditor?.close();
      await t.cleanup();
    }
  });
});
