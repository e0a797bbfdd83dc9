import {
  type BusinessDate,
  defineStatusKey,
  deliveryPlanStatusKey,
  pentanaIndicatorStatusKey,
  pentanaStatusKey,
  ragStatusKey,
} from '@perfledger/core';
import { describe, expect, it } from 'vitest';
import { derivedStatusOf } from './derived-status.js';
import { findDisagreement } from './disagreement.js';
import type { QuarterEndItem } from './quarter-end-item.js';

const AS_AT = '2023-12-31' as BusinessDate;

function item(
  status: string | null,
  facts: {
    dueDate?: string;
    closed?: 'completed' | 'cancelled';
    statusKey?: string;
    percent?: number | null;
  } = {},
): QuarterEndItem {
  const dueDate = (facts.dueDate ?? '2024-03-31') as BusinessDate;
  const closed =
    facts.closed === undefined ? null : { outcome: facts.closed, effectiveOn: '2023-11-30' as BusinessDate };
  return {
    code: '1.02.20',
    title: 'Improvements to the railway station',
    description: null,
    plan: 'Corporate Plan 2018-23',
    directorate: 'Place',
    section: 'Economic Prosperity',
    owner: null,
    statusKey: facts.statusKey ?? 'rag',
    registeredOn: '2023-04-01' as BusinessDate,
    originalDueDate: dueDate,
    dueDate,
    // A completed action is 100 % done unless a test says otherwise.
    percentComplete: facts.percent === undefined ? (facts.closed === 'completed' ? 100 : 40) : facts.percent,
    status,
    derivedStatus: derivedStatusOf({ dueDate, closed }, AS_AT),
    open: closed === null,
    closed,
    lastComment: null,
    notUpdated: false,
  };
}

const rule = (i: QuarterEndItem, key = ragStatusKey) => findDisagreement(i, key)?.rule;

describe('findDisagreement', () => {
  it('a completed action that says less than 100 % is a contradiction; a blank % is unknown, not one (issue 17, item 3)', () => {
    expect(rule(item('Complete', { closed: 'completed', percent: 80 }))).toBe('completed-but-under-100');
    expect(
      findDisagreement(item('Complete', { closed: 'completed', percent: 80 }), ragStatusKey)?.message,
    ).toBe('Closed as completed on 2023-11-30, but 80% complete.');
    // Also when no status was reported.
    expect(findDisagreement(item(null, { closed: 'completed', percent: 0 }), ragStatusKey)).toMatchObject({
      rule: 'completed-but-under-100',
      status: null,
    });
    expect(rule(item('Complete', { closed: 'completed', percent: null }))).toBeUndefined();
    expect(rule(item('Complete', { closed: 'completed', percent: 100 }))).toBeUndefined();
    // A status that contradicts the closure is the first thing to say.
    expect(rule(item('Green', { closed: 'completed', percent: 80 }))).toBe(
      'closed-completed-reported-otherwise',
    );
    // Cancelled work is not claimed done.
    expect(rule(item('Red', { closed: 'cancelled', percent: 30 }))).toBeUndefined();
  });

  it('RAG: Green while overdue; Complete while open; anything but Complete once completed', () => {
    expect(rule(item('Green', { dueDate: '2023-09-30' }))).toBe('on-track-but-overdue');
    expect(rule(item('Amber', { dueDate: '2023-09-30' }))).toBeUndefined();
    expect(rule(item('Red', { dueDate: '2023-09-30' }))).toBeUndefined();
    expect(rule(item('Green'))).toBeUndefined();
    expect(rule(item('Complete'))).toBe('reported-completed-but-open');
    expect(rule(item('Green', { closed: 'completed' }))).toBe('closed-completed-reported-otherwise');
    expect(rule(item('Complete', { closed: 'completed' }))).toBeUndefined();
    // RAG has no cancelled value: only claiming completion contradicts a cancellation.
    expect(rule(item('Complete', { closed: 'cancelled' }))).toBe('closed-cancelled-reported-otherwise');
    expect(rule(item('Red', { closed: 'cancelled' }))).toBeUndefined();
    expect(rule(item(null, { dueDate: '2023-09-30' }))).toBeUndefined();
  });

  it('Pentana: the reported value must be the derived one, or a compatible judgement', () => {
    const p = (status: string, facts: Parameters<typeof item>[1] = {}) =>
      rule(item(status, { statusKey: 'pentana', ...facts }), pentanaStatusKey);
    // Agreements.
    expect(p('Overdue', { dueDate: '2023-09-30' })).toBeUndefined();
    expect(p('In Progress')).toBeUndefined();
    expect(p('Warning', { dueDate: '2024-01-15' })).toBeUndefined();
    expect(p('Completed', { closed: 'completed' })).toBeUndefined();
    expect(p('Cancelled', { closed: 'cancelled' })).toBeUndefined();
    // Compatible pairs: Not Started is never derived; Warning and In Progress are judgement calls.
    expect(p('Not Started')).toBeUndefined();
    expect(p('Not Started', { dueDate: '2024-01-15' })).toBeUndefined();
    expect(p('Warning')).toBeUndefined();
    expect(p('In Progress', { dueDate: '2024-01-15' })).toBeUndefined();
    // Contradictions.
    expect(p('In Progress', { dueDate: '2023-09-30' })).toBe('derived-scale-mismatch');
    expect(p('Not Started', { dueDate: '2023-09-30' })).toBe('derived-scale-mismatch');
    expect(p('Warning', { dueDate: '2023-09-30' })).toBe('derived-scale-mismatch');
    expect(p('Overdue')).toBe('derived-scale-mismatch');
    expect(p('Completed')).toBe('reported-completed-but-open');
    expect(p('Cancelled')).toBe('reported-cancelled-but-open');
    expect(p('In Progress', { closed: 'completed' })).toBe('closed-completed-reported-otherwise');
    expect(p('Completed', { closed: 'cancelled' })).toBe('closed-cancelled-reported-otherwise');
  });

  it('delivery plan: only closure claims are checked ("To be closed" is a proposal)', () => {
    const dp = (status: string, facts: Parameters<typeof item>[1] = {}) =>
      rule(item(status, { statusKey: 'delivery-plan', ...facts }), deliveryPlanStatusKey);
    expect(dp('Completed')).toBe('reported-completed-but-open');
    expect(dp('Slightly behind', { dueDate: '2023-09-30' })).toBeUndefined();
    expect(dp('To be closed', { closed: 'cancelled' })).toBeUndefined();
    expect(dp('Slightly behind', { closed: 'completed' })).toBe('closed-completed-reported-otherwise');
  });

  it('keys with no closure values, unknown keys and custom rules', () => {
    expect(
      rule(
        item('Satisfactory', { statusKey: 'pentana-indicator', closed: 'completed' }),
        pentanaIndicatorStatusKey,
      ),
    ).toBeUndefined();
    expect(findDisagreement(item('Green', { dueDate: '2023-09-30' }), undefined)).toBeUndefined();
    const progress = defineStatusKey({
      id: 'progress',
      label: 'Progress',
      values: ['On track', 'At risk', 'Done'],
      completedValue: 'Done',
    });
    const late = item('On track', { statusKey: 'progress', dueDate: '2023-09-30' });
    expect(findDisagreement(late, progress)).toBeUndefined();
    expect(findDisagreement(late, progress, { onTrackValues: { progress: ['On track'] } })).toMatchObject({
      rule: 'on-track-but-overdue',
      message: 'Reported On track, but past its due date (2023-09-30).',
    });
    // Replacing the on-track values replaces RAG's default too.
    expect(
      findDisagreement(item('Green', { dueDate: '2023-09-30' }), ragStatusKey, { onTrackValues: {} }),
    ).toBeUndefined();
  });
});
