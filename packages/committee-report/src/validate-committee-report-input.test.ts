import { describe, expect, it } from 'vitest';
import type { CommitteeReportInput } from './committee-report-input.js';
import { CommitteeReportInputError } from './committee-report-input-error.js';
import { sampleCommitteeReportInput as sample } from './test-support/sample-committee-report-input.js';
import { validateCommitteeReportInput } from './validate-committee-report-input.js';

const issuesOf = (input: CommitteeReportInput): readonly string[] => {
  try {
    validateCommitteeReportInput(input);
    return [];
  } catch (error) {
    if (error instanceof CommitteeReportInputError) return error.issues;
    throw error;
  }
};

describe('validateCommitteeReportInput', () => {
  it('accepts the sample report', () => {
    expect(issuesOf(sample)).toEqual([]);
  });

  it('names each problem with the path of the field', () => {
    const issues = issuesOf({
      ...sample,
      quarter: 5 as 1,
      fiscalYearStartMonth: 13,
      basis: { kind: 'known-at', knownAt: '2024-01-15T09:00:00' },
      derivedCounts: [
        { status: 'Green', count: 20 },
        { status: 'green', count: 20.5 },
      ],
      groups: [{ name: 'Corporate', total: 8, counts: [{ status: 'Completed', count: 7 }] }],
      exceptions: {
        decisions: [{ code: 'D', title: 'D', lastCommentOn: '2023-13-01' }],
        red: [{ code: 'A', title: 'A', dueDate: '31-Mar-2024', percentComplete: 101 }],
        overdue: [],
        disagreements: [],
      },
      dueDateMoves: [
        {
          code: 'B',
          title: 'B',
          originalDueDate: '2020-04-31',
          currentDueDate: '2024-02-29',
          revisions: [{ from: '2020-04-31', to: '2024-02-29', effectiveOn: '2023-02-29', reason: '' }],
        },
      ],
    });
    expect(issues).toEqual([
      'quarter: 5 is not 1, 2, 3 or 4',
      'fiscalYearStartMonth: 13 is not a month 1–12',
      "basis.knownAt: '2024-01-15T09:00:00' is not an ISO date-time with Z or an offset",
      'derivedCounts[1].count: 20.5 is not a whole number, zero or more',
      "derivedCounts[1].status: 'green' appears twice",
      'derivedCounts: counts sum to 20, not the total 40',
      'groups[0].counts: counts sum to 7, not the total 8',
      "exceptions.decisions[0].lastCommentOn: '2023-13-01' is not a YYYY-MM-DD date that exists",
      "exceptions.red[0].dueDate: '31-Mar-2024' is not a YYYY-MM-DD date that exists",
      'exceptions.red[0].percentComplete: 101 is not between 0 and 100',
      "dueDateMoves[0].originalDueDate: '2020-04-31' is not a YYYY-MM-DD date that exists",
      "dueDateMoves[0].revisions[0].from: '2020-04-31' is not a YYYY-MM-DD date that exists",
      "dueDateMoves[0].revisions[0].effectiveOn: '2023-02-29' is not a YYYY-MM-DD date that exists",
    ]);
  });

  it('accepts null for unknown facts', () => {
    expect(
      issuesOf({
        ...sample,
        exceptions: {
          red: [{ code: 'A', title: 'A', dueDate: null, percentComplete: null, lastCommentOn: null }],
          overdue: [],
          disagreements: [],
        },
      }),
    ).toEqual([]);
  });
});
