import { describe, expect, it } from 'vitest';
import type { ProjectionTable } from './projection.js';
import {
  compareKeys,
  compareValues,
  encodeValues,
  jsonValueOf,
  normalValue,
  RowDigest,
  sameValue,
  showValue,
} from './projection-value.js';
import { TableKeys } from './replay-rows.js';

describe('projection values', () => {
  it('tell text from numbers and read integers alike as numbers or bigints', () => {
    expect(sameValue('58', 58)).toBe(false);
    expect(sameValue(normalValue(5n), 5)).toBe(true);
    expect(sameValue(2 ** 60, 2n ** 60n)).toBe(true);
    expect(sameValue(null, 'null')).toBe(false);
    expect(encodeValues([1, 'a'])).not.toBe(encodeValues(['1', 'a']));
  });

  it('order NULL, numbers, then text by UTF-8 bytes', () => {
    expect([3, 'a', null, 1.5].sort(compareValues)).toEqual([null, 1.5, 3, 'a']);
    // '\uFFFD' < '😀' in UTF-8, the other way round in UTF-16.
    expect(compareValues('\uFFFD', '😀')).toBe(-1);
    expect(compareValues(2n ** 60n, 2 ** 60 + 4096)).toBe(-1);
    expect(compareKeys([1, 'b'], [1, 'a'])).toBe(1);
  });

  it('show and carry values exactly', () => {
    expect(showValue("it's")).toBe("'it''s'");
    expect(showValue(null)).toBe('NULL');
    expect(jsonValueOf(2n ** 60n)).toBe('1152921504606846976');
    expect(jsonValueOf(42)).toBe(42);
  });

  it('digests rows whatever their order, and tells a changed row', () => {
    const a = new RowDigest('secret');
    const b = new RowDigest('secret');
    const rows = [
      [1, 'x'],
      [2, 'y'],
      [3, null],
    ] as const;
    for (const row of rows) a.add(encodeValues(row));
    for (const row of [...rows].reverse()) b.add(encodeValues(row));
    expect(a.equals(b)).toBe(true);
    const c = new RowDigest('secret');
    c.add(encodeValues([1, 'x']));
    c.add(encodeValues([2, 'y']));
    c.add(encodeValues([3, 'z']));
    expect(a.equals(c)).toBe(false);
    const other = new RowDigest('another secret');
    for (const row of rows) other.add(encodeValues(row));
    expect(a.equals(other)).toBe(false);
  });
});

describe('TableKeys', () => {
  const table: ProjectionTable = {
    name: 't',
    columns: [
      { name: 'id', type: 'integer' },
      { name: 'code', type: 'text', nullable: true },
    ],
    primaryKey: ['id'],
    unique: [['code']],
  };

  it('skips a row whose primary key or unique key an earlier row took, never for a NULL', () => {
    const keys = new TableKeys(table);
    expect(keys.admit([1, 'A'])).toBe(true);
    expect(keys.admit([1, 'B'])).toBe(false);
    expect(keys.admit([2, 'A'])).toBe(false);
    expect(keys.admit([3, null])).toBe(true);
    expect(keys.admit([4, null])).toBe(true);
    expect(keys.holds(keys.primaryKeyOf([2, 'A']))).toBe(false);
    expect(keys.holds(keys.primaryKeyOf([4, 'anything']))).toBe(true);
  });
});
