import { type CommandInput, ValidationError } from '@perfledger/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../open-ledger.js';
import { createTempLedger, type SteppingClock, steppingClock, type TempLedger } from '../testing/index.js';

const register = (code: string): CommandInput => ({
  type: 'RegisterAction',
  code,
  effectiveOn: '2024-01-01',
  title: `Action ${code}`,
  plan: 'Corporate Plan 2023-27',
  directorate: 'Place',
  section: 'Planning',
  dueDate: '2024-12-31',
  statusKey: 'rag',
});
const progress = (code: string, percentComplete: number): CommandInput => ({
  type: 'UpdateProgress',
  code,
  effectiveOn: '2024-01-10',
  percentComplete,
});

let temp: TempLedger;
let clock: SteppingClock;
beforeEach(async () => {
  // A clock that stands still unless moved: an append reads it more than once (today, and the
  // recorded time), and ties are broken by the store a microsecond apart.
  clock = steppingClock('2024-01-15T09:00:00Z', 0);
  temp = await createTempLedger({ clock });
});
afterEach(() => temp.cleanup());

/** Unwraps a rejection, so a test can look at the error's message and issues. */
async function refusal(work: Promise<unknown>): Promise<ValidationError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('strict options', () => {
  it('getAction refuses an unknown key, naming it (a misplaced basis is not silently ignored)', async () => {
    const error = await refusal(temp.ledger.getAction('A1', { basis: { knownAt: '2024-01-15' } } as never));
    expect(error.message).toContain("'basis'");
    expect(error.issues).toEqual([{ path: ['basis'], message: 'unknown key' }]);
  });

  it('getActions refuses an unknown key, naming it', async () => {
    const error = await refusal(temp.ledger.getActions({ plan: 'P', directorat: 'Place' } as never));
    expect(error.message).toContain("'directorat'");
    expect(error.issues.map((issue) => issue.path)).toEqual([['directorat']]);
  });

  it('readAll refuses an unknown key, naming it, before anything is read', async () => {
    const error = await refusal(
      (async () => {
        for await (const _ of temp.ledger.readAll({ from: 3 } as never)) break;
      })(),
    );
    expect(error.message).toContain("'from'");
    expect(() => temp.ledger.readAll({ after: 0, upto: 3 } as never)).toThrow(/'upto'/);
  });

  it('openLedger refuses an unknown key, naming it, and opens nothing', async () => {
    const file = `${temp.dir}/never.db`;
    const error = await refusal(openLedger({ file, durabilty: 'full' } as never));
    expect(error.message).toContain("'durabilty'");
    expect(error.issues).toEqual([{ path: ['durabilty'], message: 'unknown key' }]);
    await expect(openLedger({ file, projection: [] } as never)).rejects.toThrow(/'projection'/);
  });

  it('resolveAsOf refuses an unknown key and a malformed date', async () => {
    await expect(
      temp.ledger.resolveAsOf({ asAt: '2024-01-31', knownat: '2024-01-15' } as never),
    ).rejects.toThrow(/'knownat'/);
    await expect(temp.ledger.resolveAsOf({ asAt: '31/01/2024' })).rejects.toThrow(ValidationError);
    await expect(temp.ledger.resolveAsOf({ knownAt: { position: 2, extra: 1 } as never })).rejects.toThrow(
      ValidationError,
    );
  });
});

describe('knownAt', () => {
  /** Two events on 15 January, one on 16 January (the clock jumps), one on 17 January at 00:00. */
  async function threeDays(): Promise<void> {
    clock.jumpTo('2024-01-15T09:00:00Z');
    await temp.ledger.execute(register('A1'));
    await temp.ledger.execute(progress('A1', 10));
    clock.jumpTo('2024-01-16T23:59:59Z');
    await temp.ledger.execute(progress('A1', 20));
    clock.jumpTo('2024-01-17T00:00:00Z');
    await temp.ledger.execute(progress('A1', 30));
  }

  it('a plain date means the end of that day in UTC', async () => {
    await threeDays();
    expect(await temp.ledger.positionAt('2024-01-14')).toBe(0);
    expect(await temp.ledger.positionAt('2024-01-15')).toBe(2);
    expect(await temp.ledger.positionAt('2024-01-16')).toBe(3);
    expect(await temp.ledger.positionAt('2024-01-16')).toBe(
      await temp.ledger.positionAt('2024-01-16T23:59:59.999999Z'),
    );
    expect((await temp.ledger.getAction('A1', { knownAt: '2024-01-15' }))?.percentComplete).toBe(10);
    expect((await temp.ledger.getAction('A1', { knownAt: '2024-01-16' }))?.percentComplete).toBe(20);
    expect((await temp.ledger.getAction('A1', { knownAt: '2024-01-17' }))?.percentComplete).toBe(30);
    expect(await temp.ledger.resolveAsOf({ knownAt: '2024-01-15' })).toEqual({ asAt: undefined, upTo: 2 });
  });

  it('{ position } means the first N events, on every read', async () => {
    await threeDays();
    expect(await temp.ledger.positionAt({ position: 3 })).toBe(3);
    expect(await temp.ledger.resolveAsOf({ asAt: '2024-01-10', knownAt: { position: 1 } })).toEqual({
      asAt: '2024-01-10',
      upTo: 1,
    });
    expect((await temp.ledger.getAction('A1', { knownAt: { position: 3 } }))?.percentComplete).toBe(20);
    expect(
      (await temp.ledger.getActions({ knownAt: { position: 2 } })).map((state) => state.percentComplete),
    ).toEqual([10]);
    expect(await temp.ledger.getActions({ knownAt: { position: 0 } })).toEqual([]);
  });

  it('an instant with an offset is the same instant in UTC', async () => {
    await threeDays();
    expect(await temp.ledger.positionAt('2024-01-16T01:00:00+02:00')).toBe(2);
    expect(await temp.ledger.positionAt('2024-01-17T01:00:00+01:00')).toBe(4);
  });
});

describe('resolveAsOf', () => {
  it('pins a read without knownAt to the head, so appends made after it are not seen', async () => {
    await temp.ledger.execute(register('A1'));
    await temp.ledger.execute(progress('A1', 10));
    const pinned = await temp.ledger.resolveAsOf({});
    expect(pinned).toEqual({ asAt: undefined, upTo: 2 });
    expect(await temp.ledger.resolveAsOf()).toEqual(pinned);
    await temp.ledger.execute(progress('A1', 50));
    await temp.ledger.execute(register('B2'));
    expect((await temp.ledger.getAction('A1', { knownAt: { position: pinned.upTo } }))?.percentComplete).toBe(
      10,
    );
    expect((await temp.ledger.getActions({ knownAt: { position: pinned.upTo } })).map((s) => s.code)).toEqual(
      ['A1'],
    );
    expect((await temp.ledger.resolveAsOf({ asAt: '2024-01-31' })).upTo).toBe(4);
  });

  it('pins an empty ledger at position 0', async () => {
    expect(await temp.ledger.resolveAsOf({ asAt: '2024-01-31' })).toEqual({ asAt: '2024-01-31', upTo: 0 });
  });
});
