import type { CommandInput } from '@perfledger/core';
import { openTestLedger, type TestLedger, type TestLedgerProjections } from './test-ledger.js';

const register = (
  code: string,
  title: string,
  directorate: string,
  dueDate: string,
  effectiveOn: string,
  plan = 'Corporate Plan 2016-2020',
): CommandInput => ({
  type: 'RegisterAction',
  code,
  effectiveOn,
  title,
  plan,
  directorate,
  section: directorate,
  dueDate,
  statusKey: 'pentana',
});

/**
 * A ledger shaped like the seeds (Broxtowe's 2019 business plans, a 2023/24 council plan):
 * - FP1922_02, FP1922_03: never revised.
 * - DEM1518_02: 30 Jun 2019 → 31 Mar 2020 (approved 3 Jul 2019) → 31 Dec 2020 (approved
 *   Feb 2020); moved from Administrative Services to Legal Services effective 1 Jan 2020.
 * - RBCS1620_05: 30 Jun 2019 → 30 Sep 2019, effective 28 Jun, recorded 12 Jul 2019.
 * - 1.02.20: 31 Dec 2023 → 31 Mar 2024, effective 15 Dec 2023 but recorded 20 Jan 2024,
 *   after the Q3 report was published on 15 Jan.
 */
export async function openSeedLedger(options: TestLedgerProjections = {}): Promise<TestLedger> {
  const test = await openTestLedger({ start: '2019-04-02T09:00:00Z', ...options });
  const { ledger, clock } = test;
  await ledger.executeAll(
    [
      register(
        'FP1922_02',
        'Implement web based Financial Management Software',
        'Finance Services',
        '2019-06-30',
        '2019-04-01',
      ),
      register(
        'FP1922_03',
        'Introduce Intelligent Scanning to all Departments',
        'Finance Services',
        '2019-12-31',
        '2019-04-01',
      ),
      register(
        'DEM1518_02',
        'Transfer of Land Charges function to Land Registry',
        'Administrative Services',
        '2019-06-30',
        '2019-04-01',
      ),
      register(
        'RBCS1620_05',
        'Widen the use of e-forms',
        'Revenues, Benefits and Customer Services',
        '2019-06-30',
        '2019-04-01',
      ),
    ],
    { actor: 'import:business-plans-2019.csv' },
  );
  clock.jumpTo('2019-07-10T10:00:00Z');
  await ledger.execute(
    {
      type: 'ReviseDueDate',
      code: 'DEM1518_02',
      effectiveOn: '2019-07-03',
      to: '2020-03-31',
      reason: 'Land Registry migration timetable moved',
      approver: 'Policy and Performance Committee',
      approvalReference: 'PPC 3 July 2019 minute 14',
    },
    { actor: 'dem.officer' },
  );
  clock.jumpTo('2019-07-12T10:00:00Z');
  await ledger.execute(
    {
      type: 'ReviseDueDate',
      code: 'RBCS1620_05',
      effectiveOn: '2019-06-28',
      to: '2019-09-30',
      reason: 'Implementation date delayed to September 2019 allowing further testing',
    },
    { actor: 'rbcs.officer' },
  );
  clock.jumpTo('2020-02-10T10:00:00Z');
  await ledger.execute(
    {
      type: 'ReviseDueDate',
      code: 'DEM1518_02',
      effectiveOn: '2020-02-05',
      to: '2020-12-31',
      reason: 'Land Registry confirmed a December 2020 go-live',
      approver: 'Cabinet',
      approvalReference: 'CAB/2020/07',
    },
    { actor: 'dem.officer' },
  );
  clock.jumpTo('2020-02-11T10:00:00Z');
  await ledger.execute(
    {
      type: 'AmendActionDetails',
      code: 'DEM1518_02',
      effectiveOn: '2020-01-01',
      directorate: 'Legal Services',
    },
    { actor: 'performance.team' },
  );
  clock.jumpTo('2023-04-03T09:00:00Z');
  await ledger.execute(
    register(
      '1.02.20',
      'Deliver the town centre masterplan',
      'Place',
      '2023-12-31',
      '2023-04-01',
      'Council Plan 2019-2023',
    ),
    { actor: 'import:council-plan.csv' },
  );
  clock.jumpTo('2024-01-20T09:00:00Z');
  await ledger.execute(
    {
      type: 'ReviseDueDate',
      code: '1.02.20',
      effectiveOn: '2023-12-15',
      to: '2024-03-31',
      reason: 'The final completion date has been extended to March 2024 from December 2023',
      approver: 'Executive',
    },
    { actor: 'place.officer' },
  );
  return test;
}
