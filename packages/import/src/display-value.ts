import { revealHiddenCharacters } from '@perfledger/core';

/**
 * A cell value made safe to show in a message or a terminal: shortened to `max` characters,
 * and with control characters, line and paragraph separators, bidirectional controls (U+202E…)
 * and invisible format characters escaped as `\uXXXX` (core's `revealHiddenCharacters`), so that
 * a hostile cell cannot rewrite a log line or a terminal, or reorder the message that reports it.
 *
 * @example
 * ```ts
 * displayValue('a\u0007b'); // 'a\\u0007b'
 * displayValue('Pay \u202E0001'); // 'Pay \\u202e0001'
 * ```
 */
export function displayValue(value: string, max = 200): string {
  const short = value.length > max ? `${value.slice(0, max)}… (${value.length} characters)` : value;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
  const escaped = short.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return revealHiddenCharacters(escaped, 'json');
}

/** A cell quoted for a parser's message: `'31-Apr-2020'`, shortened to 60 characters. */
export function quoted(cell: string): string {
  return `'${displayValue(cell, 60)}'`;
}
