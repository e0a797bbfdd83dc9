// Only tags that start with a letter: "Behind > 1 quarter" must keep its ">".
const SIMPLE_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const codePoint =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/**
 * The comparison form of a status word as it arrives from spreadsheets and web pages: simple
 * HTML tags removed (a tag becomes a space, so "Not<br>Started" still reads as two words),
 * common entities decoded, Unicode NFKC-normalised, whitespace collapsed, trimmed, lower-cased.
 *
 * Internal: both {@link defineStatusKey} (to reject ambiguous keys) and {@link matchStatus} (to
 * look words up) must agree on this form, so it lives in one place.
 *
 * @example
 * ```ts
 * normalizeStatusWord('  <b>Not&nbsp;Started</b> '); // 'not started'
 * ```
 */
export function normalizeStatusWord(text: string): string {
  return decodeEntities(text.replace(SIMPLE_TAG, ' '))
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
