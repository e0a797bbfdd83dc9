import { describe, expect, it } from 'vitest';
import type { CommitteeReportInput } from './committee-report-input.js';
import { renderCommitteeReport } from './render-committee-report.js';
import { sampleCommitteeReportInput as sample } from './test-support/sample-committee-report-input.js';

// Issue 17: the committee report says whether each plan's return was approved (sign-off), and
// marks actions with no return for the quarter as not updated (item 8).
const visibleText = (page: string) =>
  page
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

const withReturns: CommitteeReportInput = {
  ...sample,
  signOff: [
    {
      plan: 'Corporate Plan 2018-23',
      state: 'approved',
      submittedBy: 'j.smith',
      approvedBy: 'head.of.service',
    },
    {
      plan: 'Promoting Prosperity PDP 2019-20',
      state: 'submitted',
      submittedBy: 'a.jones',
      approvedBy: null,
    },
  ],
  exceptions: {
    ...sample.exceptions,
    notUpdated: [
      { code: 'PP1920_02', title: 'Business grants scheme', percentComplete: 40, reportedStatus: 'Amber' },
    ],
  },
};

describe('committee report and returns', () => {
  it('says, for each plan, whether its return for the quarter was approved, and by whom', () => {
    const text = visibleText(renderCommitteeReport(withReturns));
    expect(text).toContain(
      'Return sign-off Corporate Plan 2018-23: approved (submitted by j.smith, approved by head.of.service) ; Promoting Prosperity PDP 2019-20: not approved: submitted by a.jones, awaiting approval',
    );
  });

  it('counts and lists the actions not updated for the quarter', () => {
    const text = visibleText(renderCommitteeReport(withReturns));
    expect(text).toMatch(/1 Not updated/);
    expect(text).toMatch(
      /Not updated .*Open actions with no return and no change for the quarter.*PP1920_02/,
    );
  });

  it('says nothing of sign-off or updates when the input gives neither', () => {
    const text = visibleText(renderCommitteeReport(sample));
    expect(text).not.toContain('Return sign-off');
    expect(text).not.toContain('Not updated');
  });
});
