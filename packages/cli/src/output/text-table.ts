import { revealHiddenCharacters } from '@perfledger/core';

/** A column of a text table: its heading, and whether numbers in it are right-aligned. */
export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/**
 * Renders rows as an aligned plain-text table with a rule under the header, for terminals.
 * Hidden characters in any cell (bidirectional controls such as U+202E, invisible format and
 * control characters) are shown as `[U+202E]` markers by core's `revealHiddenCharacters`, so a
 * stored title cannot reorder the line or rewrite the terminal.
 *
 * @example
 * ```ts
 * textTable([{ header: 'Status' }, { header: 'Actions', align: 'right' }], [['Green', '11']]);
 * ```
 */
export function textTable(columns: readonly Column[], shown: readonly (readonly string[])[]): string {
  const rows = shown.map((row) => row.map((cell) => revealHiddenCharacters(cell)));
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return `${[line(columns.map((c) => revealHiddenCharacters(c.header))), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}
