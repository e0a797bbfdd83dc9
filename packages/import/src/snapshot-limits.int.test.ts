import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '@perfledger/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSnapshot } from './import-snapshot.js';
import { InputTooLargeError } from './input-too-large-error.js';
import { loadSnapshot } from './load-snapshot.js';
import { NotARegularFileError } from './not-a-regular-file-error.js';
import { parseSnapshot } from './parse-snapshot.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import { DEFAULT_SNAPSHOT_LIMITS } from './snapshot-limits.js';
import { type TempLedger, tempLedger } from './test-support/temp-ledger.js';

const HEADER = 'code,title,directorate,section,stage,due_date,percent_complete,status,comments\n';
const row = (code: string) => `${code},Title,Resources,Finance,In Progress,31/03/2025,5%,Green,Going well\n`;
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(`LIM_${i}`)).join('');
const OPTIONS = { asOf: '2024-06-30', plan: 'Plan' } as const;
const linux = process.platform === 'linux';

let temp: TempLedger;
beforeEach(async () => {
  temp = await tempLedger();
});
afterEach(async () => {
  await temp.dispose();
});

/** Runs an import that must be refused, and proves the ledger file and WAL did not change. */
async function refused(work: () => Promise<unknown>): Promise<unknown> {
  const before = temp.bytes();
  const error = await work().then(
    () => expect.unreachable('the import was accepted'),
    (caught: unknown) => caught,
  );
  expect(temp.bytes().equals(before)).toBe(true);
  expect((await temp.ledger.head()).position).toBe(0);
  return error;
}

describe('a snapshot path that is not a regular file is refused before anything is read', () => {
  it.runIf(linux)('a .csv symbolic link to /dev/zero (was read without limit)', async () => {
    const file = join(temp.dir, 'zero.csv');
    symlinkSync('/dev/zero', file);
    const error = await refused(() => importSnapshot(temp.ledger, { file }, OPTIONS));
    expect(error).toBeInstanceOf(NotARegularFileError);
    expect(error).toMatchObject({ code: 'NOT_A_REGULAR_FILE', file, kind: 'a character device' });
    expect((error as Error).message).toContain(file);
  });

  it.runIf(linux)('a FIFO is refused without waiting for a writer', async () => {
    const file = join(temp.dir, 'pipe.csv');
    execFileSync('mkfifo', [file]);
    const error = await refused(() => importSnapshot(temp.ledger, { file }, OPTIONS));
    expect(error).toMatchObject({ code: 'NOT_A_REGULAR_FILE', file, kind: 'a FIFO (named pipe)' });
  });

  it('a directory named like a snapshot', async () => {
    const file = join(temp.dir, 'q2.csv');
    mkdirSync(file);
    const error = await refused(() => importSnapshot(temp.ledger, { file }, OPTIONS));
    expect(error).toMatchObject({ code: 'NOT_A_REGULAR_FILE', file, kind: 'a directory' });
    await expect(loadSnapshot({ file })).rejects.toThrow(NotARegularFileError);
  });
});

describe('limits on bytes and rows', () => {
  it('defaults to 64 MiB and 100 000 rows', () => {
    expect(DEFAULT_SNAPSHOT_LIMITS).toEqual({ maxBytes: 64 * 1024 * 1024, maxRows: 100_000 });
  });

  it('refuses a file over maxBytes from its size, naming the file, the limit and how to raise it', async () => {
    const file = join(temp.dir, 'big.csv');
    writeFileSync(file, HEADER + rows(20));
    const error = await refused(() => importSnapshot(temp.ledger, { file }, { ...OPTIONS, maxBytes: 1000 }));
    expect(error).toBeInstanceOf(InputTooLargeError);
    expect(error).toMatchObject({
      code: 'INPUT_TOO_LARGE',
      file,
      limit: 'maxBytes',
      max: 1000,
      upFront: true,
    });
    expect((error as Error).message).toMatch(/over the limit of 1000 bytes.*--max-bytes \(option maxBytes\)/);
    expect((error as Error).message).toContain(file);
  });

  it.runIf(linux)(
    'stops reading a file that claims a smaller size than it has, once past maxBytes',
    async () => {
      // Files under /proc report a size of 0 but read as text: a file that lies about its size.
      const file = join(temp.dir, 'lies.csv');
      symlinkSync('/proc/self/maps', file);
      const error = await refused(() => importSnapshot(temp.ledger, { file }, { ...OPTIONS, maxBytes: 64 }));
      expect(error).toMatchObject({ code: 'INPUT_TOO_LARGE', limit: 'maxBytes', max: 64, upFront: false });
      expect((error as InputTooLargeError).found).toBe(65);
    },
  );

  it('refuses more data rows than maxRows, in CSV and JSON, counting neither the header nor blank rows', async () => {
    const csv = join(temp.dir, 'rows.csv');
    writeFileSync(csv, `\n${HEADER}\n${rows(3)}\n\n`);
    const error = await refused(() => importSnapshot(temp.ledger, { file: csv }, { ...OPTIONS, maxRows: 2 }));
    expect(error).toMatchObject({ code: 'INPUT_TOO_LARGE', file: csv, limit: 'maxRows', max: 2, found: 3 });
    expect((error as Error).message).toMatch(/more than 2 data rows.*--max-rows \(option maxRows\)/);
    const report = await importSnapshot(temp.ledger, { file: csv }, { ...OPTIONS, maxRows: 3 });
    expect(report.rows).toBe(3);

    const json = join(temp.dir, 'rows.json');
    const element = {
      code: 'J',
      title: 'T',
      directorate: 'D',
      section: 'S',
      stage: 'In Progress',
      due_date: '2025-03-31',
      percent_complete: 5,
      status: 'Green',
      comments: 'c',
    };
    writeFileSync(json, JSON.stringify([1, 2, 3].map((i) => ({ ...element, code: `J${i}` }))));
    const jsonError = await importSnapshot(temp.ledger, { file: json }, { ...OPTIONS, maxRows: 2 }).catch(
      (e) => e,
    );
    expect(jsonError).toMatchObject({ code: 'INPUT_TOO_LARGE', limit: 'maxRows', max: 2 });
  });

  it('stops at the row limit without reading the rest of the file', async () => {
    // A byte that is not UTF-8 far beyond the first chunk: were the whole file read, that
    // would be the error; the row limit is found first.
    const file = join(temp.dir, 'long.csv');
    writeFileSync(file, Buffer.concat([Buffer.from(HEADER + rows(10_000)), Buffer.from([0xff, 0x0a])]));
    const error = await importSnapshot(temp.ledger, { file }, { ...OPTIONS, maxRows: 10 }).catch((e) => e);
    expect(error).toMatchObject({ code: 'INPUT_TOO_LARGE', limit: 'maxRows', found: 11 });
    const whole = await importSnapshot(temp.ledger, { file }, OPTIONS).catch((e) => e);
    expect(whole).toBeInstanceOf(SnapshotImportError);
    expect((whole as Error).message).toMatch(/is not UTF-8 text/);
  });

  it('applies the limits to content in memory too', async () => {
    const content = HEADER + rows(5);
    const input = { name: 'mem.csv', format: 'csv' as const, content };
    await refused(() => importSnapshot(temp.ledger, input, { ...OPTIONS, maxBytes: 100 }));
    await refused(() => importSnapshot(temp.ledger, input, { ...OPTIONS, maxRows: 4 }));
    expect(() => parseSnapshot(input, { maxRows: 4 })).toThrow(InputTooLargeError);
    expect(parseSnapshot(input, { maxRows: 5 }).rows).toHaveLength(5);
    await expect(loadSnapshot(input, { maxBytes: 100 })).rejects.toThrow(InputTooLargeError);
  });

  it('refuses a limit that is not a whole number of at least 1, and any unknown option, by name', async () => {
    const input = { name: 'mem.csv', format: 'csv' as const, content: HEADER + rows(1) };
    for (const bad of [0, -1, 1.5, Number.NaN, '10', null, 2 ** 60]) {
      for (const key of ['maxBytes', 'maxRows']) {
        const error = await refused(() =>
          importSnapshot(temp.ledger, input, { ...OPTIONS, [key]: bad } as never),
        );
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues[0]?.path).toEqual([key]);
      }
    }
    const error = await refused(() =>
      importSnapshot(temp.ledger, input, { ...OPTIONS, maxrows: 10, 'max-bytes': 1 } as never),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/unknown keys 'maxrows', 'max-bytes'; known keys: asOf, /);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      ['maxrows'],
      ['max-bytes'],
    ]);
  });
});

describe('streaming keeps what the whole-file reader did', () => {
  it('a file and the same content in memory are the same import (same idempotency key)', async () => {
    const content = HEADER + rows(3);
    const file = join(temp.dir, 'same.csv');
    // With a byte-order mark: it is not part of the content.
    writeFileSync(file, `\uFEFF${content}`);
    const first = await importSnapshot(temp.ledger, { file }, OPTIONS);
    expect(first.eventsAppended).toBeGreaterThan(0);
    const again = await importSnapshot(temp.ledger, { name: 'other.csv', format: 'csv', content }, OPTIONS);
    expect(again).toMatchObject({ replayed: true, idempotencyKey: first.idempotencyKey });
  });

  it('a file of many chunks imports every row, with a cell that spans a chunk boundary', async () => {
    const file = join(temp.dir, 'chunks.csv');
    const long = `"${'é'.repeat(4_000)}\n${'€'.repeat(4_000)}"`;
    let count = 0;
    while (Buffer.byteLength(HEADER + rows(count + 100)) < 256 * 1024 - 10_000) count += 100;
    const before = HEADER + rows(count) + 'LONG_1,Title,Resources,Finance,In Progress,31/03/2025,5%,Green,';
    // The quoted cell (20 000 bytes) starts before the first 256 KiB chunk ends and ends after.
    expect(Buffer.byteLength(before)).toBeLessThan(256 * 1024);
    expect(Buffer.byteLength(before + long)).toBeGreaterThan(256 * 1024);
    writeFileSync(file, `${before}${long}\n${rows(2_000).replaceAll('LIM_', 'END_')}`);
    const report = await importSnapshot(temp.ledger, { file }, OPTIONS);
    expect(report.rows).toBe(count + 1 + 2_000);
    expect((await temp.ledger.getAction('LONG_1'))?.lastComment?.text).toBe(
      `${'é'.repeat(4_000)}\n${'€'.repeat(4_000)}`,
    );
  });

  it('names the file, not an option the CLI lacks, when the extension says no format', async () => {
    const file = join(temp.dir, 'q2.txt');
    writeFileSync(file, HEADER + rows(1));
    const error = await refused(() => importSnapshot(temp.ledger, { file }, OPTIONS));
    expect((error as Error).message).not.toMatch(/pass the format explicitly/);
    expect((error as Error).message).toMatch(/rename it to end in \.csv or \.json/);
    const report = await importSnapshot(temp.ledger, { file, format: 'csv' }, OPTIONS);
    expect(report.rows).toBe(1);
  });
});
