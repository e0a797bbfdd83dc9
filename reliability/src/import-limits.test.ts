import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSnapshot } from '@perfledger/import';
import { afterAll, describe, expect, it } from 'vitest';
import { openHostileLedger } from './scenarios/hostile-input.js';
import { assertRefusedAsync } from './support/assert-refused.js';
import { SNAPSHOT_CSV_HEADER, snapshotCsvRow } from './support/snapshot-csv.js';

// The big-file and importer attacks of issue 11, kept as fixed cases: each must be refused
// with a typed error, the database and its WAL byte for byte unchanged.
const target = await openHostileLedger();
const dir = mkdtempSync(join(tmpdir(), 'perfledger-import-attacks-'));
afterAll(async () => {
  await target.close();
  rmSync(dir, { recursive: true, force: true });
});
const { ledger, file } = target;
const options = { asOf: '2024-06-30', plan: 'Attack Plan' } as const;
const linux = process.platform === 'linux';

function path(name: string, content?: string | Buffer): string {
  const at = join(dir, name);
  if (content !== undefined) writeFileSync(at, content);
  return at;
}

describe('the importer attacks of issue 11 stay refused', () => {
  it('a 116 MB CSV (it ran 13 minutes, reached 4.4 GB and died) is refused up front from its size', async () => {
    // Sparse: the size is what the refusal reads, so the test writes nothing to disk.
    const huge = path('huge.csv', SNAPSHOT_CSV_HEADER);
    truncateSync(huge, 116 * 1024 * 1024);
    const error = await assertRefusedAsync(
      file,
      async () => await importSnapshot(ledger, { file: huge }, options),
    );
    expect(error).toMatchObject({ code: 'INPUT_TOO_LARGE', limit: 'maxBytes', upFront: true, file: huge });
  });

  it.runIf(linux)('a .csv symbolic link to /dev/zero (was read without limit)', async () => {
    const zero = path('zero.csv');
    symlinkSync('/dev/zero', zero);
    const error = await assertRefusedAsync(
      file,
      async () => await importSnapshot(ledger, { file: zero }, options),
    );
    expect(error).toMatchObject({ code: 'NOT_A_REGULAR_FILE', file: zero });
  });

  it.runIf(linux)('a FIFO named .csv (would block) and a directory named .json', async () => {
    const fifo = path('fifo.csv');
    execFileSync('mkfifo', [fifo]);
    expect(
      await assertRefusedAsync(file, async () => await importSnapshot(ledger, { file: fifo }, options)),
    ).toMatchObject({
      code: 'NOT_A_REGULAR_FILE',
    });
    const folder = path('folder.json');
    mkdirSync(folder);
    expect(
      await assertRefusedAsync(file, async () => await importSnapshot(ledger, { file: folder }, options)),
    ).toMatchObject({ code: 'NOT_A_REGULAR_FILE', kind: 'a directory' });
  });

  it('more rows than the limit stop the import while streaming', async () => {
    const rows = path(
      'rows.csv',
      SNAPSHOT_CSV_HEADER + Array.from({ length: 50 }, (_, i) => snapshotCsvRow(i)).join(''),
    );
    const error = await assertRefusedAsync(
      file,
      async () => await importSnapshot(ledger, { file: rows }, { ...options, maxRows: 49 }),
    );
    expect(error).toMatchObject({ code: 'INPUT_TOO_LARGE', limit: 'maxRows', max: 49, found: 50 });
  });

  it('DC02 and dc02 in one file (became two actions) are one problem naming both rows', async () => {
    const both = path(
      'case.csv',
      SNAPSHOT_CSV_HEADER +
        snapshotCsvRow(1).replace('IMP0000001', 'DC02') +
        snapshotCsvRow(2).replace('IMP0000002', 'dc02'),
    );
    const error = await assertRefusedAsync(
      file,
      async () => await importSnapshot(ledger, { file: both }, options),
    );
    expect(error.message).toMatch(/row 3, code: 'dc02' is the code 'DC02' of row 2/);
  });

  it('a JSON snapshot whose object repeats the code key (the last silently won)', async () => {
    const json = path(
      'dup.json',
      '[{"code":"A","code":"B","title":"T","directorate":"D","section":"S","stage":"In Progress","due_date":"2025-03-31","percent_complete":5,"status":"Green","comments":"c"}]',
    );
    const error = await assertRefusedAsync(
      file,
      async () => await importSnapshot(ledger, { file: json }, options),
    );
    expect(error.message).toMatch(/row 1, code: has the key 'code' twice in one object \(array index 0\)/);
  });

  it('a file that is not UTF-8 names the byte offset and line (it named neither)', async () => {
    const latin1 = path(
      'latin1.csv',
      Buffer.concat([Buffer.from(`${SNAPSHOT_CSV_HEADER}X1,Cost `), Buffer.from([0xa3]), Buffer.from('5\n')]),
    );
    const error = await assertRefusedAsync(
      file,
      async () => await importSnapshot(ledger, { file: latin1 }, options),
    );
    expect(error.message).toMatch(
      new RegExp(`byte offset ${Buffer.byteLength(SNAPSHOT_CSV_HEADER) + 8} \\(line 2\\)`),
    );
  });

  it('a file without a known extension names no option the CLI lacks ("pass the format explicitly")', async () => {
    const txt = path('q2.txt', SNAPSHOT_CSV_HEADER);
    const error = await assertRefusedAsync(
      file,
      async () => await importSnapshot(ledger, { file: txt }, options),
    );
    expect(error.message).not.toMatch(/pass the format/);
    expect(error.message).toMatch(/rename it to end in \.csv or \.json/);
  });
});
