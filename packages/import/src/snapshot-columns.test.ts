import { describe, expect, it } from 'vitest';
import { normalizeHeader, snapshotColumnOf } from './snapshot-columns.js';

describe('normalizeHeader', () => {
  it.each([
    ['Due Date', 'due_date'],
    [' due-date ', 'due_date'],
    ['DUE_DATE', 'due_date'],
    ['due__date', 'due_date'],
    ['Percent - Complete', 'percent_complete'],
    ['\uFEFFcode', 'code'],
    ['Code', 'code'],
  ])('normalises %j to %s', (header, name) => {
    expect(normalizeHeader(header)).toBe(name);
  });
});

describe('snapshotColumnOf', () => {
  it('knows the canonical columns whatever their case and separators', () => {
    expect(snapshotColumnOf('PERCENT COMPLETE')).toBe('percent_complete');
    expect(snapshotColumnOf('Comments')).toBe('comments');
    expect(snapshotColumnOf('Owner')).toBe('owner');
  });

  it("reads the headings of Pentana's printed action tables", () => {
    expect(snapshotColumnOf('Action Code')).toBe('code');
    expect(snapshotColumnOf('Action Title')).toBe('title');
    expect(snapshotColumnOf('Progress')).toBe('percent_complete');
    expect(snapshotColumnOf('Status Icon')).toBe('status');
  });

  it('knows nothing else, including names that are special to JavaScript objects', () => {
    for (const header of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'notes', '']) {
      expect(snapshotColumnOf(header)).toBeUndefined();
    }
  });
});
