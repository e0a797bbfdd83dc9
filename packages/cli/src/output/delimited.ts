import { csvCell } from '@perfledger/audit-trail';
import { revealHiddenCharacters } from '@perfledger/core';
import type { Column } from './text-table.js';

/**
 * Rows as CSV with a header line. Each cell is written by the audit trail's `csvCell`, which also
 * shows hidden characters (U+202E and the like) as `[U+202E]` markers.
 *
 * @example
 * ```ts
 * csvTable([{ header: 'code' }], [['FP1922_02']]); // 'code\r\nFP1922_02\r\n'
 * ```
 */
export function csvTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  return [columns.map((c) => c.header), ...rows]
    .map((row) => `${row.map((cell) => csvCell(cell, true)).join(',')}\r\n`)
    .join('');
}

/**
 * Rows as a GitHub-flavoured Markdown table (pipes and line breaks escaped, hidden characters
 * such as U+202E shown as `[U+202E]` markers by core's `revealHiddenCharacters`).
 *
 * @example
 * ```ts
 * markdownTable([{ header: 'Status' }, { header: 'Actions', align: 'right' }], [['Green', '11']]);
 * ```
 */
export function markdownTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) =>
    revealHiddenCharacters(text).replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `| ${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  return `${[line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n')}\n`;
}
