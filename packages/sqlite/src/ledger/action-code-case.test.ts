import { ActionCodeTakenError, actionCodeKey, type CommandInput } from '@perfledger/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../open-ledger.js';
import { createTempLedger, type TempLedger } from '../testing/index.js';

const register = (code: string): CommandInput => ({
  type: 'RegisterAction',
  code,
  effectiveOn: '2023-04-01',
  title: `Action ${code}`,
  plan: 'Corporate Plan 2023-27',
  directorate: 'Place',
  section: 'Planning',
  dueDate: '2024-03-31',
  statusKey: 'rag',
});

let temp: TempLedger;
beforeEach(async () => {
  temp = await createTempLedger();
});
afterEach(() => temp.cleanup());

describe('a code is registered once, ignoring case', () => {
  it('refuses a case variant of a registered code, naming the existing one', async () => {
    await temp.ledger.execute(register('DC02'));
    const head = await temp.ledger.head();
    await expect(temp.ledger.execute(register('dc02'))).rejects.toThrow(ActionCodeTakenError);
    await expect(temp.ledger.execute(register('Dc02'))).rejects.toThrow(/'DC02' is already registered/);
    expect(await temp.ledger.head()).toEqual(head);
    expect(await temp.ledger.resolveActionCode('dc02')).toBe('DC02');
    expect(await temp.ledger.resolveActionCode('DC03')).toBeUndefined();
  });

  it('sees registrations appended by another handle on the same file since it last looked', async () => {
    expect(await temp.ledger.resolveActionCode('A1')).toBeUndefined();
    const other = await openLedger({ file: temp.file });
    try {
      await other.execute(register('A1'));
    } finally {
      await other.close();
    }
    await expect(temp.ledger.execute(register('a1'))).rejects.toThrow(ActionCodeTakenError);
  });

  it('property: registering a code succeeds exactly when no registered code has the same key', async () => {
    const code = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,3}$/);
    await fc.assert(
      fc.asyncProperty(fc.array(code, { maxLength: 12 }), async (codes) => {
        const run = await createTempLedger();
        try {
          const first = new Map<string, string>();
          for (const c of codes) {
            const existing = first.get(actionCodeKey(c));
            let error: unknown;
            try {
              await run.ledger.execute(register(c));
            } catch (caught) {
              error = caught;
            }
            if (existing === undefined) {
              expect(error).toBeUndefined();
              first.set(actionCodeKey(c), c);
            } else if (existing === c) {
              expect(error).toMatchObject({ rule: 'ACTION_ALREADY_REGISTERED' });
            } else {
              expect(error).toBeInstanceOf(ActionCodeTakenError);
              expect(error).toMatchObject({ existingCode: existing });
            }
          }
          expect((await run.ledger.getActions()).map((s) => s.code).sort()).toEqual(
            [...first.values()].sort(),
          );
        } finally {
          await run.cleanup();
        }
      }),
      { numRuns: 30 },
    );
  });
});
