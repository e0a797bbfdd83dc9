import type { CommandInput } from '@perfledger/core';

/**
 * One step of the example history: when the ledger learned it (simulated), who told it, and the
 * commands. The actions, titles, dates and comments come from the public Broxtowe Borough Council
 * business-plan report in shared/seeds/001 (2019/20).
 */
export interface HistoryStep {
  readonly recordedAt: string;
  readonly actor: string;
  readonly label: string;
  readonly commands: readonly CommandInput[];
}

const plan = 'Resources Business Plan 2019-22';

const register = (
  code: string,
  title: string,
  section: string,
  dueDate: string,
  directorate = 'Resources',
): CommandInput => ({
  type: 'RegisterAction',
  code,
  effectiveOn: '2019-04-01',
  title,
  plan,
  directorate,
  section,
  dueDate,
  statusKey: 'pentana',
});

/** The example's history, in the order the ledger learned it. */
export const history: readonly HistoryStep[] = [
  {
    recordedAt: '2019-04-02T09:00:00Z',
    actor: 'performance.team',
    label: 'Business plan 2019/20 approved and loaded',
    commands: [
      register('FP1922_01', 'Produce final accounts by end of May', 'Finance Services', '2019-05-31'),
      register(
        'FP1922_02',
        'Implement web based Financial Management Software',
        'Finance Services',
        '2019-06-30',
      ),
      register(
        'FP1922_03',
        'Introduce Intelligent Scanning to all Departments',
        'Finance Services',
        '2019-12-31',
      ),
      register(
        'DEM1518_02',
        'Transfer of Land Charges function to Land Registry',
        'Administrative Services',
        '2019-06-30',
      ),
      register(
        'RBCS1620_05',
        'Widen the use of e-forms',
        'Revenues, Benefits and Customer Services',
        '2019-06-30',
        'Revenues, Benefits and Customer Services',
      ),
    ],
  },
  {
    recordedAt: '2019-07-12T10:15:00Z',
    actor: 'finance.officer',
    label: 'Quarter 1 updates (as at 30 June 2019)',
    commands: [
      { type: 'UpdateProgress', code: 'FP1922_01', effectiveOn: '2019-05-31', percentComplete: 100 },
      { type: 'ChangeStatus', code: 'FP1922_01', effectiveOn: '2019-05-31', status: 'completed' },
      {
        type: 'CloseAction',
        code: 'FP1922_01',
        effectiveOn: '2019-05-31',
        outcome: 'completed',
        note: 'Financial Accounts 2018/19 completed by 31 May 2019 deadline.',
      },
      { type: 'UpdateProgress', code: 'FP1922_02', effectiveOn: '2019-06-30', percentComplete: 90 },
      { type: 'ChangeStatus', code: 'FP1922_02', effectiveOn: '2019-06-30', status: 'overdue' },
      {
        type: 'AddComment',
        code: 'FP1922_02',
        effectiveOn: '2019-06-30',
        comment: 'Systems have been updated and testing is completed. Rollout took place in summer 2019.',
      },
      { type: 'UpdateProgress', code: 'FP1922_03', effectiveOn: '2019-06-30', percentComplete: 25 },
      { type: 'ChangeStatus', code: 'FP1922_03', effectiveOn: '2019-06-30', status: 'In Progress' },
      { type: 'UpdateProgress', code: 'DEM1518_02', effectiveOn: '2019-06-30', percentComplete: 5 },
      { type: 'ChangeStatus', code: 'DEM1518_02', effectiveOn: '2019-06-30', status: 'In progress' },
      { type: 'UpdateProgress', code: 'RBCS1620_05', effectiveOn: '2019-06-30', percentComplete: 80 },
      { type: 'ChangeStatus', code: 'RBCS1620_05', effectiveOn: '2019-06-30', status: 'WARNING' },
    ],
  },
  {
    recordedAt: '2019-07-18T14:40:00Z',
    actor: 'democratic.services',
    label: 'Committee approves revised timescales',
    commands: [
      {
        type: 'ReviseDueDate',
        code: 'DEM1518_02',
        effectiveOn: '2019-07-18',
        to: '2020-12-31',
        reason:
          'Due date revised from June 2019: the Land Registry migration programme has been rescheduled nationally.',
        approver: 'Policy and Performance Committee',
        approvalReference: 'PPC 2019-07-18 item 6',
      },
      {
        type: 'ReviseDueDate',
        code: 'RBCS1620_05',
        effectiveOn: '2019-07-18',
        to: '2019-09-30',
        reason: 'Implementation date delayed to September 2019 allowing further testing.',
        approver: 'Policy and Performance Committee',
      },
    ],
  },
  {
    recordedAt: '2019-10-14T11:05:00Z',
    actor: 'finance.officer',
    label: 'Quarter 2 updates (as at 30 September 2019)',
    commands: [
      { type: 'UpdateProgress', code: 'FP1922_03', effectiveOn: '2019-09-30', percentComplete: 40 },
      { type: 'ChangeStatus', code: 'FP1922_03', effectiveOn: '2019-09-30', status: 'Warning' },
      { type: 'UpdateProgress', code: 'RBCS1620_05', effectiveOn: '2019-09-30', percentComplete: 90 },
      {
        type: 'AddComment',
        code: 'RBCS1620_05',
        effectiveOn: '2019-09-30',
        comment: 'E-forms are continuing to be developed.',
      },
    ],
  },
  {
    recordedAt: '2020-01-20T16:30:00Z',
    actor: 'internal.audit',
    label: 'Back-dated correction: Q2 progress of FP1922_03 was overstated',
    commands: [
      {
        type: 'UpdateProgress',
        code: 'FP1922_03',
        effectiveOn: '2019-09-30',
        percentComplete: 30,
        note: 'Correction after audit sampling: scanning was installed but not yet tested at 30 September.',
      },
    ],
  },
  {
    recordedAt: '2020-01-22T09:45:00Z',
    actor: 'finance.officer',
    label: 'Quarter 3 updates (as at 31 December 2019)',
    commands: [
      { type: 'UpdateProgress', code: 'FP1922_03', effectiveOn: '2019-12-31', percentComplete: 50 },
      {
        type: 'AddComment',
        code: 'FP1922_03',
        effectiveOn: '2019-12-31',
        comment: 'Intelligent Scanning has been installed and being tested.',
      },
      { type: 'UpdateProgress', code: 'DEM1518_02', effectiveOn: '2019-12-31', percentComplete: 15 },
      { type: 'UpdateProgress', code: 'RBCS1620_05', effectiveOn: '2019-12-31', percentComplete: 100 },
      { type: 'ChangeStatus', code: 'RBCS1620_05', effectiveOn: '2019-12-31', status: 'Completed' },
      { type: 'CloseAction', code: 'RBCS1620_05', effectiveOn: '2019-12-31', outcome: 'completed' },
    ],
  },
];
