import type { CommitteeReportInput, ExceptionItem } from '../committee-report-input.js';

const behind: ExceptionItem = {
  code: 'FP1922_02',
  title: 'Improvements to Cannock Railway Station: outline business case',
  owner: 'Head of Economic Prosperity',
  section: 'Promoting Prosperity',
  dueDate: '2023-09-30',
  percentComplete: 40,
  reportedStatus: 'Behind > 1 quarter',
  derivedStatus: 'Overdue',
  lastComment:
    'There have been delays in West Midlands Railways procuring a consultant. A consultant has now been appointed and the target for completing the OBC has been revised to Q4.',
  lastCommentOn: '2023-12-31',
};

const leisure: ExceptionItem = {
  code: 'LA1821_01.1',
  title: 'Review of compliance and enforcement policies for taxi and private hire licensing',
  owner: 'Licensing Manager',
  section: 'Environment, Partnerships and Community Safety',
  dueDate: '2023-12-15',
  percentComplete: 75,
  reportedStatus: 'Slightly behind',
  derivedStatus: 'Overdue',
  lastComment: 'Consultation closed on 8 December; report to Licensing Committee in January.',
  lastCommentOn: '2023-12-20',
};

const greenButLate: ExceptionItem = {
  code: '1.01.02',
  title: 'Adopt the Local Plan',
  owner: 'Planning Policy Manager',
  section: 'Corporate',
  dueDate: '2023-11-30',
  percentComplete: 90,
  reportedStatus: 'Completed',
  derivedStatus: 'Overdue',
  lastComment: 'Adopted at Council on 6 December; closure not yet recorded.',
  lastCommentOn: '2023-12-06',
};

const toBeClosed: ExceptionItem = {
  code: 'FP1922_11',
  title: 'Refurbishment of the Cannock Chase Enterprise Centre',
  owner: 'Head of Economic Prosperity',
  section: 'Promoting Prosperity',
  dueDate: '2024-03-31',
  percentComplete: 10,
  reportedStatus: 'To be closed',
  derivedStatus: 'In Progress',
  lastComment: 'The funding bid was unsuccessful; Cabinet is asked to agree that the project is closed.',
  lastCommentOn: '2023-12-31',
};

/**
 * A realistic 2023/24 Q3 report for a district council using the delivery-plan status key,
 * shaped after the printed reports in the seeds. Tests derive variants from it.
 */
export const sampleCommitteeReportInput: CommitteeReportInput = {
  title: 'Corporate Plan 2018-23: Priority Delivery Plans',
  organisation: 'Cannock Chase District Council',
  fy: '2023/24',
  quarter: 3,
  quarterStart: '2023-10-01',
  quarterEnd: '2023-12-31',
  basis: { kind: 'known-at', knownAt: '2024-01-15T09:00:00Z' },
  generatedAt: '2024-02-01T10:30:00Z',
  provenance: {
    position: 1234,
    headHash: '9f2c0a41d7e3b5a8c6f1e2d3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3',
    generator: 'perfledger 0.1.0',
  },
  statusKeyLabel: 'delivery-plan',
  counts: [
    { status: 'Completed', count: 20 },
    { status: 'Slightly behind', count: 11 },
    { status: 'Behind > 1 quarter', count: 8 },
    { status: 'To be closed', count: 1 },
  ],
  derivedCounts: [
    { status: 'Completed', count: 19 },
    { status: 'In Progress', count: 9 },
    { status: 'Warning', count: 3 },
    { status: 'Overdue', count: 8 },
    { status: 'Cancelled', count: 1 },
  ],
  total: 40,
  groupsHeading: 'Progress in delivering actions by plan',
  groupsColumn: 'Plan',
  groups: [
    {
      name: 'Promoting Prosperity',
      total: 14,
      counts: [
        { status: 'Completed', count: 10 },
        { status: 'Behind > 1 quarter', count: 3 },
        { status: 'To be closed', count: 1 },
      ],
    },
    {
      name: 'Improving Community Wellbeing – Health and Culture and Sport',
      total: 6,
      counts: [
        { status: 'Completed', count: 3 },
        { status: 'Slightly behind', count: 1 },
        { status: 'Behind > 1 quarter', count: 2 },
      ],
    },
    {
      name: 'Improving Community Wellbeing – Environment, Partnerships and Community Safety',
      total: 12,
      counts: [
        { status: 'Completed', count: 5 },
        { status: 'Slightly behind', count: 5 },
        { status: 'Behind > 1 quarter', count: 2 },
      ],
    },
    {
      name: 'Corporate',
      total: 8,
      counts: [
        { status: 'Completed', count: 2 },
        { status: 'Slightly behind', count: 5 },
        { status: 'Behind > 1 quarter', count: 1 },
      ],
    },
  ],
  exceptions: {
    decisions: [toBeClosed],
    red: [behind],
    overdue: [behind, leisure],
    disagreements: [leisure, greenButLate],
  },
  dueDateMoves: [
    {
      code: 'DEM1518_02',
      title: 'Demolition of the former civic offices and site clearance',
      originalDueDate: '2022-06-30',
      currentDueDate: '2024-12-31',
      revisions: [
        {
          from: '2022-06-30',
          to: '2023-03-31',
          effectiveOn: '2022-06-15',
          reason: 'Due date revised from June 2022: asbestos survey extended',
          approver: 'Leadership Team',
        },
        {
          from: '2023-03-31',
          to: '2024-12-31',
          effectiveOn: '2023-03-20',
          reason: 'Contractor entered administration; re-procurement required',
          approver: 'Cabinet',
        },
      ],
    },
    {
      code: 'RBCS1620_05',
      title: 'Implement the new revenues and benefits system',
      originalDueDate: '2023-06-30',
      currentDueDate: '2023-09-30',
      revisions: [
        {
          from: '2023-06-30',
          to: '2023-09-30',
          effectiveOn: '2023-06-01',
          reason: 'Implementation date delayed to September 2023',
          approver: null,
        },
      ],
    },
    {
      code: 'CP2324_07',
      title: 'Local Plan examination in public',
      originalDueDate: '2023-09-30',
      currentDueDate: '2024-03-31',
      revisions: [
        {
          from: '2023-09-30',
          to: '2023-12-31',
          effectiveOn: '2023-09-15',
          reason: "Inspector's hearing sessions rescheduled",
          approver: 'Cabinet',
        },
        {
          from: '2023-12-31',
          to: '2024-03-31',
          effectiveOn: '2023-12-10',
          reason: 'The final completion date has been extended to March 2024 from December 2023',
          approver: 'Cabinet',
        },
      ],
    },
    {
      code: 'FP1922_09',
      title: 'Town centre wayfinding scheme',
      originalDueDate: '2024-06-30',
      currentDueDate: '2024-03-31',
      revisions: [
        {
          from: '2024-06-30',
          to: '2024-03-31',
          effectiveOn: '2023-11-01',
          reason: 'External funding confirmed early; delivery brought forward',
          approver: 'Leadership Team',
        },
      ],
    },
  ],
  restatements: {
    asReportedAt: '2024-01-15T09:00:00Z',
    items: [
      {
        code: '1.01.02',
        title: 'Adopt the Local Plan',
        changes: [
          { field: 'Reported status', asReported: 'Slightly behind', asNowKnown: 'Completed' },
          { field: '% complete', asReported: '80%', asNowKnown: '90%' },
        ],
      },
    ],
  },
  statusSymbols: { Completed: '✓', 'Behind > 1 quarter': 'Δ', 'To be closed': '×' },
  titleBlock: {
    committee: 'Cabinet',
    meetingDate: '2024-02-15',
    author: 'Head of Governance and Corporate Services',
    contact: 'Adrian Marklew, 01543 464 598',
    plans: ['Promoting Prosperity', 'Corporate'],
  },
  headline: '77.5% of actions have been achieved or are in progress.',
  recommendations: [
    {
      status: 'Behind > 1 quarter',
      meaning: 'attention',
      wording: 'Δ “Behind > 1 quarter”, which require amendment to the timescale or scope',
      items: [behind],
    },
    {
      status: 'To be closed',
      meaning: 'decision',
      wording: '× “To be closed”, which require the action to be closed',
      items: [toBeClosed],
    },
  ],
  appendices: [
    {
      plan: 'Promoting Prosperity',
      groupedBy: 'section',
      total: 2,
      counts: [
        { status: 'Completed', count: 0 },
        { status: 'Slightly behind', count: 0 },
        { status: 'Behind > 1 quarter', count: 1 },
        { status: 'To be closed', count: 1 },
      ],
      groups: [
        { name: 'Promoting Prosperity', items: [{ ...behind, originalDueDate: '2023-06-30' }, toBeClosed] },
      ],
    },
    {
      plan: 'Corporate',
      groupedBy: 'section',
      total: 2,
      counts: [
        { status: 'Completed', count: 1 },
        { status: 'Slightly behind', count: 1 },
        { status: 'Behind > 1 quarter', count: 0 },
        { status: 'To be closed', count: 0 },
      ],
      groups: [
        { name: 'Corporate', items: [greenButLate] },
        {
          name: 'Environment, Partnerships and Community Safety',
          items: [{ ...leisure, percentComplete: null, lastComment: null }],
        },
      ],
    },
  ],
};
