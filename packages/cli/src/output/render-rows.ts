import { revealHiddenCharacters } from '@perfledger/core';
import { csvTable, markdownTable } from './delimited.js';
import { type Column, textTable } from './text-table.js';

/**
 * Renders tabular data in the requested format: aligned text, CSV or Markdown. JSON output is
 * produced by each command from its own documented objects, not from these rows.
 */
export function renderRows(
  format: 'table' | 'csv' | 'md',
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  if (format === 'csv') return csvTable(columns, rows);
  if (format === 'md') return markdownTable(columns, rows);
  return textTable(columns, rows);
}

/**
 * Pretty JSON with a trailing newline: the stable machine-readable output of every command.
 * Hidden characters (U+202E and the like) are written as JSON escapes (`\u202e`) by core's
 * `revealHiddenCharacters(…, 'json')`: a parser reads back exactly what the ledger holds, while
 * the bytes on a screen or in a file hold no raw control that could reorder them.
 */
export function renderJson(value: unknown): string {
  return `${revealHiddenCharacters(JSON.stringify(value, null, 2), 'json')}\n`;
}
