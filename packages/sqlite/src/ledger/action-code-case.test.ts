import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionCodeKey } from '../action/action-code-key.js';
import type { CommandInput } from '../action/commands.js';
import { ActionCodeTakenError } from '../errors/index.js';
import { createTempLedger, type TempLedger } from '../testing/index.js';
import { openLedger } from './ledger.js';

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
beforeEach(() => {
  temp = createTempLedger();
});
afterEach(() => temp.cleanup());

describe('a code is registered once, ignoring case', () => {
  it('refuses a case variant of a registered code, naming the existing one', () => {
    temp.ledger.execute(register('DC02'));
    const head = temp.ledger.head();
    expect(() => temp.ledger.execute(register('dc02'))).toThrow(ActionCodeTakenError);
    expect(() => temp.ledger.execute(register('Dc02'))).toThrow(/'DC02' is already registered/);
    expect(temp.ledger.head()).toEqual(head);
    expect(temp.ledger.resolveActionCode('dc02')).toBe('DC02');
    expect(temp.ledger.resolveActionCode('DC03')).toBeUndefined();
  });

  it('sees registrations appended by another handle on the same file since it last looked', () => {
    expect(temp.ledger.resolveActionCode('A1')).toBeUndefined();
    const other = openLedger({ file: temp.file });
    try {
      other.execute(register('A1'));
    } finally {
      other.close();
    }
    expect(() => temp.ledger.execute(register('a1'))).toThrow(ActionCodeTakenError);
  });

  it('property: registering a code succeeds exactly when no registered code has the same key', () => {
    const code = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,3}$/);
    fc.assert(
      fc.property(fc.array(code, { maxLength: 12 }), (codes) => {
        const run = createTempLedger();
        try {
          const first = new Map<string, string>();
          for (const c of codes) {
            const existing = first.get(actionCodeKey(c));
            let error: unknown;
            try {
              run.ledger.execute(register(c));
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
          expect(
            run.ledger
              .getActions()
              .map((s) => s.code)
              .sort(),
          ).toEqual([...first.values()].sort());
        } finally {
          run.cleanup();
        }
      }),
      { numRuns: 30 },
    );
  });
});
