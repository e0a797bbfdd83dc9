/**
 * Which family a hidden character belongs to, for the message that refuses it:
 * - `control`: a C0 or C1 control character or DEL (Unicode category Cc), other than tab and line feed.
 * - `bidi`: one of Unicode's twelve `Bidi_Control` characters (the embeddings, overrides and
 *   isolates U+202A–U+202E and U+2066–U+2069, and the marks U+200E, U+200F, U+061C), which change
 *   the order in which text is displayed ("Trojan Source", CVE-2021-42574).
 * - `separator`: U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR, line breaks other than `\n`.
 * - `invisible`: any other format character (category Cf), such as U+200B ZERO WIDTH SPACE or U+FEFF.
 */
export type HiddenCharacterKind = 'control' | 'bidi' | 'separator' | 'invisible';

/**
 * One hidden character found in a text: what it is and where.
 *
 * @example
 * ```ts
 * const found: HiddenCharacter = { codePoint: 0x202e, label: 'U+202E RIGHT-TO-LEFT OVERRIDE', kind: 'bidi', character: 12, index: 11 };
 * ```
 */
export interface HiddenCharacter {
  readonly codePoint: number;
  /** The code point and its Unicode name, e.g. `U+202E RIGHT-TO-LEFT OVERRIDE`. */
  readonly label: string;
  readonly kind: HiddenCharacterKind;
  /** Its position as a person counts characters: 1-based, in code points (an emoji counts once). */
  readonly character: number;
  /** Its UTF-16 index in the string, as `String.prototype.indexOf` reports it. */
  readonly index: number;
}

// The one definition of a hidden character. It matches, as its first group, an emoji tag
// sequence (the flags of Wales, Scotland and England: U+1F3F4, a subdivision code spelled in tag
// letters and digits, U+E007F CANCEL TAG), which is kept whole; otherwise one character that is
// a control (Cc), a format character (Cf), or a line or paragraph separator (Zl, Zp), unless it
// is one that real text needs or that is visible:
// - tab and line feed, which free text may contain;
// - U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER: Persian and Urdu words, Indic
//   scripts and emoji sequences (👩‍💻) need them, and they reorder nothing;
// - the prepended concatenation marks (U+0600–U+0605, U+06DD, U+070F, U+0890–U+0891, U+08E2,
//   U+110BD, U+110CD): Arabic, Syriac and Kaithi number signs, printed as visible glyphs.
const HIDDEN =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: U+200C and U+200D are listed one by one, to be kept, not to join anything.
  /(\u{1F3F4}[\u{E0061}-\u{E007A}]{2}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,3}\u{E007F})|(?![\t\n\u200C\u200D\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u{110BD}\u{110CD}])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

// A quick pre-test: most text has no character from these categories at all.
const CANDIDATE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const NAMES: Readonly<Record<number, string>> = {
  0: 'NULL',
  7: 'BELL',
  8: 'BACKSPACE',
  11: 'LINE TABULATION',
  12: 'FORM FEED',
  13: 'CARRIAGE RETURN',
  27: 'ESCAPE',
  127: 'DELETE',
  133: 'NEXT LINE',
  155: 'CONTROL SEQUENCE INTRODUCER',
  173: 'SOFT HYPHEN',
  1564: 'ARABIC LETTER MARK',
  6158: 'MONGOLIAN VOWEL SEPARATOR',
  8203: 'ZERO WIDTH SPACE',
  8206: 'LEFT-TO-RIGHT MARK',
  8207: 'RIGHT-TO-LEFT MARK',
  8232: 'LINE SEPARATOR',
  8233: 'PARAGRAPH SEPARATOR',
  8234: 'LEFT-TO-RIGHT EMBEDDING',
  8235: 'RIGHT-TO-LEFT EMBEDDING',
  8236: 'POP DIRECTIONAL FORMATTING',
  8237: 'LEFT-TO-RIGHT OVERRIDE',
  8238: 'RIGHT-TO-LEFT OVERRIDE',
  8288: 'WORD JOINER',
  8289: 'FUNCTION APPLICATION',
  8290: 'INVISIBLE TIMES',
  8291: 'INVISIBLE SEPARATOR',
  8292: 'INVISIBLE PLUS',
  8294: 'LEFT-TO-RIGHT ISOLATE',
  8295: 'RIGHT-TO-LEFT ISOLATE',
  8296: 'FIRST STRONG ISOLATE',
  8297: 'POP DIRECTIONAL ISOLATE',
  8298: 'INHIBIT SYMMETRIC SWAPPING',
  8299: 'ACTIVATE SYMMETRIC SWAPPING',
  8300: 'INHIBIT ARABIC FORM SHAPING',
  8301: 'ACTIVATE ARABIC FORM SHAPING',
  8302: 'NATIONAL DIGIT SHAPES',
  8303: 'NOMINAL DIGIT SHAPES',
  65279: 'ZERO WIDTH NO-BREAK SPACE',
  65529: 'INTERLINEAR ANNOTATION ANCHOR',
  65530: 'INTERLINEAR ANNOTATION SEPARATOR',
  65531: 'INTERLINEAR ANNOTATION TERMINATOR',
  917505: 'LANGUAGE TAG',
  917631: 'CANCEL TAG',
};

const BIDI_CONTROL = /^\p{Bidi_Control}$/u;
const CONTROL = /^\p{Cc}$/u;

/**
 * `U+` and at least four upper-case hex digits: how Unicode writes a code point.
 *
 * @example
 * ```ts
 * codePointNotation(0x202e); // 'U+202E'
 * ```
 */
export function codePointNotation(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

function nameOf(codePoint: number, kind: HiddenCharacterKind): string {
  const name = NAMES[codePoint];
  if (name !== undefined) return name;
  if (codePoint >= 0xe0020 && codePoint <= 0xe007e) return 'TAG CHARACTER';
  return kind === 'control' ? '(control character)' : '(invisible format character)';
}

function kindOf(character: string): HiddenCharacterKind {
  if (CONTROL.test(character)) return 'control';
  if (BIDI_CONTROL.test(character)) return 'bidi';
  if (character === '\u2028' || character === '\u2029') return 'separator';
  return 'invisible';
}

/**
 * Whether a text contains a hidden character: one that can reorder or hide what a reader sees
 * (see {@link findHiddenCharacters} for the exact set). The one test behind both the write
 * boundary (the `text` and `exactText` field schemas of `@perfledger/core/schemas`) and the read
 * side ({@link revealHiddenCharacters}).
 *
 * @example
 * ```ts
 * hasHiddenCharacters('Invoice \u202Efdp.exe'); // true
 * hasHiddenCharacters('Cynllun Gweithredu 👩‍💻'); // false: a zero width joiner in an emoji is not hidden
 * ```
 */
export function hasHiddenCharacters(text: string): boolean {
  if (!CANDIDATE.test(text)) return false;
  for (const match of text.matchAll(HIDDEN)) if (match[1] === undefined) return true;
  return false;
}

/**
 * Every hidden character in a text, in order, with its code point, Unicode name, family and
 * position. Hidden are: control characters other than tab and line feed (Cc: C0, DEL and C1);
 * the twelve bidirectional controls (`Bidi_Control`: U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069); the line and paragraph separators U+2028 and U+2029; and every other format
 * character (Cf: U+00AD, U+200B, U+2060–U+2064, U+FEFF, tag characters…), except U+200C ZERO
 * WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER (which Persian, Urdu, Indic scripts and emoji
 * need), the visible prepended concatenation marks (Arabic number signs U+0600–U+0605 and the
 * like) and the tag characters of a well-formed subdivision flag emoji such as the flag of Wales.
 *
 * @example
 * ```ts
 * findHiddenCharacters('Ship \u202Etoday');
 * // [{ codePoint: 0x202e, label: 'U+202E RIGHT-TO-LEFT OVERRIDE', kind: 'bidi', character: 6, index: 5 }]
 * ```
 */
export function findHiddenCharacters(text: string): HiddenCharacter[] {
  if (!CANDIDATE.test(text)) return [];
  const found: HiddenCharacter[] = [];
  let counted = 0;
  let characters = 0;
  for (const match of text.matchAll(HIDDEN)) {
    if (match[1] !== undefined) continue;
    const index = match.index;
    for (const _ of text.slice(counted, index)) characters++;
    counted = index;
    const character = match[0];
    const codePoint = character.codePointAt(0) ?? 0;
    const kind = kindOf(character);
    found.push({
      codePoint,
      label: `${codePointNotation(codePoint)} ${nameOf(codePoint, kind)}`,
      kind,
      character: characters + 1,
      index,
    });
  }
  return found;
}

/**
 * How {@link revealHiddenCharacters} shows a hidden character:
 * - `marker` (the default): `[U+202E]`, visible and unambiguous in terminals, tables, CSV, Markdown and HTML.
 * - `json`: the JSON escape `\u202e` (a surrogate pair for a character beyond U+FFFF), for JSON
 *   text: a JSON parser reads back the exact value, and the bytes hold no raw hidden character.
 */
export type RevealForm = 'marker' | 'json';

/**
 * The read side's one rule for hidden characters: every character {@link findHiddenCharacters}
 * reports becomes visible, as a `[U+202E]` marker (or, with `form: 'json'`, as its JSON escape),
 * so that text stored by an older build can never reorder or hide what a committee member or an
 * auditor reads. Tab and line feed are left alone (a carriage return is not: it lets later text
 * overwrite a terminal line, and no text field accepts one); text without hidden characters is returned
 * unchanged (the same string). Idempotent: revealed text has nothing left to reveal.
 *
 * Every renderer applies it to stored text: the committee report's HTML escaping, the CLI's
 * tables, Markdown, CSV and JSON, the audit trail's CSV, JSON and explanations, and the
 * quarter-end descriptions.
 *
 * `form: 'json'` is meant for a whole `JSON.stringify` result: hidden characters can only occur
 * inside its strings, where an escape means the same character.
 *
 * @example
 * ```ts
 * revealHiddenCharacters('Ship \u202Eyadot'); // 'Ship [U+202E]yadot'
 * revealHiddenCharacters(JSON.stringify({ title: 'a\u2066b' }), 'json'); // '{"title":"a\\u2066b"}'
 * ```
 */
export function revealHiddenCharacters(text: string, form: RevealForm = 'marker'): string {
  if (!CANDIDATE.test(text)) return text;
  return text.replace(HIDDEN, (match: string, kept: string | undefined) => {
    if (kept !== undefined) return match;
    const codePoint = match.codePointAt(0) ?? 0;
    if (form === 'marker') return `[${codePointNotation(codePoint)}]`;
    let escaped = '';
    for (let i = 0; i < match.length; i++)
      escaped += `\\u${match.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}

const WHY: Readonly<Record<HiddenCharacterKind, string>> = {
  control: 'must not contain control characters',
  bidi: 'must not contain bidirectional control characters, which can reorder what a reader sees',
  separator: 'must not contain line or paragraph separators (use a line break)',
  invisible: 'must not contain invisible format characters',
};

/**
 * Why a text is refused for its hidden characters, naming the first by code point, name and
 * position (and how many more there are), or `undefined` when it has none. The message of every
 * text field that refuses them.
 *
 * @example
 * ```ts
 * hiddenCharacterProblem('Widen the \u202Eforms');
 * // 'must not contain bidirectional control characters, which can reorder what a reader sees: U+202E RIGHT-TO-LEFT OVERRIDE at character 11'
 * ```
 */
export function hiddenCharacterProblem(text: string): string | undefined {
  const [first, ...more] = findHiddenCharacters(text);
  if (first === undefined) return undefined;
  const others =
    more.length === 0 ? '' : ` (and ${more.length} more hidden character${more.length === 1 ? '' : 's'})`;
  return `${WHY[first.kind]}: ${first.label} at character ${first.character}${others}`;
}
