// Only tags that start with a letter, as in core's status matching: "> 1 quarter" keeps its ">".
const SIMPLE_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;
const ENTITIES: Readonly<Record<string, string>> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"' };

/**
 * The visible text of a machine-read cell (a date, a percentage, a stage): simple HTML tags
 * such as `<b>100%</b>` and common entities removed, Unicode NFKC-normalised (so a no-break
 * space is a space), whitespace collapsed and trimmed. Free text (titles, comments) is never
 * passed through this: what the officer wrote is kept as written.
 *
 * @example
 * ```ts
 * plainText(' <b>100%</b>&nbsp;'); // '100%'
 * ```
 */
export function plainText(cell: string): string {
  return cell
    .replace(SIMPLE_TAG, ' ')
    .replace(/&([a-z]+);/gi, (entity, name: string) => ENTITIES[name.toLowerCase()] ?? entity)
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim();
}
