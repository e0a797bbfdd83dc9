import fc from 'fast-check';

// Built once: a megabyte string per run would dominate the run time.
const MEGABYTE = 1 << 20;
const HUGE_STRINGS: readonly string[] = Object.freeze([
  'x'.repeat(MEGABYTE + 1),
  `${'Quarterly update. '.repeat(MEGABYTE / 16)}\u0000`,
  '😀'.repeat(MEGABYTE / 2),
  ' '.repeat(MEGABYTE),
]);

/** Strings of one megabyte or more: plain, with a NUL at the end, astral, and all blank. */
export const hugeString: fc.Arbitrary<string> = fc.constantFrom(...HUGE_STRINGS);

/** Control characters that text fields refuse (tab and newline are allowed). */
export const FORBIDDEN_CONTROLS: readonly string[] = Object.freeze([
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u000e',
  '\u001b',
  '\u001f',
  '\u007f',
]);

/** Printable text with a forbidden control character inside it (not at an end trim would remove). */
export const controlCharacterString: fc.Arbitrary<string> = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...FORBIDDEN_CONTROLS), fc.string({ maxLength: 8 }))
  .map(([before, control, after]) => `x${before}${control}${after}x`);

/**
 * The bidirectional controls of "Trojan Source" (CVE-2021-42574): embeddings, overrides and
 * isolates, and the three marks (Unicode's Bidi_Control). A title such as
 * "Pay supplier \u202E0001£" displays reordered in every report that prints it.
 */
export const BIDI_CONTROLS: readonly string[] = Object.freeze([
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
]);

/** Other characters that hide text: invisible format characters, U+2028/U+2029 and C1 controls. */
export const OTHER_HIDDEN_CHARACTERS: readonly string[] = Object.freeze([
  '\u200b',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u009b',
  '\u{e0041}',
]);

/** Printable text with a bidi control or another hidden character inside it (or at its start). */
export const hiddenCharacterString: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(...BIDI_CONTROLS, ...OTHER_HIDDEN_CHARACTERS),
    fc.string({ maxLength: 8 }),
    fc.boolean(),
  )
  .map(([before, hidden, after, atStart]) =>
    atStart ? `${hidden}x${after}` : `x${before}${hidden}${after}x`,
  );

/** Text with an unpaired UTF-16 surrogate, which UTF-8 cannot store. */
export const loneSurrogateString: fc.Arbitrary<string> = fc
  .tuple(fc.string({ maxLength: 5 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 5 }))
  .map(([before, unit, after]) => `x${before}${String.fromCharCode(unit)}${after}x`);

/** Objects whose own keys are `__proto__` or `constructor`, made the way JSON.parse makes them. */
export const prototypeKeyObject: fc.Arbitrary<unknown> = fc
  .constantFrom(
    () => JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
    () => JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as unknown,
    () => JSON.parse('{"__proto__":null}') as unknown,
  )
  .map((make) => make());

/** Values of the wrong type for almost anything: numbers (NaN, ±Infinity), booleans, null, objects, arrays, dates, bigints. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, true, false),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 3 }),
  fc.date({ noInvalidDate: false }),
  prototypeKeyObject,
);

/** Empty or blank strings, which every required text field refuses. */
export const blankString: fc.Arbitrary<string> = fc.constantFrom('', ' ', '   ', '\t', '\n', ' \r\n ');

/**
 * Text that no text field accepts: wrong types, blank, huge, control characters, bidi controls
 * and other hidden characters, lone surrogates.
 */
export function invalidText(max: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    wrongType,
    blankString,
    hugeString,
    controlCharacterString,
    hiddenCharacterString,
    loneSurrogateString,
    fc.constant('y'.repeat(max + 1)),
  );
}

/** Dates that do not exist, or are not written YYYY-MM-DD. */
export const INVALID_DATES: readonly string[] = Object.freeze([
  '2023-02-29',
  '2020-04-31',
  '31-Apr-2020',
  '2021-02-30',
  '2019-06-31',
  '2020-13-01',
  '2020-00-10',
  '2020-01-00',
  '2020-01-32',
  '2020-1-1',
  '20200101',
  '0000-01-01',
  '2020-01-01T00:00:00Z',
  '2020/01/01',
  '01/02/2020',
  '+02020-01-01',
  '-2020-01-01',
  '２０２０-01-01',
  '2020-01-01\u0000',
  'today',
  '',
]);

/** Anything but a real calendar date YYYY-MM-DD. */
export const invalidDate: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...INVALID_DATES),
  wrongType,
  hugeString,
  controlCharacterString,
);

/** Instants that are not ISO-8601, or name a day that does not exist. */
export const INVALID_INSTANTS: readonly string[] = Object.freeze([
  '2023-02-29T00:00:00Z',
  '2020-04-31T12:00:00Z',
  '2021-02-30T23:59:59.999Z',
  '31-Apr-2020',
  // A plain date means the end of that day in UTC (issue 15), so only an impossible one is invalid.
  '2023-02-29',
  '2024-13-01T00:00:00Z',
  '2024-01-15T25:00:00Z',
  '2024-01-15Tnoon',
  '15/01/2024 09:00',
  'yesterday',
  '',
  '+275760-09-13T00:00:00.000Z',
  '2024-01-15T09:00:00Z\u0000',
]);

/** A `knownAt` that is neither an ISO instant or plain date of a real day nor `{ position: n }` with n ≥ 0 an integer. */
export const invalidKnownAt: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...INVALID_INSTANTS),
  hugeString,
  fc.constantFrom<unknown>(null, Number.NaN, 5, true, [], new Date(0)),
  fc
    .constantFrom<unknown>(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -1,
      1.5,
      '3',
      null,
      2 ** 53,
      Number.MAX_VALUE,
      undefined,
      {},
    )
    .map((position) => ({ position })),
  prototypeKeyObject,
);

/** Numbers and non-numbers that are not a whole percentage 0..100 (-0 is 0, so it is valid). */
export const invalidPercent: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -1,
    101,
    50.5,
    '50',
    '50%',
    1e21,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    null,
  ),
  fc.integer({ min: 101 }),
  fc.integer({ max: -1 }),
  fc.double({ noInteger: true }),
  wrongType.filter(
    (value) => typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100,
  ),
);

/** Action codes that are not letters, digits and . _ / - starting with a letter or digit, 1..64 long. */
export const invalidCode: fc.Arbitrary<unknown> = fc.oneof(
  wrongType,
  blankString,
  hugeString,
  controlCharacterString,
  hiddenCharacterString,
  loneSurrogateString,
  fc.constantFrom('.A1', '-A1', '/A1', 'A 1', 'A1é', '../etc/passwd', 'A1;DROP TABLE events', 'z'.repeat(65)),
);

/** Values that are not an expected version: not a safe integer ≥ 0 nor 'no-stream' / 'exists' / 'any'. */
export const invalidExpectedVersion: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -1,
  1.5,
  '1',
  'No-Stream',
  'none',
  '',
  null,
  {},
  [],
  true,
  2 ** 53,
  JSON.parse('{"__proto__":{"expected":1}}'),
);
