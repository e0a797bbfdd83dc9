import { revealHiddenCharacters } from '@perfledger/core';
import { type AuditRow, auditRowKeys } from './audit-row.js';

/**
 * How {@link trailToJson} lays the JSON out.
 *
 * @example
 * ```ts
 * const compact: TrailJsonOptions = { indent: 0 };
 * ```
 */
export interface TrailJsonOptions {
  /** Spaces per indentation level; 0 for one line. 2 by default. */
  readonly indent?: number;
}

/**
 * Writes a JSON array one element at a time, laid out exactly as `JSON.stringify(array, null,
 * indent)` would lay it out, so the joined chunks equal the whole-array text.
 */
class JsonArrayWriter {
  private first = true;
  private readonly indent: number;

  constructor(options: TrailJsonOptions) {
    // As JSON.stringify reads its space argument: whole spaces, at most 10.
    this.indent = Math.min(10, Math.max(0, Math.floor(options.indent ?? 2)));
  }

  element(row: AuditRow): string {
    const picked = Object.fromEntries(auditRowKeys.map((key) => [key, row[key]]));
    const pad = ' '.repeat(this.indent);
    const body = JSON.stringify(picked, null, this.indent);
    const text = this.indent > 0 ? `\n${pad}${body.replaceAll('\n', `\n${pad}`)}` : body;
    const chunk = `${this.first ? '[' : ','}${text}`;
    this.first = false;
    // Hidden characters (U+202E and the like) become JSON escapes: exact when parsed, no raw control in the bytes.
    return revealHiddenCharacters(chunk, 'json');
  }

  end(): string {
    if (this.first) return '[]';
    return this.indent > 0 ? '\n]' : ']';
  }
}

/**
 * The trail as a JSON array of rows with camelCase keys in a fixed order (the shape the CLI's
 * `trail --format json` prints). Only {@link AuditRow} keys are written, whatever else the
 * objects carry. Hidden characters (U+202E and the like) are written as JSON escapes (`\u202e`)
 * by core's `revealHiddenCharacters`: the parsed values are exact, the bytes hold no raw control.
 * For a trail too large to hold as one string, use {@link trailJsonChunks}.
 *
 * @example
 * ```ts
 * process.stdout.write(`${trailToJson(await queryTrail(ledger, { field: 'dueDate' }))}\n`);
 * ```
 */
export function trailToJson(rows: Iterable<AuditRow>, options: TrailJsonOptions = {}): string {
  const writer = new JsonArrayWriter(options);
  const chunks: string[] = [];
  for (const row of rows) chunks.push(writer.element(row));
  chunks.push(writer.end());
  return chunks.join('');
}

/**
 * The same JSON as {@link trailToJson}, an element at a time, from rows that may arrive
 * asynchronously (`streamTrail`): memory holds one row, however long the trail.
 *
 * @example
 * ```ts
 * for await (const chunk of trailJsonChunks(await streamTrail(ledger))) process.stdout.write(chunk);
 * ```
 */
export async function* trailJsonChunks(
  rows: AsyncIterable<AuditRow> | Iterable<AuditRow>,
  options: TrailJsonOptions = {},
): AsyncGenerator<string> {
  const writer = new JsonArrayWriter(options);
  for await (const row of rows) yield writer.element(row);
  yield writer.end();
}
