/**
 * A cell value made safe to show in a message or a terminal: shortened to `max` characters,
 * and with control characters escaped as `\uXXXX` so that a hostile cell cannot rewrite a
 * log line or a terminal.
 *
 * @example
 * ```ts
 * displayValue('a\u0007b'); // 'a\\u0007b'
 * ```
 */
export function displayValue(value: string, max = 200): string {
  const short = value.length > max ? `${value.slice(0, max)}… (${value.length} characters)` : value;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
  return short.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** A cell quoted for a parser's message: `'31-Apr-2020'`, shortened to 60 characters. */
export function quoted(cell: string): string {
  return `'${displayValue(cell, 60)}'`;
}
