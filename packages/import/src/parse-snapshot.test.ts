import { describe, expect, it } from 'vitest';
import { parseSnapshot } from './parse-snapshot.js';

const HEADER = 'code,title,directorate,section,stage,due_date,percent_complete,status,comments';
const ROW =
  'FP1922_02,Implement web based Financial Management Software,Resources,Finance Services,In Progress,30-Jun-2019,<b>90%</b>,Overdue,Rollout took place in summer 2019.';

const csv = (...lines: string[]) =>
  parseSnapshot({ name: 'q.csv', format: 'csv', content: lines.join('\n') });

describe('parseSnapshot (CSV)', () => {
  it('reads a row into checked values', () => {
    const snapshot = csv(HEADER, ROW);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.rows).toHaveLength(1);
    expect(snapshot.rows[0]).toMatchObject({
      row: 2,
      code: 'FP1922_02',
      title: 'Implement web based Financial Management Software',
      directorate: 'Resources',
      section: 'Finance Services',
      plan: null,
      owner: null,
      stage: 'open',
      dueDate: '2019-06-30',
      percentComplete: 90,
      status: 'Overdue',
      comment: 'Rollout took place in summer 2019.',
    });
  });

  it('matches headers whatever their case, surrounding spaces and separators', () => {
    const header =
      ' CODE , Title,DIRECTORATE,Section , stage,Due Date,percent-complete,Status,Comments,PLAN,Owner,Description';
    const snapshot = csv(header, `${ROW},Resources Business Plan 2019-22,J. Smith,Web accounts`);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.rows[0]).toMatchObject({
      dueDate: '2019-06-30',
      percentComplete: 90,
      plan: 'Resources Business Plan 2019-22',
      owner: 'J. Smith',
      description: 'Web accounts',
    });
  });

  it('numbers rows as a spreadsheet does: header 1, blank lines counted, a multi-line cell one row', () => {
    const snapshot = csv(
      HEADER,
      'A1,Title,Resources,Finance,,31/03/2024,10,,"first line',
      'second line"',
      '',
      'A2,Title,Resources,Finance,,31-Apr-2020,10,,',
    );
    expect(snapshot.rows.map((row) => [row.code, row.row])).toEqual([['A1', 2]]);
    expect(snapshot.rows[0]?.comment).toBe('first line\nsecond line');
    expect(snapshot.problems).toEqual([
      {
        file: 'q.csv',
        row: 4,
        column: 'due_date',
        value: '31-Apr-2020',
        message: "'31-Apr-2020' is not a real date: April 2020 has 30 days",
      },
    ]);
  });

  it('reports every bad cell of every row, not just the first', () => {
    const snapshot = csv(
      HEADER,
      'A1,Title,Resources,Finance,In Progress,31-Apr-2020,140%,Green,',
      'A2,Title,Resources,Finance,closed,31/03/2024,58.5,Green,',
      'A1,Title,Resources,Finance,,31/03/2024,-5,,',
    );
    expect(snapshot.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [2, 'due_date', '31-Apr-2020'],
      [2, 'percent_complete', '140%'],
      [3, 'stage', 'closed'],
      [3, 'percent_complete', '58.5'],
      [4, 'code', 'A1'],
      [4, 'percent_complete', '-5'],
    ]);
    expect(snapshot.problems[4]?.message).toMatch(/already appears on row 2/);
  });

  it('reports unknown, repeated and missing columns against the header row', () => {
    const snapshot = csv('code,Title,title,notes,due_date', 'A1,x,y,z,31/03/2024');
    expect(snapshot.problems.map((p) => [p.row, p.column])).toEqual([
      [1, 'title'],
      [1, 'notes'],
      [1, 'directorate'],
      [1, 'section'],
      [1, 'stage'],
      [1, 'percent_complete'],
      [1, 'status'],
      [1, 'comments'],
    ]);
  });

  it('treats a missing trailing cell as empty and tolerates a trailing blank column', () => {
    const snapshot = csv(`${HEADER},`, 'A1,Title,Resources,Finance,,31/03/2024,10,Green');
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.rows[0]?.comment).toBeNull();
  });

  it('refuses values in a column without a header', () => {
    const snapshot = csv(HEADER, `${ROW},surprise`);
    expect(snapshot.problems).toMatchObject([{ row: 2, column: null, message: /without a header/ }]);
  });

  it('reports CSV it cannot parse as a problem of the whole file', () => {
    const snapshot = csv(HEADER, 'A1,"unclosed');
    expect(snapshot.problems).toMatchObject([{ row: null, message: /not valid CSV/ }]);
  });

  it('reports an empty file', () => {
    expect(csv('', '').problems).toMatchObject([{ row: null, message: /empty/ }]);
  });

  it('keeps a __proto__ header as data, reported as an unknown column', () => {
    const snapshot = csv(`${HEADER},__proto__`, `${ROW},{"polluted":true}`);
    expect(snapshot.problems).toMatchObject([{ row: 1, column: '__proto__' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses control characters and over-long text, showing the value safely', () => {
    const snapshot = csv(HEADER, `A1,Bell\u0007,Resources,Finance,,31/03/2024,10,,${'x'.repeat(20_000)}`);
    expect(snapshot.problems).toMatchObject([
      { row: 2, column: 'title', value: 'Bell\\u0007', message: /control characters/ },
      { row: 2, column: 'comments', message: /at most 10000 characters/ },
    ]);
    expect(snapshot.problems[1]?.value?.length).toBeLessThan(250);
  });
});

describe('parseSnapshot (JSON)', () => {
  const json = (value: unknown) =>
    parseSnapshot({ name: 'q.json', format: 'json', content: JSON.stringify(value) });

  it('reads an array of objects, numbering rows from 1, with numbers for percentages', () => {
    const snapshot = json([
      {
        Code: 'A1',
        Title: 'T',
        Directorate: 'D',
        Section: 'S',
        'Due Date': '31 March 2024',
        percent_complete: 58,
      },
      {},
      { code: 'A2', title: 'T', due_date: '2024-03-31', percent_complete: '58.5', status: null },
    ]);
    expect(snapshot.rows.map((row) => [row.row, row.code, row.percentComplete])).toEqual([[1, 'A1', 58]]);
    expect(snapshot.problems).toMatchObject([{ row: 3, column: 'percent_complete', value: '58.5' }]);
  });

  it('refuses what is not an array of flat objects', () => {
    expect(json({ rows: [] }).problems).toMatchObject([{ row: null, message: /array of objects/ }]);
    expect(json([1, ['a']]).problems).toMatchObject([{ row: 1 }, { row: 2 }]);
    expect(json([{ code: 'A1', title: { nested: true } }]).problems).toMatchObject([
      { row: 1, column: 'title', message: /text, a number or null/ },
    ]);
    expect(parseSnapshot({ name: 'q.json', format: 'json', content: '[{' }).problems).toMatchObject([
      { row: null, message: /not valid JSON/ },
    ]);
  });

  it('reports a __proto__ key as an unknown column, never as a prototype', () => {
    const snapshot = parseSnapshot({
      name: 'q.json',
      format: 'json',
      content: '[{"code":"A1","__proto__":{"polluted":true}}]',
    });
    expect(snapshot.problems).toMatchObject([{ row: 1, column: '__proto__' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
