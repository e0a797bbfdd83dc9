import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadonlyLedger } from '@perfledger/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBasic } from './run-basic.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'perfledger-example-basic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('examples/basic', () => {
  it('records an action and reads back the quarter-end view and the story of its due date', async () => {
    const lines: string[] = [];
    await runBasic(join(dir, 'plan.db'), (line) => lines.push(line));

    expect(lines[0]).toBe('2020-12-31 2019-06-30 In Progress');
    expect(lines[1]).toMatch(/^DEM1518_02 was registered on 1 Apr 2019 .* with a due date of 30 Jun 2019\.$/);
    expect(lines[2]).toContain(
      'by democratic.services) the due date of DEM1518_02 moved from 30 Jun 2019 to 31 Dec 2020 (+550 days, 6 quarters), effective 18 Jul 2019. Reason: Land Registry migration rescheduled. Approved by Policy and Performance Committee.',
    );
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe(
      'In all, the due date of DEM1518_02 changed 1 time after registration; it is now 31 Dec 2020.',
    );
  });

  it('leaves a ledger that verifies, holding exactly the three events', async () => {
    await runBasic(join(dir, 'plan.db'), () => {});
    const ledger = await openReadonlyLedger(join(dir, 'plan.db'));
    try {
      expect(await ledger.verify()).toMatchObject({ ok: true, count: 3 });
      expect((await ledger.readAction('DEM1518_02')).map((event) => event.type)).toEqual([
        'ActionRegistered',
        'ProgressUpdated',
        'DueDateRevised',
      ]);
    } finally {
      await ledger.close();
    }
  });
});
