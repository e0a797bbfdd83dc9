/** A key written twice in one JSON object of a snapshot. */
export interface DuplicateJsonKey {
  /** The 0-based index of the top-level array element the object is in (or is). */
  readonly index: number;
  /** The key, decoded (`"\u0063ode"` is `code`). */
  readonly key: string;
}

// The start of a string and the structural characters; numbers, literals and whitespace
// between them need no attention.
const TOKENS = /["{}[\],]/g;

/** The index of the quote that closes the string opened at `start` (the text is valid JSON). */
function closingQuote(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

interface Frame {
  readonly object: boolean;
  readonly keys: Set<string>;
  expectKey: boolean;
}

/**
 * Every key that appears twice in the same object of a JSON document that `JSON.parse` has
 * already accepted (so the text is known to be well formed). `JSON.parse` silently keeps the
 * last of two equal keys; a snapshot must say which value it means, so each repeat is found
 * here, with the index of the top-level array element it belongs to.
 *
 * @example
 * ```ts
 * duplicateJsonKeys('[{"code":"A"},{"code":"A","code":"B"}]'); // [{ index: 1, key: 'code' }]
 * ```
 */
export function duplicateJsonKeys(text: string): DuplicateJsonKey[] {
  const found: DuplicateJsonKey[] = [];
  const stack: Frame[] = [];
  let index = 0;
  const tokens = new RegExp(TOKENS);
  for (let match = tokens.exec(text); match !== null; match = tokens.exec(text)) {
    const token = match[0];
    const top = stack[stack.length - 1];
    if (token === '"') {
      const end = closingQuote(text, match.index);
      tokens.lastIndex = end + 1;
      if (top?.object === true && top.expectKey) {
        const key = JSON.parse(text.slice(match.index, end + 1)) as string;
        if (top.keys.has(key)) found.push({ index, key });
        else top.keys.add(key);
        top.expectKey = false;
      }
    } else if (token === '{' || token === '[') {
      stack.push({ object: token === '{', keys: new Set(), expectKey: token === '{' });
    } else if (token === '}' || token === ']') {
      stack.pop();
    } else if (top?.object === true) {
      top.expectKey = true;
    } else if (stack.length === 1) {
      index += 1;
    }
  }
  return found;
}
