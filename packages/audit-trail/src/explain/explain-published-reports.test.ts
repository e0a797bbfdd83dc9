import { publishReport } from '@perfledger/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { councilScenario } from '../test-support/council-scenario.js';
import { type TestLedger, testLedger } from '../test-support/test-ledger.js';
import { explain } from './explain.js';

// Issue 17, item 5: `explain` says, without being asked, which published reports (the ledger's
// own ReportPublished events) a change came after.

describe('explain reads the published reports from the ledger', () => {
  let t: TestLedger;
  beforeEach(async () => {
    t = await testLedger('2015-04-01T09:00:00Z');
    const publish = async (at: string, quarter: 1 | 2 | 3, reportId: string) => {
      t.clock.set(at);
      await publishReport(t.ledger, {
        fy: '2019/20',
        quarter,
        content: `report ${reportId}`,
        format: 'md',
        generator: 'test',
        reportId,
        actor: 'performance.team',
      });
    };
    for (const entry of councilScenario) {
      // The quarter reports went out between the scenario's entries.
      if (entry.at === '2019-10-20T11:15:00Z') await publish('2019-08-05T10:00:00Z', 1, 'CAB-2019-08');
      if (entry.at === '2020-02-10T16:45:00Z') await publish('2020-01-20T10:00:00Z', 3, 'CAB-2020-01');
      t.clock.set(entry.at);
      await t.ledger.executeAll(entry.commands, entry.meta);
    }
  });
  afterEach(() => t.cleanup());

  it('names the report a back-dated change came after, with its reference and position', async () => {
    const story = await explain(t.ledger, 'DEM1518_02');
    const late = story.changes.at(-1)!;
    expect(late.afterPublication).toEqual([
      expect.objectContaining({
        label: '2019/20 Q3',
        publishedAt: '2020-01-20T10:00:00.000000Z',
        changesQuarterEndValue: true,
        report: expect.objectContaining({ reportId: 'CAB-2020-01' }),
      }),
    ]);
    expect(late.sentence).toMatch(
      /It was recorded after the 2019\/20 Q3 report CAB-2020-01 was published \(20 Jan 2020 10:00 UTC, position \d+\), and changes the due date as at that quarter's end \(31 Dec 2019\)\./,
    );
    // The Q1 progress correction came after the Q1 report.
    const progress = await explain(t.ledger, 'DEM1518_02', { field: 'percentComplete' });
    expect(progress.changes.at(-1)?.afterPublication.map((p) => p.report?.reportId)).toEqual(['CAB-2019-08']);
  });

  it('as known before a publication, that publication is not there yet', async () => {
    const story = await explain(t.ledger, 'DEM1518_02', { knownAt: '2020-01-19T00:00:00Z' });
    for (const change of story.changes) expect(change.afterPublication).toEqual([]);
  });

  it('a publication passed in that the ledger records is listed once', async () => {
    const story = await explain(t.ledger, 'DEM1518_02', {
      publications: [
        { fy: '2019/20', quarter: 3, publishedAt: '2020-01-20T10:00:00Z' },
        // Published outside the ledger: listed too, without a report reference.
        { fy: '2019/20', quarter: 3, publishedAt: '2020-01-25T10:00:00Z' },
      ],
    });
    const late = story.changes.at(-1)!;
    expect(late.afterPublication.map((p) => [p.publishedAt, p.report?.reportId ?? null])).toEqual([
      ['2020-01-20T10:00:00.000000Z', 'CAB-2020-01'],
      ['2020-01-25T10:00:00.000000Z', null],
    ]);
  });
});
