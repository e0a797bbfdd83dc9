import type { CommandInput, EventMetadata } from '@perfledger/core';
import { type TestLedger, testLedger } from './test-ledger.js';

/** One step of the scenario: when it is recorded, by whom, and what. */
interface Entry {
  readonly at: string;
  readonly meta: EventMetadata;
  readonly commands: readonly CommandInput[];
}

const officer = { actor: 'p.officer', source: 'portal' };

/**
 * Two actions from seed 001 (Bassetlaw-style Pentana report) told over four years: DEM1518_02's
 * due date revised from June 2019 to December 2020 with Cabinet approval, a Q1 progress figure
 * corrected after the Q1 report went out, a back-dated second revision; RBCS1620_05's
 * implementation delayed to September 2019, then completed.
 */
export const councilScenario: readonly Entry[] = [
  {
    at: '2015-04-01T09:00:00Z',
    meta: { ...officer, correlationId: 'import-2015' },
    commands: [
      {
        type: 'RegisterAction',
        code: 'DEM1518_02',
        effectiveOn: '2015-04-01',
        title: 'Transfer of Land Charges function to Land Registry',
        plan: 'Corporate Plan 2015-18',
        directorate: 'Resources',
        section: 'Democratic Services',
        owner: 'Head of Legal and Democratic Services',
        dueDate: '2019-06-30',
        statusKey: 'pentana',
      },
      {
        type: 'RegisterAction',
        code: 'RBCS1620_05',
        effectiveOn: '2015-04-01',
        title: 'Widen the use of e-forms',
        plan: 'Corporate Plan 2015-18',
        directorate: 'Resources',
        section: 'Revenues, Benefits and Customer Services',
        dueDate: '2019-06-30',
        statusKey: 'pentana',
        note: 'Carried forward from the 2016-20 plan',
      },
    ],
  },
  {
    at: '2019-07-10T14:00:00Z',
    meta: { ...officer, correlationId: 'q1-2019' },
    commands: [
      { type: 'UpdateProgress', code: 'DEM1518_02', effectiveOn: '2019-06-30', percentComplete: 5 },
      { type: 'ChangeStatus', code: 'DEM1518_02', effectiveOn: '2019-06-30', status: 'in progress' },
      { type: 'UpdateProgress', code: 'RBCS1620_05', effectiveOn: '2019-06-30', percentComplete: 90 },
      { type: 'ChangeStatus', code: 'RBCS1620_05', effectiveOn: '2019-06-30', status: 'Warning' },
    ],
  },
  {
    at: '2019-07-15T09:30:00Z',
    meta: { actor: 'j.smith', source: 'cli', correlationId: 'cab-19-07' },
    commands: [
      {
        type: 'ReviseDueDate',
        code: 'DEM1518_02',
        effectiveOn: '2019-07-01',
        to: '2020-12-31',
        reason: 'Due date revised from June 2019.',
        approver: 'Cabinet',
        approvalReference: 'CAB/19/07',
      },
      {
        type: 'ReviseDueDate',
        code: 'RBCS1620_05',
        effectiveOn: '2019-07-01',
        to: '2019-09-30',
        reason: 'Implementation date delayed to September 2019 allowing further testing',
        note: 'E-forms are continuing to be developed.',
      },
    ],
  },
  {
    // After the Q1 report (published 5 Aug 2019): the Q1 figure was wrong.
    at: '2019-10-20T11:15:00Z',
    meta: { actor: 'j.smith', source: 'cli' },
    commands: [
      {
        type: 'UpdateProgress',
        code: 'DEM1518_02',
        effectiveOn: '2019-06-30',
        percentComplete: 10,
        note: 'Q1 figure corrected: survey work had been omitted',
      },
      {
        type: 'CloseAction',
        code: 'RBCS1620_05',
        effectiveOn: '2019-09-30',
        outcome: 'completed',
        note: '-5% under budget',
      },
    ],
  },
  {
    // Back-dated to Q3's end, recorded after the Q3 report (published 20 Jan 2020).
    at: '2020-02-10T16:45:00Z',
    meta: { actor: 'a.jones', source: 'portal' },
    commands: [
      {
        type: 'ReviseDueDate',
        code: 'DEM1518_02',
        effectiveOn: '2019-12-31',
        to: '2021-03-31',
        reason: 'Land Registry timetable moved',
      },
    ],
  },
];

/** Published quarter reports for the scenario. */
export const scenarioPublications = [
  { fy: '2019/20', quarter: 1, publishedAt: '2019-08-05T10:00:00Z' },
  { fy: '2019/20', quarter: 2, publishedAt: '2019-11-04T10:00:00Z' },
  { fy: '2019/20', quarter: 3, publishedAt: '2020-01-20T10:00:00Z' },
] as const;

/** A ledger holding the scenario with the audit projection running inline. */
export async function councilLedger(): Promise<TestLedger> {
  const t = await testLedger('2015-04-01T09:00:00Z');
  for (const entry of councilScenario) {
    t.clock.set(entry.at);
    await t.ledger.executeAll(entry.commands, entry.meta);
  }
  return t;
}
