import { describe, expect, it } from 'vitest';
import type { AuditRow } from './audit-row.js';
import { trailToCsv } from './trail-to-csv.js';

const row: AuditRow = {
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
  eventId: '0190f0c2-0000-7000-8000-000000000001',
  correlationId: null,
  source: 'cli',
};

/** A strict RFC 4180 reader, to check what a spreadsheet or csv library would read back. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      if (c === '"' || c === '\n' || c === '\r') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
      field += c;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('missing final CRLF');
  return records;
}

describe('trailToCsv', () => {
  it('writes a header and one CRLF-terminated record per row, null as empty', () => {
    expect(trailToCsv([row])).toBe(
      'position,recordedAt,effectiveOn,actor,code,field,before,after,reason,eventType,eventId,correlationId,source\r\n' +
        '7,2019-07-15T09:30:00.000000Z,2019-07-01,j.smith,DEM1518_02,dueDate,2019-06-30,2020-12-31,Due date revised from June 2019.,DueDateRevised,0190f0c2-0000-7000-8000-000000000001,,cli\r\n',
    );
    expect(trailToCsv([])).toBe(
      'position,recordedAt,effectiveOn,actor,code,field,before,after,reason,eventType,eventId,correlationId,source\r\n',
    );
  });

  it('quotes commas, quotes and line breaks so the text reads back exactly', () => {
    const awkward = {
      ...row,
      field: 'comment' as const,
      before: 'Phase 1, "pilot"',
      after: 'line one\nline two\nthree',
      reason: '"',
    };
    const [, record] = parseCsv(trailToCsv([awkward]));
    expect(record?.[6]).toBe('Phase 1, "pilot"');
    expect(record?.[7]).toBe('line one\nline two\nthree');
    expect(record?.[8]).toBe('"');
    expect(trailToCsv([awkward])).toContain(',"Phase 1, ""pilot""",');
  });

  it('shows hidden characters as markers, with or without the formula guard', () => {
    const hostile = { ...row, before: 'Pay \u202E0001£', after: 'over\rwritten', reason: '\u2066x\u2069' };
    for (const formulaGuard of [true, false]) {
      const [, record] = parseCsv(trailToCsv([hostile], { formulaGuard }));
      expect(record?.slice(6, 9)).toEqual(['Pay [U+202E]0001£', 'over[U+000D]written', '[U+2066]x[U+2069]']);
    }
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const cells = [
      '=HYPERLINK("http://evil","x")',
      '+1',
      '-5% under budget',
      '@SUM(A1)',
      '\tindented',
      'plain',
    ];
    const csv = trailToCsv(cells.map((reason) => ({ ...row, reason })));
    const reasons = parseCsv(csv)
      .slice(1)
      .map((record) => record[8]);
    expect(reasons).toEqual([
      '\'=HYPERLINK("http://evil","x")',
      "'+1",
      "'-5% under budget",
      "'@SUM(A1)",
      "'\tindented",
      'plain',
    ]);
    // Numbers are written as numbers; the guard only touches text.
    expect(parseCsv(csv)[1]?.[0]).toBe('7');
  });

  it('leaves text untouched when the guard is turned off', () => {
    const csv = trailToCsv([{ ...row, reason: '=1+1' }], { formulaGuard: false });
    expect(parseCsv(csv)[1]?.[8]).toBe('=1+1');
  });
});
