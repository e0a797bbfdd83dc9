/**
 * The outcome of reading one messy cell: the value, or why the text cannot be read. Parsers
 * return it instead of throwing so that an importer can collect every problem in a file.
 *
 * @example
 * ```ts
 * const result: ParseResult<number> = parsePercent('140%');
 * if (!result.ok) result.message; // 'must be between 0 and 100'
 * ```
 */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/** A successful {@link ParseResult}. */
export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** A failed {@link ParseResult}. */
export function refused<T>(message: string): ParseResult<T> {
  return { ok: false, message };
}
