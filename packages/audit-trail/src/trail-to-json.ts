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
 * The trail as a JSON array of rows with camelCase keys in a fixed order (the shape the CLI's
 * `trail --format json` prints). Only {@link AuditRow} keys are written, whatever else the
 * objects carry. Hidden characters (U+202E and the like) are written as JSON escapes (`\u202e`)
 * by core's `revealHiddenCharacters`: the parsed values are exact, the bytes hold no raw control.
 *
 * @example
 * ```ts
 * process.stdout.write(`${trailToJson(queryTrail(ledger, { field: 'dueDate' }))}\n`);
 * ```
 */
export function trailToJson(rows: readonly AuditRow[], options: TrailJsonOptions = {}): string {
  const picked = rows.map((row) => Object.fromEntries(auditRowKeys.map((key) => [key, row[key]])));
  return revealHiddenCharacters(JSON.stringify(picked, null, options.indent ?? 2), 'json');
}
