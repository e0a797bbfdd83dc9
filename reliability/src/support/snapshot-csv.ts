import { closeSync, openSync, statSync, writeSync } from 'node:fs';

/** The header of every generated snapshot. */
export const SNAPSHOT_CSV_HEADER =
  'code,title,directorate,section,stage,due_date,percent_complete,status,comments\n';

/** One data row of about 126 bytes, like the rows of the original 1M-row attack. */
export function snapshotCsvRow(i: number): string {
  const code = `IMP${String(i).padStart(7, '0')}`;
  return `${code},Deliver improvement action ${i} on time,Resources,Section ${i % 37},In Progress,31/03/2025,${i % 101}%,Green,Progress noted ${i % 997}\n`;
}

/**
 * Writes a snapshot CSV of `rows` data rows to `file` in 1 MB writes; returns its size in bytes.
 *
 * @example
 * ```ts
 * writeSnapshotCsv('/tmp/1m.csv', 1_000_000); // about 126 MB (120 MiB)
 * ```
 */
export function writeSnapshotCsv(file: string, rows: number): number {
  const fd = openSync(file, 'w');
  try {
    let buffer = SNAPSHOT_CSV_HEADER;
    for (let i = 0; i < rows; i++) {
      buffer += snapshotCsvRow(i);
      if (buffer.length >= 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return statSync(file).size;
}
