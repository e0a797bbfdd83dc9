import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInStatusKeys, pentanaStatusKey, ragStatusKey } from './built-in-status-keys.js';
import { matchStatus } from './match-status.js';
import { defineStatusKey } from './status-key.js';

describe('matchStatus', () => {
  it('matches values whatever the case, spacing or simple markup', () => {
    expect(matchStatus(ragStatusKey, 'Green')).toBe('Green');
    expect(matchStatus(ragStatusKey, ' AMBER ')).toBe('Amber');
    expect(matchStatus(ragStatusKey, '<b>red</b>')).toBe('Red');
    expect(matchStatus(pentanaStatusKey, 'not\n  started')).toBe('Not Started');
    expect(matchStatus(pentanaStatusKey, 'In&nbsp;Progress')).toBe('In Progress');
  });

  it('matches aliases to their canonical value', () => {
    expect(matchStatus(ragStatusKey, 'Completed')).toBe('Complete');
    expect(matchStatus(pentanaStatusKey, '<b>COMPLETE</b>')).toBe('Completed');
  });

  it('prefers a value over an alias with the same spelling', () => {
    const key = defineStatusKey({ id: 'k', label: 'K', values: ['Done', 'Open'], aliases: { DONE: 'Done' } });
    expect(matchStatus(key, 'done')).toBe('Done');
  });

  it('returns undefined rather than guessing', () => {
    expect(matchStatus(ragStatusKey, 'Amber/Red')).toBeUndefined();
    expect(matchStatus(ragStatusKey, 'Gren')).toBeUndefined();
    expect(matchStatus(ragStatusKey, '')).toBeUndefined();
    expect(matchStatus(ragStatusKey, '<b></b>')).toBeUndefined();
    expect(matchStatus(pentanaStatusKey, 'Green')).toBeUndefined();
  });

  it('finds every value and alias of every built-in key, in any case', () => {
    const spellings = builtInStatusKeys.flatMap((key) => [
      ...key.values.map((value) => ({ key, word: value, expected: value })),
      ...Object.entries(key.aliases ?? {}).map(([word, expected]) => ({ key, word, expected })),
    ]);
    fc.assert(
      fc.property(fc.constantFrom(...spellings), fc.boolean(), ({ key, word, expected }, upper) => {
        return matchStatus(key, upper ? word.toUpperCase() : word.toLowerCase()) === expected;
      }),
    );
  });

  it('only ever returns a canonical value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...builtInStatusKeys), fc.string(), (key, word) => {
        const match = matchStatus(key, word);
        return match === undefined || key.values.includes(match);
      }),
    );
  });
});
