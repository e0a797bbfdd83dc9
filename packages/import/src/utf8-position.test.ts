import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, incompleteTail } from './utf8-position.js';

const decodes = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

// Bytes that are mostly text, with the lead and continuation bytes where mistakes happen.
const bytes = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.constantFrom(0x0a, 0x80, 0xa3, 0xbf, 0xc0, 0xc2, 0xe0, 0xe2, 0xed, 0xf0, 0xf4, 0xf5, 0xff),
      fc.integer({ min: 0, max: 255 }),
    ),
    { maxLength: 40 },
  )
  .map((list) => Uint8Array.from(list));
const text = fc.string({ unit: 'grapheme', maxLength: 30 });

describe('firstInvalidUtf8', () => {
  it('agrees with the platform decoder on which byte sequences are UTF-8', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        expect(firstInvalidUtf8(b) === -1).toBe(decodes(b));
      }),
      { numRuns: 2_000 },
    );
  });

  it('names the first bad byte: everything before it is UTF-8, and it starts no valid character', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const at = firstInvalidUtf8(b);
        if (at === -1) return;
        expect(decodes(b.subarray(0, at))).toBe(true);
        for (let end = at + 1; end <= Math.min(b.length, at + 4); end++) {
          expect(decodes(b.subarray(at, end))).toBe(false);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('finds a bad byte inserted into text exactly where it was put', () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom(0x80, 0xa3, 0xc0, 0xff), (before, after, bad) => {
        const head = Buffer.from(before);
        const joined = Buffer.concat([head, Buffer.from([bad]), Buffer.from(`x${after}`)]);
        expect(firstInvalidUtf8(joined)).toBe(head.length);
      }),
    );
  });

  it('counts a sequence cut off by the end as bad unless more may follow', () => {
    const euro = Buffer.from('a€');
    expect(firstInvalidUtf8(euro.subarray(0, 3))).toBe(1);
    expect(firstInvalidUtf8(euro.subarray(0, 3), true)).toBe(-1);
    expect(incompleteTail(euro.subarray(0, 3))).toBe(2);
    expect(incompleteTail(euro)).toBe(0);
    expect(incompleteTail(Buffer.from('abc'))).toBe(0);
  });
});
