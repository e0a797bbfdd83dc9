import type { BusinessDate } from '@perfledger/core';
import { describe, expect, it } from 'vitest';
import { derivedStatusOf } from './derived-status.js';

const d = (date: string) => date as BusinessDate;
const open = (dueDate: string) => ({ dueDate: d(dueDate), closed: null });

describe('derivedStatusOf', () => {
  it('follows Pentana: closed beats dates; past due is Overdue; near due is Warning', () => {
    expect(
      derivedStatusOf({ dueDate: d('2019-05-31'), closed: { outcome: 'completed' } }, d('2019-09-30')),
    ).toBe('Completed');
    expect(
      derivedStatusOf({ dueDate: d('2019-05-31'), closed: { outcome: 'cancelled' } }, d('2019-09-30')),
    ).toBe('Cancelled');
    expect(derivedStatusOf(open('2019-06-30'), d('2019-09-30'))).toBe('Overdue');
    expect(derivedStatusOf(open('2019-09-29'), d('2019-09-30'))).toBe('Overdue');
    expect(derivedStatusOf(open('2019-09-30'), d('2019-09-30'))).toBe('Warning');
    expect(derivedStatusOf(open('2019-10-30'), d('2019-09-30'))).toBe('Warning');
    expect(derivedStatusOf(open('2019-10-31'), d('2019-09-30'))).toBe('In Progress');
  });

  it('counts the window in calendar days across 29 February and the year end', () => {
    expect(derivedStatusOf(open('2024-03-01'), d('2024-02-29'), 1)).toBe('Warning');
    expect(derivedStatusOf(open('2024-03-31'), d('2024-02-29'), 31)).toBe('Warning');
    expect(derivedStatusOf(open('2024-04-01'), d('2024-03-31'), 0)).toBe('In Progress');
    expect(derivedStatusOf(open('2024-03-31'), d('2024-03-31'), 0)).toBe('Warning');
    expect(derivedStatusOf(open('2024-03-31'), d('2024-04-01'), 0)).toBe('Overdue');
  });
});
