import { quoted } from './display-value.js';
import { type ParseResult, parsed, refused } from './parse-result.js';
import { plainText } from './plain-text.js';

const PERCENT = /^([+-]?)(\d+)(\.\d*)?\s*%?$/;

/**
 * Reads a percentage complete: a whole number from 0 to 100, with or without `%`, spaces or
 * simple HTML (`58%`, `58`, ` 58 % `, `<b>100%</b>`). Fractions are refused rather than
 * rounded: `58.5` is not what any report prints, and `0.58` may be a spreadsheet's 58%, so
 * guessing would record a false figure.
 *
 * @example
 * ```ts
 * parsePercent('<b>100%</b>'); // { ok: true, value: 100 }
 * parsePercent('140%'); // { ok: false, message: "'140%' must be between 0 and 100" }
 * ```
 */
export function parsePercent(text: string): ParseResult<number> {
  const cell = plainText(text);
  if (cell === '') return refused('is empty; expected a whole number from 0 to 100');
  const match = PERCENT.exec(cell);
  if (match === null)
    return refused(`${quoted(cell)} is not a percentage; expected a whole number from 0 to 100`);
  const [, sign, digits, fraction] = match;
  if (fraction !== undefined && !/^\.0*$/.test(fraction)) {
    return refused(`${quoted(cell)} must be a whole number from 0 to 100 (fractions are not rounded)`);
  }
  const value = Number(digits);
  if (sign === '-' && value !== 0) return refused(`${quoted(cell)} must be between 0 and 100`);
  if (value > 100) return refused(`${quoted(cell)} must be between 0 and 100`);
  return parsed(value);
}
