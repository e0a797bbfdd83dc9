import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSnapshot } from './import-snapshot.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import { type TempLedger, tempLedger } from './test-support/temp-ledger.js';

const HEADER = 'code,title,directorate,section,stage,due_date,percent_complete,status,comments\n';
const row = (i: number) => `U_${i},Title,Resources,Finance,In Progress,31/03/2025,5%,Green,Cost £${i}\n`;
let temp: TempLedger;
beforeAll(async () => {
  temp = await tempLedger();
});
afterAll(async () => {
  await temp.dispose();
});
const CHUNK = 256 * 1024;

async function problemOf(bytes: Buffer, name = 'q.csv') {
  const file = join(temp.dir, name);
  writeFileSync(file, bytes);
  const error = await importSnapshot(temp.ledger, { file }, { asOf: '2024-06-30', plan: 'P' }).catch(
    (e) => e,
  );
  expect(error).toBeInstanceOf(SnapshotImportError);
  expect((await temp.ledger.head()).position).toBe(0);
  return (error as SnapshotImportError).problems[0]!;
}

describe('a file that is not UTF-8 names the byte offset and line of the first bad byte', () => {
  it('in a small CSV file ("is not UTF-8 text" named neither)', async () => {
    const good = HEADER + row(1) + row(2);
    const problem = await problemOf(
      Buffer.concat([Buffer.from(`${good}U_3,T`), Buffer.from([0xa3]), Buffer.from('x\n')]),
    );
    const offset = Buffer.byteLength(good) + 5;
    expect(problem).toMatchObject({ row: 4, column: null });
    expect(problem.message).toContain(`byte offset ${offset} (line 4) holds the byte 0xA3`);
    expect(problem.message).toMatch(/save it as 'CSV UTF-8'/);
  });

  it('in a JSON file, by line (a JSON row is an array position, not known before parsing)', async () => {
    const problem = await problemOf(
      Buffer.concat([Buffer.from('[\n{"code":"'), Buffer.from([0xe9]), Buffer.from('"}]')]),
      'q.json',
    );
    expect(problem).toMatchObject({ row: null });
    expect(problem.message).toContain('byte offset 11 (line 2) holds the byte 0xE9');
  });

  it('at a truncated character at the end of the file', async () => {
    const good = Buffer.from(HEADER + row(1));
    const problem = await problemOf(Buffer.concat([good, Buffer.from('€').subarray(0, 2)]));
    expect(problem.message).toContain(`byte offset ${good.length} (line 3) ends inside a character`);
  });

  it('wherever the bad byte falls, across the 256 KiB chunks the file is read in', async () => {
    const body = Buffer.from(HEADER + Array.from({ length: 4_000 }, (_, i) => row(i)).join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: CHUNK - 6, max: CHUNK + 6 }),
        fc.constantFrom([0xa3], [0xe2, 0x82], [0xe2, 0x28, 0xa1], [0xf0, 0x9f, 0x98]),
        async (at, bad) => {
          // Keep the bytes before `at` whole characters so the bad sequence starts at `at`.
          let start = at;
          while ((body[start]! & 0xc0) === 0x80) start--;
          const bytes = Buffer.concat([
            body.subarray(0, start),
            Buffer.from(bad),
            Buffer.from('x'),
            body.subarray(start),
          ]);
          const problem = await problemOf(bytes);
          const line = body.subarray(0, start).toString('latin1').split('\n').length;
          expect(problem.message).toContain(`byte offset ${start} (line ${line})`);
          expect(problem.row).toBe(line);
        },
      ),
      { numRuns: 25 },
    );
  });
});
