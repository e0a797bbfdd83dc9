import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeStatusWord } from './normalize-status-word.js';

describe('normalizeStatusWord', () => {
  it.each([
    ['Green', 'green'],
    ['  In   Progress\t', 'in progress'],
    ['<b>Complete</b>', 'complete'],
    ['<span class="rag">Red</span>', 'red'],
    ['Not<br/>Started', 'not started'],
    ['Not&nbsp;Started', 'not started'],
    ['Behind &gt; 1 quarter', 'behind > 1 quarter'],
    ['Behind > 1 quarter', 'behind > 1 quarter'],
    ['Data\u00a0Only', 'data only'],
    ['&#916;', 'δ'],
    ['&#x2713;', '✓'],
    ['&bogus;', '&bogus;'],
    ['<b></b>', ''],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeStatusWord(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.string(),
        (text) => normalizeStatusWord(normalizeStatusWord(text)) === normalizeStatusWord(text),
      ),
    );
  });

  it('ignores case and surrounding whitespace', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('', ' ', '\t', '  \n'), (text, pad) => {
        return (
          normalizeStatusWord(`${pad}${text.toUpperCase()}${pad}`) === normalizeStatusWord(text.toUpperCase())
        );
      }),
    );
  });
});
