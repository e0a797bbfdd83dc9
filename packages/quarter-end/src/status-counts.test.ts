import type { BusinessDate, StatusKey } from '@perfledger/core';
import { pentanaStatusKey, ragStatusKey } from '@perfledger/core';
import { describe, expect, it } from 'vitest';
import type { QuarterEndItem } from './quarter-end-item.js';
import {
  countByDerivedStatus,
  countByStatus,
  groupCounts,
  NOT_REPORTED,
  statusColumns,
} from './status-counts.js';

const item = (
  code: string,
  statusKey: string,
  status: string | null,
  section = 'Finance',
): QuarterEndItem => ({
  code,
  title: code,
  description: null,
  plan: 'Corporate Plan 2018-23',
  directorate: section === 'Finance' ? 'Resources' : 'Place',
  section,
  owner: null,
  statusKey,
  registeredOn: '2023-04-01' as BusinessDate,
  originalDueDate: '2024-03-31' as BusinessDate,
  dueDate: '2024-03-31' as BusinessDate,
  percentComplete: 0,
  status,
  derivedStatus: 'In Progress',
  open: true,
  closed: null,
  lastComment: null,
  notUpdated: false,
});

const keys: Record<string, StatusKey> = { rag: ragStatusKey, pentana: pentanaStatusKey };
const keyOf = (id: string) => keys[id];

describe('status counts', () => {
  it('prints every value of the keys in use, in key order, then unknown values, then the unreported', () => {
    const items = [
      item('A', 'rag', 'Green'),
      item('B', 'rag', null),
      item('C', 'legacy', 'Purple'),
      item('D', 'rag', 'Red'),
    ];
    const columns = statusColumns(items, keyOf);
    expect(columns).toEqual(['Green', 'Amber', 'Red', 'Complete', 'Purple', NOT_REPORTED]);
    expect(countByStatus(items, columns)).toEqual({
      Green: 1,
      Amber: 0,
      Red: 1,
      Complete: 0,
      Purple: 1,
      'Not reported': 1,
    });
    expect(statusColumns([], keyOf)).toEqual([]);
  });

  it('always lists all five derived statuses', () => {
    expect(countByDerivedStatus([])).toEqual({
      'In Progress': 0,
      Warning: 0,
      Overdue: 0,
      Completed: 0,
      Cancelled: 0,
    });
  });

  it('groups sections within their directorate, on the report’s columns', () => {
    const items = [
      item('A', 'rag', 'Green'),
      item('B', 'rag', 'Amber', 'Regeneration'),
      item('C', 'rag', 'Green'),
    ];
    const columns = statusColumns(items, keyOf);
    const groups = groupCounts(items, columns);
    expect(groups.section).toEqual([
      {
        name: 'Regeneration',
        directorate: 'Place',
        total: 1,
        counts: { Green: 0, Amber: 1, Red: 0, Complete: 0 },
        derivedCounts: { 'In Progress': 1, Warning: 0, Overdue: 0, Completed: 0, Cancelled: 0 },
      },
      {
        name: 'Finance',
        directorate: 'Resources',
        total: 2,
        counts: { Green: 2, Amber: 0, Red: 0, Complete: 0 },
        derivedCounts: { 'In Progress': 2, Warning: 0, Overdue: 0, Completed: 0, Cancelled: 0 },
      },
    ]);
    expect(groups.directorate.map((g) => [g.name, g.total, 'directorate' in g])).toEqual([
      ['Place', 1, false],
      ['Resources', 2, false],
    ]);
  });
});
