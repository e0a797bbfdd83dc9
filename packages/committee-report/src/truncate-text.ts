/**
 * Shortens text to at most `max` characters (code points, so an emoji is never split), ending
 * with an ellipsis when cut. SVG text does not wrap, so chart labels need this; the full text
 * stays in the chart's `<title>` and in the table beside it.
 *
 * @example
 * ```ts
 * truncateText('Improvements to Cannock Railway Station', 20); // 'Improvements to Can…'
 * ```
 */
export function truncateText(text: string, max: number): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  if (characters.length <= max) return characters.join('');
  return `${characters
    .slice(0, Math.max(1, max - 1))
    .join('')
    .trimEnd()}…`;
}
