import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempLedger, steppingClock } from './index.js';

describe('createTempLedger', () => {
  it('opens a real SQLite file in a fresh temp directory and removes it on cleanup', async () => {
    const temp = await createTempLedger({ prefix: 'perfledger-helper-' });
    expect(dirname(temp.dir)).toBe(tmpdir());
    expect(basename(temp.dir)).toMatch(/^perfledger-helper-/);
    expect(dirname(temp.file)).toBe(temp.dir);
    expect(existsSync(temp.file)).toBe(true);
    expect(temp.ledger.location).toBe(temp.file);
    await temp.cleanup();
    expect(existsSync(temp.dir)).toBe(false);
    await expect(temp.cleanup()).resolves.toBeUndefined();
  });

  it('gives every call its own file', async () => {
    const a = await createTempLedger();
    const b = await createTempLedger();
    try {
      expect(a.file).not.toBe(b.file);
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
  });

  it('passes ledger options through, such as the clock', async () => {
    const temp = await createTempLedger({ clock: steppingClock('2024-03-31T23:59:59Z', 0) });
    try {
      expect(temp.ledger.today()).toBe('2024-03-31');
    } finally {
      await temp.cleanup();
    }
  });
});

describe('steppingClock', () => {
  it('starts at the given instant and moves by the step on every reading', () => {
    const clock = steppingClock('2024-01-15T09:00:00Z', 1_500);
    expect(clock.peek().toISOString()).toBe('2024-01-15T09:00:00.000Z');
    expect([clock(), clock(), clock()].map((d) => d.toISOString())).toEqual([
      '2024-01-15T09:00:00.000Z',
      '2024-01-15T09:00:01.500Z',
      '2024-01-15T09:00:03.000Z',
    ]);
  });

  it('can run backwards, and be moved by hand', () => {
    const clock = steppingClock('2024-01-15T09:00:00Z', -60_000);
    clock();
    expect(clock().toISOString()).toBe('2024-01-15T08:59:00.000Z');
    clock.jumpTo('2024-02-01T00:00:00Z');
    expect(clock().toISOString()).toBe('2024-02-01T00:00:00.000Z');
    expect(clock().toISOString()).toBe('2024-01-31T23:59:00.000Z');
  });

  it('refuses what is not an instant or a step', () => {
    expect(() => steppingClock('next Tuesday')).toThrow(RangeError);
    expect(() => steppingClock('2024-01-15T09:00:00Z', Number.NaN)).toThrow(RangeError);
    expect(() => steppingClock('2024-01-15T09:00:00Z').jumpTo('soon')).toThrow(RangeError);
  });
});
