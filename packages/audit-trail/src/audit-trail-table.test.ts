import { describe, expect, it } from 'vitest';
import { AUDIT_TRAIL_TABLE, auditTrailTable } from './audit-trail-table.js';
import { councilLedger } from './test-support/council-scenario.js';

interface TableRow {
  position: number;
  seq: number;
  code: string;
  field: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  note: string | null;
  approver: string | null;
  approval_reference: string | null;
  event_type: string;
  actor: string | null;
  source: string | null;
  correlation_id: string | null;
  effective_on: string;
  recorded_at: string;
}

async function rowsOf(code: string, field?: string): Promise<TableRow[]> {
  const t = await councilLedger();
  try {
    const sql = `SELECT * FROM ${AUDIT_TRAIL_TABLE} WHERE code = ?${field === undefined ? '' : ' AND field = ?'} ORDER BY position, seq`;
    return await t.ledger.query.all<TableRow>(sql, field === undefined ? [code] : [code, field]);
  } finally {
    await t.cleanup();
  }
}

describe('audit_trail table', () => {
  it('records one row per field a registration sets, before NULL, in field order', async () => {
    const rows = (await rowsOf('RBCS1620_05')).filter((row) => row.event_type === 'ActionRegistered');
    expect(rows.map((row) => [row.field, row.before, row.after])).toEqual([
      ['title', null, 'Widen the use of e-forms'],
      ['plan', null, 'Corporate Plan 2015-18'],
      ['directorate', null, 'Resources'],
      ['section', null, 'Revenues, Benefits and Customer Services'],
      ['statusKey', null, 'pentana'],
      ['dueDate', null, '2019-06-30'],
    ]);
    // No owner or description was given, so none is recorded; the note is the reason.
    expect(new Set(rows.map((row) => row.reason))).toEqual(
      new Set(['Carried forward from the 2016-20 plan']),
    );
    expect(rows.map((row) => row.seq)).toEqual([0, 2, 3, 4, 6, 7]);
  });

  it('keeps a due-date revision with its reason, approval and provenance', async () => {
    const [revision] = (await rowsOf('DEM1518_02', 'dueDate')).filter(
      (row) => row.event_type === 'DueDateRevised',
    );
    expect(revision).toMatchObject({
      before: '2019-06-30',
      after: '2020-12-31',
      reason: 'Due date revised from June 2019.',
      note: null,
      approver: 'Cabinet',
      approval_reference: 'CAB/19/07',
      actor: 'j.smith',
      source: 'cli',
      correlation_id: 'cab-19-07',
      effective_on: '2019-07-01',
      recorded_at: '2019-07-15T09:30:00.000000Z',
    });
  });

  it('keeps the note apart from the reason when a revision has both', async () => {
    const [revision] = (await rowsOf('RBCS1620_05', 'dueDate')).filter(
      (row) => row.event_type === 'DueDateRevised',
    );
    expect(revision?.reason).toBe('Implementation date delayed to September 2019 allowing further testing');
    expect(revision?.note).toBe('E-forms are continuing to be developed.');
  });

  it('stores progress as decimal TEXT and takes "before" as at the effective date, as known before', async () => {
    const rows = await rowsOf('DEM1518_02', 'percentComplete');
    expect(rows.map((row) => [row.before, row.after])).toEqual([
      // Unknown before the first report: NULL, never '0'.
      [null, '5'],
      // The Q1 correction, recorded in October but effective 30 June, replaces 5.
      ['5', '10'],
    ]);
    expect(typeof rows[0]?.after).toBe('string');
  });

  it('takes the value the back-dated revision actually replaced, not the latest one', async () => {
    const rows = await rowsOf('DEM1518_02', 'dueDate');
    expect(rows.map((row) => [row.effective_on, row.before, row.after])).toEqual([
      ['2015-04-01', null, '2019-06-30'],
      ['2019-07-01', '2019-06-30', '2020-12-31'],
      ['2019-12-31', '2020-12-31', '2021-03-31'],
    ]);
  });

  it('records closure as the outcome, and reopening as open with its reason', async () => {
    const t = await councilLedger();
    try {
      t.clock.set('2019-11-01T10:00:00Z');
      await t.ledger.execute(
        {
          type: 'ReopenAction',
          code: 'RBCS1620_05',
          effectiveOn: '2019-10-31',
          reason: 'Accessibility audit failed',
        },
        { actor: 'j.smith' },
      );
      const rows = await t.ledger.query.all(
        `SELECT before, after, reason FROM ${AUDIT_TRAIL_TABLE} WHERE code = ? AND field = 'closed' ORDER BY position`,
        ['RBCS1620_05'],
      );
      expect(rows).toEqual([
        { before: 'open', after: 'completed', reason: '-5% under budget' },
        { before: 'completed', after: 'open', reason: 'Accessibility audit failed' },
      ]);
    } finally {
      await t.cleanup();
    }
  });
});

describe('audit_trail declaration', () => {
  it('declares portable columns, the (position, seq) key and only the indexes documented queries use', () => {
    expect(auditTrailTable.primaryKey).toEqual(['position', 'seq']);
    expect(auditTrailTable.columns.map((column) => column.type)).not.toContain('scalar');
    expect(auditTrailTable.indexes?.map((index) => index.columns)).toEqual([
      ['code', 'position'],
      ['field', 'position'],
      ['effective_on', 'position'],
    ]);
  });
});
