import { closeSync, openSync, statSync, writeSync } from 'node:fs';

const HEADER = 'code,title,directorate,section,stage,due_date,percent_complete,status,comments\n';
const DIRECTORATES = ['Resources', 'Communities', 'Place', 'Chief Executive'];
const STAGES = ['In Progress', 'Not Started', 'In Progress', 'Completed'];

/** One data row of about 126 bytes, like the 1M-row file of the original attack. */
function row(i: number): string {
  const code = `IMP${String(i).padStart(7, '0')}`;
  return `${code},Deliver improvement action ${i} on time,${DIRECTORATES[i % 4]},Section ${i % 37},${STAGES[i % 4]},31/03/2025,${i % 101}%,Green,Progress noted ${i % 997}\n`;
}

/**
 * Writes a quarterly snapshot CSV of `rows` data rows (about 126 bytes each, as council
 * exports are) to `file`, in 1 MB writes, and returns its size in bytes.
 *
 * @example
 * ```ts
 * const bytes = writeSnapshotCsv('/tmp/1m.csv', 1_000_000); // about 126 MB (120 MiB)
 * ```
 */
export function writeSnapshotCsv(file: string, rows: number): number {
  const fd = openSync(file, 'w');
  try {
    let buffer = HEADER;
    for (let i = 0; i < rows; i++) {
      buffer += row(i);
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
