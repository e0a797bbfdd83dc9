import { describe, expect, expectTypeOf, it } from 'vitest';
import { type AuditRow, auditRowKeys } from './audit-row.js';
import { trailToJson } from './trail-to-json.js';

const row: AuditRow = {
  position: 3,
  recordedAt: '2019-07-10T14:00:00.000000Z',
  effectiveOn: '2019-06-30',
  actor: 'p.officer',
  code: 'DEM1518_02',
  field: 'percentComplete',
  before: '0',
  after: '5',
  reason: null,
  eventType: 'ProgressUpdated',
  eventId: '0190f0c2-0000-7000-8000-000000000003',
  correlationId: 'q1-2019',
  source: 'portal',
};

describe('trailToJson', () => {
  it('writes the rows as an array with camelCase keys in a fixed order', () => {
    const json = trailToJson([row]);
    expect(JSON.parse(json)).toEqual([row]);
    expect(Object.keys(JSON.parse(json)[0])).toEqual([...auditRowKeys]);
    expect(json.startsWith('[\n  {\n    "position": 3,')).toBe(true);
  });

  it('writes only the row keys, keeps nulls, and can be compact', () => {
    const json = trailToJson([{ ...row, extra: 'ignored' } as AuditRow], { indent: 0 });
    expect(json).not.toContain('extra');
    expect(json).toContain('"reason":null');
    expect(json).not.toContain('\n');
    expect(trailToJson([])).toBe('[]');
  });

  it('names every AuditRow key in the export order', () => {
    expectTypeOf<(typeof auditRowKeys)[number]>().toEqualTypeOf<keyof AuditRow>();
  });
});
