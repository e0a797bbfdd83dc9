import { normalizeStatusWord } from './normalize-status-word.js';
import type { StatusKey } from './status-key.js';

/**
 * The canonical value of `key` that `word` spells, or `undefined` when it spells none.
 *
 * Forgiving about presentation (case, surrounding or repeated spaces, simple HTML such as
 * `<b>Green</b>`, `&nbsp;`) but never guesses: a word that is neither a value nor an alias is
 * reported back to the caller instead of being mapped to the nearest value.
 *
 * @example
 * ```ts
 * matchStatus(pentanaStatusKey, ' <b>in  progress</b> '); // 'In Progress'
 * matchStatus(pentanaStatusKey, 'complete'); // 'Completed' (alias)
 * matchStatus(pentanaStatusKey, 'Green'); // undefined
 * ```
 */
export function matchStatus(key: StatusKey, word: string): string | undefined {
  const wanted = normalizeStatusWord(word);
  if (wanted === '') return undefined;
  const value = key.values.find((candidate) => normalizeStatusWord(candidate) === wanted);
  if (value !== undefined) return value;
  for (const [alias, target] of Object.entries(key.aliases ?? {})) {
    if (normalizeStatusWord(alias) === wanted) return target;
  }
  return undefined;
}
