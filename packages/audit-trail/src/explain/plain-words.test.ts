import { describe, expect, it } from 'vitest';
import { asSentence, count, formatDate, formatInstant, registeredWith, spokenValue } from './plain-words.js';

describe('plain words', () => {
  it('prints dates and times the way committee papers do, whatever the locale', () => {
    expect(formatDate('2020-02-29')).toBe('29 Feb 2020');
    expect(formatDate('2024-04-01')).toBe('1 Apr 2024');
    expect(formatInstant('2024-03-31T23:30:00.123456Z')).toBe('31 Mar 2024 23:30 UTC');
  });

  it('counts in the singular and plural, negatives included', () => {
    expect([count(1, 'day'), count(0, 'quarter'), count(-1, 'quarter'), count(-30, 'day')]).toEqual([
      '1 day',
      '0 quarters',
      '-1 quarter',
      '-30 days',
    ]);
  });

  it('ends free text with a full stop only when it has no closing punctuation', () => {
    expect(asSentence('Land Registry timetable moved')).toBe('Land Registry timetable moved.');
    expect(asSentence('Due date revised from June 2019.')).toBe('Due date revised from June 2019.');
    expect(asSentence('Approved (ref CAB/19/07)')).toBe('Approved (ref CAB/19/07)');
  });

  it('says each kind of value in words', () => {
    expect(spokenValue('dueDate', '2019-06-30')).toBe('30 Jun 2019');
    expect(spokenValue('percentComplete', '58')).toBe('58%');
    expect(spokenValue('closed', 'cancelled')).toBe('closed as cancelled');
    expect(spokenValue('title', 'Widen the use of e-forms')).toBe('“Widen the use of e-forms”');
    expect(spokenValue('status', null)).toBe('no status');
    expect(registeredWith('section', 'Finance')).toBe('in section “Finance”');
    expect(registeredWith('statusKey', 'rag')).toBe('with status key rag');
    expect(registeredWith('comment', null)).toBe('with no comment');
  });
});
