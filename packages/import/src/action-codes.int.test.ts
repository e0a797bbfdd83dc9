import { ActionCodeTakenError } from '@perfledger/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSnapshot } from './import-snapshot.js';
import { parseSnapshot } from './parse-snapshot.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import { type TempLedger, tempLedger } from './test-support/temp-ledger.js';

const HEADER = 'code,title,directorate,section,stage,due_date,percent_complete,status,comments\n';
const row = (code: string, percent = '5%') =>
  `${code},Title,Resources,Finance,In Progress,31/03/2025,${percent},Green,Going well\n`;
const csv = (...rows: string[]) => ({
  name: 'q.csv',
  format: 'csv' as const,
  content: HEADER + rows.join(''),
});

let temp: TempLedger;
beforeEach(async () => {
  temp = await tempLedger();
});
afterEach(async () => {
  await temp.dispose();
});

describe('action codes are compared ignoring case', () => {
  it('DC02 and dc02 in one file are a problem naming both rows (they became two actions)', async () => {
    const input = csv(row('DC02'), row('X1'), row('dc02'));
    expect(parseSnapshot(input).problems).toEqual([
      {
        file: 'q.csv',
        row: 4,
        column: 'code',
        value: 'dc02',
        message:
          "'dc02' is the code 'DC02' of row 2 (codes are compared ignoring case); write each action once",
      },
    ]);
    const before = temp.bytes();
    await expect(importSnapshot(temp.ledger, input, { asOf: '2024-06-30', plan: 'P' })).rejects.toThrow(
      SnapshotImportError,
    );
    expect(temp.bytes().equals(before)).toBe(true);
    expect((await temp.ledger.head()).position).toBe(0);
  });

  it('a later file’s dc02 updates the existing action DC02, and the report says so', async () => {
    await importSnapshot(temp.ledger, csv(row('DC02')), { asOf: '2024-06-30', plan: 'P' });
    const report = await importSnapshot(temp.ledger, csv(row('dc02', '40%'), row('NEW_1')), {
      asOf: '2024-09-30',
      plan: 'P',
    });
    expect(report.codesMatched).toEqual([{ row: 2, written: 'dc02', code: 'DC02' }]);
    expect(report.actionsRegistered).toBe(1);
    expect((await temp.ledger.getAction('DC02'))?.percentComplete).toBe(40);
    expect(await temp.ledger.getAction('dc02')).toBeUndefined();
    expect(await temp.ledger.resolveActionCode('dC02')).toBe('DC02');
  });

  it('the ledger refuses to register dc02 beside DC02, naming the existing code, writing nothing', async () => {
    await importSnapshot(temp.ledger, csv(row('DC02')), { asOf: '2024-06-30', plan: 'P' });
    const head = await temp.ledger.head();
    const register = {
      type: 'RegisterAction',
      code: 'dc02',
      title: 'T',
      plan: 'P',
      directorate: 'D',
      section: 'S',
      statusKey: 'rag',
      dueDate: '2025-03-31',
      effectiveOn: '2024-07-01',
    } as const;
    let error: unknown;
    try {
      await temp.ledger.execute(register);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ActionCodeTakenError);
    expect(error).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'ACTION_ALREADY_REGISTERED',
      actionCode: 'dc02',
      existingCode: 'DC02',
    });
    expect((error as Error).message).toMatch(/'DC02' is already registered/);
    // Two spellings in one batch are refused as well, whole.
    await expect(
      temp.ledger.executeAll([
        { ...register, code: 'NEW_A' },
        { ...register, code: 'new_a' },
      ]),
    ).rejects.toThrow(/'NEW_A' is already registered/);
    expect(await temp.ledger.head()).toEqual(head);
  });
});
