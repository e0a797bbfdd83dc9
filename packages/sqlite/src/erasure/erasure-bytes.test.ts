import { ledgerBytes } from '@perfledger/core/testing';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../open-ledger.js';
import { createTempLedger, type TempLedger } from '../testing/index.js';

const temps: TempLedger[] = [];
afterEach(async () => {
  for (const temp of temps.splice(0)) await temp.cleanup();
});

async function ledgerWithComment(): Promise<TempLedger> {
  const temp = await createTempLedger();
  temps.push(temp);
  const { ledger } = temp;
  await ledger.enablePersonalDataErasure();
  await ledger.execute({
    type: 'RegisterAction',
    code: 'E1',
    effectiveOn: '2023-04-01',
    title: 'Widen e-forms',
    plan: 'Plan A',
    directorate: 'Resources',
    section: 'Finance',
    dueDate: '2024-03-31',
    statusKey: 'rag',
  });
  await ledger.execute({
    type: 'AddComment',
    code: 'E1',
    effectiveOn: '2023-06-30',
    comment: 'Awaiting J. Smith',
  });
  return temp;
}

describe('erasure on SQLite', () => {
  it('a refused erasure leaves the file byte-identical', async () => {
    const { ledger, file } = await ledgerWithComment();
    await ledger.erasePersonalData({ position: 2, reason: 'SAR-1', actor: 'dpo' });
    const before = ledgerBytes(file);
    for (const request of [
      { position: 2, reason: 'again', actor: 'dpo' },
      { position: 1, reason: 'nothing personal', actor: 'dpo' },
      { position: 99, reason: 'no such event', actor: 'dpo' },
      { position: 2, reason: '', actor: 'dpo' },
    ]) {
      await expect(ledger.erasePersonalData(request)).rejects.toThrow(/nothing was written/);
    }
    expect(ledgerBytes(file).equals(before)).toBe(true);
  });

  it('the erased text is gone from the file itself, and the chain still verifies', async () => {
    const { ledger, file } = await ledgerWithComment();
    await ledger.erasePersonalData({ position: 2, reason: 'SAR-1', actor: 'dpo' });
    await ledger.close();
    const db = new Database(file);
    // A checkpoint and VACUUM, as the erasure guidance says, so no free page keeps the text.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('VACUUM');
    db.close();
    expect(ledgerBytes(file).includes(Buffer.from('J. Smith'))).toBe(false);
    const reopened = await openLedger({ file });
    try {
      expect((await reopened.verify()).ok).toBe(true);
      expect((await reopened.readAction('E1'))[1]!.data).toEqual({
        comment: expect.stringMatching(/^\[erased on /),
      });
    } finally {
      await reopened.close();
    }
  });
});
