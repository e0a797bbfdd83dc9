import type { CommandInput } from '@perfledger/core';
import { createTestLedger, type TestLedger } from './test-ledger.js';

const BUSINESS_PLAN = 'Resources Business Plan 2019-22';

function register(
  code: string,
  title: string,
  section: string,
  dueDate: string,
  statusKey = 'pentana',
  effectiveOn = '2019-04-01',
): CommandInput {
  return {
    type: 'RegisterAction',
    code,
    effectiveOn,
    title,
    plan: BUSINESS_PLAN,
    directorate: section === 'Revenues, Benefits and Customer Services' ? 'Revenues' : 'Resources',
    section,
    dueDate,
    statusKey,
    owner: 'Head of Service',
  };
}

/** The instant the 2019/20 Q2 report was published: everything recorded later is a restatement. */
export const Q2_PUBLISHED = '2019-10-15T17:00:00Z';

/**
 * A ledger shaped like seed 001 (a Pentana business-plan report, FY 2019/20 Q2, as at
 * 30 September 2019), plus a RAG action, an action closed in the previous year, and corrections
 * recorded after publication.
 */
export async function seedLedger(): Promise<TestLedger> {
  const t = await createTestLedger({ start: '2019-04-02T09:00:00Z' });
  const { ledger, clock } = t;
  const actor = { actor: 'performance.officer' };
  await ledger.executeAll(
    [
      register(
        'FP1819_07',
        'Close the old payroll contract',
        'Finance Services',
        '2019-01-31',
        'pentana',
        '2018-06-01',
      ),
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
        'FP1922_04',
        'Produce a refreshed Procurement Strategy for approval by Members',
        'Finance Services',
        '2019-07-31',
      ),
      register(
        'DEM1518_02',
        'Transfer of Land Charges function to Land Registry',
        'Democratic Services',
        '2019-06-30',
      ),
      register(
        'RBCS1620_05',
        'Widen the use of e-forms',
        'Revenues, Benefits and Customer Services',
        '2019-06-30',
      ),
      register('1.02.20', 'Deliver the town centre masterplan', 'Regeneration', '2019-08-31', 'rag'),
    ],
    { actor: 'import:business-plan.csv' },
  );
  await ledger.execute(
    { type: 'CloseAction', code: 'FP1819_07', effectiveOn: '2019-02-28', outcome: 'completed' },
    actor,
  );
  const updates: CommandInput[] = [
    { type: 'UpdateProgress', code: 'FP1922_01', effectiveOn: '2019-05-31', percentComplete: 100 },
    { type: 'ChangeStatus', code: 'FP1922_01', effectiveOn: '2019-05-31', status: 'Completed' },
    {
      type: 'AddComment',
      code: 'FP1922_01',
      effectiveOn: '2019-05-31',
      comment: 'Financial Accounts 2018/19 completed by 31 May 2019 deadline.',
    },
    { type: 'CloseAction', code: 'FP1922_01', effectiveOn: '2019-05-31', outcome: 'completed' },
    { type: 'UpdateProgress', code: 'FP1922_02', effectiveOn: '2019-09-30', percentComplete: 90 },
    { type: 'ChangeStatus', code: 'FP1922_02', effectiveOn: '2019-09-30', status: 'Overdue' },
    {
      type: 'AddComment',
      code: 'FP1922_02',
      effectiveOn: '2019-09-30',
      comment: 'Systems have been updated and testing is completed. Rollout took place in summer 2019.',
    },
    { type: 'UpdateProgress', code: 'FP1922_03', effectiveOn: '2019-09-30', percentComplete: 50 },
    { type: 'ChangeStatus', code: 'FP1922_03', effectiveOn: '2019-09-30', status: 'Warning' },
    { type: 'UpdateProgress', code: 'FP1922_04', effectiveOn: '2019-07-03', percentComplete: 100 },
    { type: 'ChangeStatus', code: 'FP1922_04', effectiveOn: '2019-07-03', status: 'complete' },
    {
      type: 'AddComment',
      code: 'FP1922_04',
      effectiveOn: '2019-07-03',
      comment: 'Adoption is delayed pending updates to the Constitution and Financial Regulations.',
    },
    {
      type: 'ReviseDueDate',
      code: 'DEM1518_02',
      effectiveOn: '2019-07-15',
      to: '2020-12-31',
      reason: 'Due date revised from June 2019',
      approver: 'Policy and Performance Committee',
    },
    { type: 'UpdateProgress', code: 'DEM1518_02', effectiveOn: '2019-09-30', percentComplete: 5 },
    { type: 'ChangeStatus', code: 'DEM1518_02', effectiveOn: '2019-09-30', status: 'In Progress' },
    {
      type: 'ReviseDueDate',
      code: 'RBCS1620_05',
      effectiveOn: '2019-07-01',
      to: '2019-09-30',
      reason: 'Implementation date delayed to September 2019 allowing further testing',
    },
    { type: 'UpdateProgress', code: 'RBCS1620_05', effectiveOn: '2019-09-30', percentComplete: 90 },
    { type: 'ChangeStatus', code: 'RBCS1620_05', effectiveOn: '2019-09-30', status: 'Warning' },
    { type: 'UpdateProgress', code: '1.02.20', effectiveOn: '2019-09-30', percentComplete: 60 },
    { type: 'ChangeStatus', code: '1.02.20', effectiveOn: '2019-09-30', status: 'Green' },
  ];
  clock.jumpTo('2019-10-07T09:00:00Z');
  await ledger.executeAll(updates, { actor: 'performance.officer', source: 'q2-return' });
  // After publication: a back-dated correction, a late registration, and next-quarter news.
  clock.jumpTo('2019-11-02T10:00:00Z');
  await ledger.execute(
    {
      type: 'UpdateProgress',
      code: 'FP1922_03',
      effectiveOn: '2019-09-30',
      percentComplete: 60,
      note: 'Corrected Q2 figure',
    },
    { actor: 'finance.officer' },
  );
  await ledger.execute(
    register('ICT1920_01', 'Digital Strategy Implementation', 'ICT', '2020-03-31', 'pentana', '2019-09-01'),
    {
      actor: 'ict.manager',
    },
  );
  await ledger.execute(
    { type: 'CloseAction', code: 'FP1922_02', effectiveOn: '2019-10-20', outcome: 'completed' },
    { actor: 'finance.officer' },
  );
  return t;
}
