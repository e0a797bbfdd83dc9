import { openReadonlyLedger, ProjectionRunner, ValidationError } from '@perfledger/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditTrailNotReadyError } from './audit-trail-not-ready-error.js';
import { auditTrailProjection } from './audit-trail-projection.js';
import { queryTrail } from './query-trail.js';
import { councilLedger } from './test-support/council-scenario.js';
import { type TestLedger, testLedger } from './test-support/test-ledger.js';

describe('queryTrail', () => {
  let t: TestLedger;
  beforeEach(() => {
    t = councilLedger();
  });
  afterEach(() => t.cleanup());

  const summary = (filter: Parameters<typeof queryTrail>[1]) =>
    queryTrail(t.ledger, filter).map((row) => `${row.position} ${row.code} ${row.field}`);

  it('returns every change, oldest recorded first, with camelCase keys', () => {
    const rows = queryTrail(t.ledger);
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

  it('filters by action, field, actor and event type, each accepting a list', () => {
    expect(summary({ code: 'DEM1518_02', field: 'dueDate' })).toEqual([
      '1 DEM1518_02 dueDate',
      '7 DEM1518_02 dueDate',
      '11 DEM1518_02 dueDate',
    ]);
    expect(summary({ actor: ['a.jones', 'j.smith'], field: ['dueDate', 'closed'] })).toEqual([
      '7 DEM1518_02 dueDate',
      '8 RBCS1620_05 dueDate',
      '10 RBCS1620_05 closed',
      '11 DEM1518_02 dueDate',
    ]);
    expect(summary({ eventType: 'ProgressUpdated', code: 'DEM1518_02' })).toEqual([
      '3 DEM1518_02 percentComplete',
      '9 DEM1518_02 percentComplete',
    ]);
    expect(summary({ correlationId: 'cab-19-07' })).toEqual([
      '7 DEM1518_02 dueDate',
      '8 RBCS1620_05 dueDate',
    ]);
  });

  it('filters by recorded time, a bare date covering its whole UTC day', () => {
    expect(summary({ recordedFrom: '2019-10-20', recordedTo: '2019-10-20' })).toEqual([
      '9 DEM1518_02 percentComplete',
      '10 RBCS1620_05 closed',
    ]);
    expect(summary({ recordedFrom: '2019-10-20T11:15:00.000001Z' })).toEqual([
      '10 RBCS1620_05 closed',
      '11 DEM1518_02 dueDate',
    ]);
    // An offset is read as the instant it names: 12:15 in Paris is 11:15 UTC.
    expect(summary({ recordedTo: '2019-10-20T12:15:00+01:00', recordedFrom: '2019-10-01' })).toEqual([
      '9 DEM1518_02 percentComplete',
    ]);
  });

  it('filters by effective date, so a quarter gathers its back-dated corrections too', () => {
    expect(summary({ effectiveFrom: '2019-04-01', effectiveTo: '2019-06-30', code: 'DEM1518_02' })).toEqual([
      '3 DEM1518_02 percentComplete',
      '4 DEM1518_02 status',
      '9 DEM1518_02 percentComplete',
    ]);
  });

  it('answers as known at a time or a position', () => {
    const asReportedForQ1 = queryTrail(t.ledger, { basis: { knownAt: '2019-08-05T10:00:00Z' } });
    expect(Math.max(...asReportedForQ1.map((row) => row.position))).toBe(8);
    expect(queryTrail(t.ledger, { basis: { knownAt: { position: 2 } } })).toHaveLength(13);
    expect(queryTrail(t.ledger, { basis: { knownAt: '2015-01-01T00:00:00Z' } })).toEqual([]);
    expect(queryTrail(t.ledger, { basis: { knownAt: { position: 99 } } })).toHaveLength(22);
  });

  it('reports every bad option at once', () => {
    const bad = () =>
      queryTrail(t.ledger, {
        code: [],
        field: 'due_date' as never,
        eventType: 'DueDateChanged' as never,
        recordedFrom: 'yesterday',
        effectiveTo: '2020-04-31',
        actr: 'j.smith',
      } as never);
    expect(bad).toThrow(ValidationError);
    try {
      bad();
    } catch (error) {
      expect((error as ValidationError).issues.map((issue) => issue.path.join('.'))).toEqual([
        'actr',
        'code',
        'field',
        'eventType',
        'recordedFrom',
        'effectiveTo',
      ]);
    }
    expect(() => queryTrail(t.ledger, { basis: { knownAt: 'soon' } })).toThrow(ValidationError);
  });
});

describe('queryTrail readiness', () => {
  it('answers an auditor on a read-only connection', () => {
    const t = councilLedger();
    const auditor = openReadonlyLedger(t.file);
    try {
      expect(queryTrail(auditor, { field: 'dueDate', actor: 'a.jones' }).map((row) => row.after)).toEqual([
        '2021-03-31',
      ]);
    } finally {
      auditor.close();
      t.cleanup();
    }
  });

  it('refuses when the projection was never built', () => {
    const t = testLedger();
    try {
      t.ledger.execute({
        type: 'RegisterAction',
        code: 'FP1922_02',
        title: 'Budget setting',
        plan: 'Finance Plan',
        directorate: 'Resources',
        section: 'Finance',
        dueDate: '2020-03-31',
        statusKey: 'rag',
      });
      expect(() => queryTrail(t.ledger)).toThrow(AuditTrailNotReadyError);
    } finally {
      t.cleanup();
    }
  });

  it('refuses while a catch-up projection is behind, and answers once it has caught up', () => {
    const t = testLedger();
    try {
      const runner = new ProjectionRunner(t.ledger, [auditTrailProjection], { mode: 'catch-up' });
      runner.start();
      t.ledger.execute({
        type: 'RegisterAction',
        code: 'FP1922_02',
        title: 'Budget setting',
        plan: 'Finance Plan',
        directorate: 'Resources',
        section: 'Finance',
        dueDate: '2020-03-31',
        statusKey: 'rag',
      });
      expect(() => queryTrail(t.ledger)).toThrow(
        expect.objectContaining({ code: 'PROJECTION_NOT_READY', projectedTo: 0, required: 1 }),
      );
      // What was known before the append is still answerable.
      expect(queryTrail(t.ledger, { basis: { knownAt: { position: 0 } } })).toEqual([]);
      runner.catchUp();
      expect(queryTrail(t.ledger, { field: 'dueDate' }).map((row) => row.after)).toEqual(['2020-03-31']);
    } finally {
      t.cleanup();
    }
  });
});
