import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIndicatorSnapshot } from './parse-indicator-snapshot.js';

const HEADER = 'code,title,period,value,target,good_is,previous,national,status,comments';
const csv = (...lines: string[]) =>
  parseIndicatorSnapshot({ name: 'k.csv', format: 'csv', content: lines.join('\n') });
const fixture = (name: string) =>
  parseIndicatorSnapshot({
    name,
    format: 'csv',
    content: readFileSync(new URL(`../../fixtures/indicators/${name}`, import.meta.url), 'utf8'),
  });

describe('parseIndicatorSnapshot: the seed fixtures', () => {
  it("reads seed 001 (104 rows: two outturns, the year's target and Q1 for 26 indicators) without a problem", () => {
    const snapshot = fixture('seed-001-2019-20-q1.csv');
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.rows).toHaveLength(104);
    const bv12 = snapshot.rows.find((row) => row.code === 'BV12' && row.period.label === '2019/20 Q1');
    expect(bv12).toMatchObject({
      value: { kind: 'number', value: 9.3, footnote: '*' },
      target: null,
      polarity: 'lower',
      unit: 'days',
      frequency: 'quarterly',
      status: 'Alert',
      comment: '*July 2019 figure',
    });
    const year = snapshot.rows.find((row) => row.code === 'BV12' && row.period.label === '2019/20');
    expect(year).toMatchObject({ value: null, target: { kind: 'number', value: 7.5 }, status: null });
    const electors = snapshot.rows.find((row) => row.code === 'LALocal_08' && row.period.label === '2017/18');
    expect(electors?.value).toMatchObject({ kind: 'number', value: 84_617 });
  });

  it('reads seed 003 key measures: money, Yes, None, Increase and n/a comparators', () => {
    const snapshot = fixture('seed-003-key-measures.csv');
    expect(snapshot.problems).toEqual([]);
    const byCode = new Map(snapshot.rows.map((row) => [row.code, row]));
    expect(byCode.get('KM08')).toMatchObject({
      value: { value: 20_000_000, mark: 'money', scale: 'm' },
      previous: { value: 26_200_000 },
      polarity: 'lower',
      unit: 'money',
      target: { kind: 'missing' },
    });
    expect(byCode.get('KM02')).toMatchObject({
      target: { kind: 'direction', direction: 'increase' },
      unit: 'percentage',
      national: { kind: 'missing', marker: 'n/a' },
    });
    expect(byCode.get('KM04')?.previous).toEqual({ kind: 'yes-no', value: true, footnote: null });
    expect(byCode.get('KM14')?.value).toMatchObject({ kind: 'number', value: 0 });
    expect(byCode.get('KM21')?.national).toBeNull();
  });

  it('refuses the rows of seed 003 that are not one value for one period, naming row and column', () => {
    const snapshot = fixture('seed-003-key-measures-as-printed.csv');
    expect(snapshot.problems.map(({ row, column }) => [row, column])).toEqual([
      [8, 'value'],
      [23, 'code'],
      [24, 'value'],
      [24, 'previous'],
      [25, 'value'],
    ]);
    expect(snapshot.problems[0]).toMatchObject({
      file: 'seed-003-key-measures-as-printed.csv',
      value: '81% Priority 1 90% Priority 2',
      message: expect.stringMatching(/holds 2 figures/),
    });
    expect(snapshot.problems[1]?.message).toMatch(/'KM02' for 2018\/19 already appears on row 3/);
    expect(snapshot.problems[2]?.message).toMatch(/names a period of its own \('2017\/18'\)/);
  });
});

describe('parseIndicatorSnapshot: rows', () => {
  it('reads the seed period forms into one label', () => {
    const snapshot = csv(
      HEADER,
      'BV8,Invoices,2019/20 Q1,99.5%,99%,High,,,,',
      'BV8,Invoices,Q2 2019/20,99.1%,99%,High,,,,',
      'BV8,Invoices,2018-19,99.3%,,High,,,,',
    );
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.rows.map((row) => row.period.label)).toEqual(['2019/20 Q1', '2019/20 Q2', '2018/19']);
  });

  it('matches the printed headings of the seeds (Latest, Good is, Latest Note, Status / Icon)', () => {
    const snapshot = csv(
      'Code,Title,Period,Latest,Target,Good is,Previous,National,Status / Icon,Latest Note',
      'BV8,Invoices,2019/20 Q1,99.5%,99%,High,,,Satisfactory,On target',
    );
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.rows[0]).toMatchObject({ status: 'Satisfactory', comment: 'On target' });
  });

  it('refuses figures that disagree on their unit, and a unit cell they contradict', () => {
    const snapshot = csv(
      `${HEADER},unit`,
      'A1,A,2019/20,95%,£5m,High,,,,,',
      'A2,A,2019/20,95%,,High,,,,,days',
      'A3,A,2019/20,Yes,90,High,,,,,',
    );
    expect(snapshot.rows).toEqual([]);
    expect(snapshot.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'target', 'is printed as money, but the value is percentage; one indicator has one unit'],
      [3, 'value', 'is printed as a percentage, but the unit is days'],
      [4, 'target', 'is a figure, but the value is yes/no'],
    ]);
  });

  it('refuses a bad good_is, target, period and quality, collecting every problem', () => {
    const snapshot = csv(
      `${HEADER},quality`,
      'A1,A,2019/20,95%,More,Sideways,,,,,final',
      'A2,A,30/06/2019,-,,High,,,,,final',
      ',A,2019/20,5,,High,,,,,',
    );
    expect(snapshot.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'target'],
      [2, 'good_is'],
      [3, 'period'],
      [3, 'quality'],
      [4, 'code'],
    ]);
    expect(snapshot.problems[2]?.message).toMatch(/is not a period/);
    expect(snapshot.problems[3]?.message).toBe("says final, but the value is missing ('-')");
  });

  it('reads JSON with numbers as figures', () => {
    const snapshot = parseIndicatorSnapshot({
      name: 'k.json',
      format: 'json',
      content: JSON.stringify([
        {
          code: 'BV12',
          title: 'Sickness',
          period: '2019/20 Q1',
          value: 9.3,
          target: 7.5,
          good_is: 'Low',
          previous: null,
          national: null,
          status: 'Alert',
          comments: null,
        },
      ]),
    });
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.rows[0]?.value).toMatchObject({ kind: 'number', value: 9.3 });
  });

  it('says a JSON snapshot is one object per indicator and period', () => {
    const snapshot = parseIndicatorSnapshot({ name: 'k.json', format: 'json', content: '{}' });
    expect(snapshot.problems[0]?.message).toBe(
      'must be a JSON array of objects, one per indicator and period',
    );
  });
});
