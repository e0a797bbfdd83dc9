import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codePointNotation,
  findHiddenCharacters,
  hasHiddenCharacters,
  hiddenCharacterProblem,
  revealHiddenCharacters,
} from './hidden-characters.js';

// Unicode's Bidi_Control characters, with their names: the embeddings, overrides and isolates
// that Trojan Source (CVE-2021-42574) uses, and the three marks.
const BIDI_CONTROLS: readonly (readonly [number, string])[] = [
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x061c, 'ARABIC LETTER MARK'],
];

const INVISIBLE: readonly (readonly [number, string])[] = [
  [0x00ad, 'SOFT HYPHEN'],
  [0x180e, 'MONGOLIAN VOWEL SEPARATOR'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x2060, 'WORD JOINER'],
  [0x2061, 'FUNCTION APPLICATION'],
  [0x2062, 'INVISIBLE TIMES'],
  [0x2063, 'INVISIBLE SEPARATOR'],
  [0x2064, 'INVISIBLE PLUS'],
  [0x206a, 'INHIBIT SYMMETRIC SWAPPING'],
  [0x206f, 'NOMINAL DIGIT SHAPES'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE'],
  [0xfff9, 'INTERLINEAR ANNOTATION ANCHOR'],
  [0xfffb, 'INTERLINEAR ANNOTATION TERMINATOR'],
  [0xe0001, 'LANGUAGE TAG'],
  [0xe0041, 'TAG CHARACTER'],
  [0xe007f, 'CANCEL TAG'],
  [0x1d173, '(invisible format character)'],
];

const SEPARATORS: readonly (readonly [number, string])[] = [
  [0x2028, 'LINE SEPARATOR'],
  [0x2029, 'PARAGRAPH SEPARATOR'],
];

const CONTROLS: readonly (readonly [number, string])[] = [
  [0x00, 'NULL'],
  [0x07, 'BELL'],
  [0x0d, 'CARRIAGE RETURN'],
  [0x1b, 'ESCAPE'],
  [0x1f, '(control character)'],
  [0x7f, 'DELETE'],
  [0x80, '(control character)'],
  [0x85, 'NEXT LINE'],
  [0x9b, 'CONTROL SEQUENCE INTRODUCER'],
  [0x9f, '(control character)'],
];

const ALL_HIDDEN = [...BIDI_CONTROLS, ...INVISIBLE, ...SEPARATORS, ...CONTROLS];

// Text that real plans contain and that must come through untouched.
const REAL_TEXT = [
  'Cynllun Corfforaethol: ŵyr a ŷd, Llanfairpwllgwyngyll', // Welsh with circumflexes
  'Flag 🏴󠁧󠁢󠁷󠁬󠁳󠁿 and 🏴󠁧󠁢󠁳󠁣󠁴󠁿', // the flags of Wales and Scotland: emoji tag sequences
  'Developers 👩‍💻 and families 👨‍👩‍👧', // zero width joiners in emoji
  'مهدی‌زاده', // a Persian surname with U+200C ZERO WIDTH NON-JOINER
  'شہری منصوبہ بندی', // Urdu
  'عبد الله (2024)', // Arabic name beside a number
  'क्‍ष', // Devanagari with U+200D
  'Sign ؀١٢', // U+0600 ARABIC NUMBER SIGN: a visible prepended concatenation mark
  'tab\tand\nline feed',
  'Δ × ✓ – “quotes” £ ︎☺️', // variation selectors are not format characters
];

const hex = (codePoint: number) => codePoint.toString(16).padStart(4, '0');

describe('findHiddenCharacters', () => {
  it.each(ALL_HIDDEN)('reports U+%s with its name and position', (codePoint, name) => {
    const found = findHiddenCharacters(`Pay 🙂 ${String.fromCodePoint(codePoint)}now`);
    expect(found).toEqual([
      {
        codePoint,
        label: `${codePointNotation(codePoint)} ${name}`,
        kind: expect.any(String),
        // 'Pay 🙂 ' is six characters (the emoji counts once) but seven UTF-16 units.
        character: 7,
        index: 7,
      },
    ]);
  });

  it('names the family of each character', () => {
    const kinds = (list: readonly (readonly [number, string])[]) =>
      new Set(list.map(([cp]) => findHiddenCharacters(String.fromCodePoint(cp))[0]?.kind));
    expect(kinds(BIDI_CONTROLS)).toEqual(new Set(['bidi']));
    expect(kinds(INVISIBLE)).toEqual(new Set(['invisible']));
    expect(kinds(SEPARATORS)).toEqual(new Set(['separator']));
    expect(kinds(CONTROLS)).toEqual(new Set(['control']));
  });

  it('covers every Bidi_Control and every format character but the ones real text needs', () => {
    const kept = new Set([0x200c, 0x200d, 0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06dd, 0x070f]);
    for (const k of [0x0890, 0x0891, 0x08e2, 0x110bd, 0x110cd]) kept.add(k);
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const character = String.fromCodePoint(codePoint);
      const formatOrControl = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(character);
      const expected = formatOrControl && codePoint !== 0x09 && codePoint !== 0x0a && !kept.has(codePoint);
      if (hasHiddenCharacters(character) !== expected) {
        throw new Error(`${codePointNotation(codePoint)}: expected hidden=${expected}`);
      }
      if (/\p{Bidi_Control}/u.test(character)) expect(expected).toBe(true);
    }
  });

  it('finds nothing in real text: Welsh, emoji sequences and flags, Persian, Urdu, Arabic, Devanagari', () => {
    for (const text of REAL_TEXT) {
      expect(findHiddenCharacters(text)).toEqual([]);
      expect(hasHiddenCharacters(text)).toBe(false);
    }
  });

  it('treats tag characters outside a well-formed flag as hidden (no smuggled text)', () => {
    const smuggled = `🏴${[...'ignore all'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('')}\u{E007F}`;
    expect(findHiddenCharacters(smuggled).length).toBe(11);
    expect(findHiddenCharacters('plain\u{E0067}\u{E0062}').map((h) => h.character)).toEqual([6, 7]);
  });

  it('reports every occurrence in order', () => {
    expect(findHiddenCharacters('\u202Ea\u2066b\u2069').map((h) => [h.codePoint, h.character])).toEqual([
      [0x202e, 1],
      [0x2066, 3],
      [0x2069, 5],
    ]);
  });
});

describe('hiddenCharacterProblem', () => {
  it('names the first character by code point, name and position, and counts the rest', () => {
    expect(hiddenCharacterProblem('Widen the use of e-\u202Emrof')).toBe(
      'must not contain bidirectional control characters, which can reorder what a reader sees: U+202E RIGHT-TO-LEFT OVERRIDE at character 20',
    );
    expect(hiddenCharacterProblem('a\u200Bb\u2066c\u2069')).toBe(
      'must not contain invisible format characters: U+200B ZERO WIDTH SPACE at character 2 (and 2 more hidden characters)',
    );
    expect(hiddenCharacterProblem('line\u2028break')).toMatch(
      /^must not contain line or paragraph separators/,
    );
    expect(hiddenCharacterProblem('bell\u0007')).toBe(
      'must not contain control characters: U+0007 BELL at character 5',
    );
    expect(hiddenCharacterProblem('fine 👩‍💻')).toBeUndefined();
  });
});

describe('revealHiddenCharacters', () => {
  it.each(ALL_HIDDEN)('shows U+%s as a visible marker', (codePoint) => {
    const character = String.fromCodePoint(codePoint);
    expect(revealHiddenCharacters(`a${character}b`)).toBe(`a[${codePointNotation(codePoint)}]b`);
  });

  it.each(ALL_HIDDEN)('writes U+%s as its JSON escape in JSON text', (codePoint) => {
    const value = { title: `a${String.fromCodePoint(codePoint)}b` };
    const json = revealHiddenCharacters(JSON.stringify(value), 'json');
    expect(hasHiddenCharacters(json)).toBe(false);
    expect(JSON.parse(json)).toEqual(value);
    if (codePoint > 0x1f && codePoint <= 0xffff) expect(json).toContain(`\\u${hex(codePoint)}`);
  });

  it('returns real text unchanged, as the same string', () => {
    for (const text of REAL_TEXT) {
      expect(revealHiddenCharacters(text)).toBe(text);
      expect(revealHiddenCharacters(text, 'json')).toBe(text);
    }
  });

  it('turns the Trojan Source example into plain, ordered text', () => {
    expect(revealHiddenCharacters('access = "user\u202E \u2066// Check if admin\u2069 \u2066"')).toBe(
      'access = "user[U+202E] [U+2066]// Check if admin[U+2069] [U+2066]"',
    );
  });

  const anyText = fc.string({ unit: 'binary', maxLength: 40 });
  const withHidden = fc
    .tuple(anyText, fc.constantFrom(...ALL_HIDDEN.map(([cp]) => String.fromCodePoint(cp))), anyText)
    .map(([before, hidden, after]) => before + hidden + after);

  it('leaves nothing hidden, changes nothing else, and is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, withHidden), (text) => {
        const shown = revealHiddenCharacters(text);
        expect(hasHiddenCharacters(shown)).toBe(false);
        expect(revealHiddenCharacters(shown)).toBe(shown);
        // Undoing the markers gives the text back: nothing but hidden characters was touched.
        const undone = shown.replace(/\[U\+([0-9A-F]{4,6})\]/g, (_, h: string) =>
          String.fromCodePoint(Number.parseInt(h, 16)),
        );
        if (!/\[U\+[0-9A-F]{4,6}\]/.test(text)) expect(undone).toBe(text);
      }),
    );
  });

  it('keeps JSON exact: parsing the escaped text gives the same value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), withHidden, (value, text) => {
        const document = { value, text };
        const json = revealHiddenCharacters(JSON.stringify(document, null, 2), 'json');
        expect(hasHiddenCharacters(json)).toBe(false);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(document)));
      }),
    );
  });
});
