import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codePointNotation, ValidationError } from '@perfledger/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSnapshot } from './import-snapshot.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import { eventsOf, type TempLedger, tempLedger, toCsv } from './test-support/temp-ledger.js';

// A snapshot cell holding a bidirectional control (Trojan Source, CVE-2021-42574) or another
// hidden character is refused with its file, row and column, the character named by code point
// and position, and the value shown escaped; nothing from the file is written.

const HEADER = [
  'code',
  'title',
  'directorate',
  'section',
  'stage',
  'due_date',
  'percent_complete',
  'status',
  'comments',
  'plan',
];
const GOOD = [
  'DC01',
  'Widen the use of e-forms',
  'Resources',
  'Digital',
  'In Progress',
  '31/03/2024',
  '40',
  'Green',
  'On track',
  'Corporate Plan',
];
const TEXT_COLUMNS = [1, 2, 3, 7, 8, 9] as const;
const BIDI_CONTROLS = [
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c,
];

let temp: TempLedger;
beforeEach(async () => {
  temp = await tempLedger();
});
afterEach(async () => {
  await temp.dispose();
});

/** The database's bytes, with its WAL and journal (an empty WAL, created by the first read, adds none). */
function written(): Buffer {
  return temp.bytes();
}

function write(name: string, content: string): string {
  const file = join(temp.dir, name);
  writeFileSync(file, content);
  return file;
}

async function refusal(work: () => unknown): Promise<SnapshotImportError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof SnapshotImportError) return error;
    throw error;
  }
  throw new Error('the import was not refused');
}

describe('importing a snapshot with hidden characters', () => {
  it('names file, row, column and the character, shows the value escaped, and writes nothing (CSV)', async () => {
    const file = write(
      'q1.csv',
      toCsv([
        HEADER,
        GOOD,
        ['DC02', 'Pay supplier \u202E0001£', 'Resources', 'Digital', '', '31/03/2024', '', '', '', 'Plan'],
      ]),
    );
    const before = written();
    const error = await refusal(() => importSnapshot(temp.ledger, { file }, { asOf: '2023-06-30' }));
    expect(error.problems).toEqual([
      {
        file,
        row: 3,
        column: 'title',
        value: 'Pay supplier \\u202e0001£',
        message:
          'must not contain bidirectional control characters, which can reorder what a reader sees: U+202E RIGHT-TO-LEFT OVERRIDE at character 14',
      },
    ]);
    expect(error.message).toContain(`Snapshot '${file}' has 1 problem`);
    expect(error.message).toContain('row 3, title: must not contain bidirectional control characters');
    expect(error.message).not.toMatch(/\p{Bidi_Control}/u);
    expect(written()).toEqual(before);
  });

  it('refuses the same in a JSON snapshot, where the character may arrive as an escape', async () => {
    const file = write(
      'q1.json',
      '[{"code":"DC01","title":"T","directorate":"D","section":"S","due_date":"2024-03-31","plan":"P","comments":"ok \\u2066hidden\\u2069"}]',
    );
    const before = written();
    const error = await refusal(() => importSnapshot(temp.ledger, { file }, { asOf: '2023-06-30' }));
    expect(error.problems).toMatchObject([
      {
        file,
        row: 1,
        column: 'comments',
        message: /U\+2066 LEFT-TO-RIGHT ISOLATE at character 4 \(and 1 more/,
      },
    ]);
    expect(written()).toEqual(before);
  });

  it('refuses every bidi control in every text column, at any position (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BIDI_CONTROLS),
        fc.constantFrom(...TEXT_COLUMNS),
        fc.nat(),
        async (codePoint, column, at) => {
          const cells = [...GOOD];
          const characters = Array.from(cells[column] as string);
          const index = 1 + (at % characters.length); // inside the cell: the ends are trimmed first
          characters.splice(index, 0, String.fromCodePoint(codePoint));
          cells[column] = characters.join('');
          const file = write('q.csv', toCsv([HEADER, cells]));
          const before = written();
          const error = await refusal(() => importSnapshot(temp.ledger, { file }, { asOf: '2023-06-30' }));
          expect(error.problems).toMatchObject([
            {
              file,
              row: 2,
              column: HEADER[column],
              message: expect.stringContaining(`${codePointNotation(codePoint)} `),
            },
          ]);
          expect(error.problems[0]?.message).toContain(`at character ${index + 1}`);
          expect(written()).toEqual(before);
        },
      ),
      { numRuns: 25, endOnFailure: true },
    );
  });

  it('refuses a hidden character in a code with its name, not only "must be letters, digits…"', async () => {
    const file = write('q.csv', toCsv([HEADER, ['DC\u200B01', ...GOOD.slice(1)]]));
    const error = await refusal(() => importSnapshot(temp.ledger, { file }, { asOf: '2023-06-30' }));
    expect(error.problems[0]).toMatchObject({
      row: 2,
      column: 'code',
      value: 'DC\\u200b01',
      message: expect.stringContaining('U+200B ZERO WIDTH SPACE at character 3'),
    });
  });

  it('refuses the --actor and --plan options with the character named', async () => {
    const file = write('q.csv', toCsv([HEADER, GOOD]));
    for (const options of [{ actor: 'j.smith\u202E' }, { plan: 'Corporate \u2067Plan' }]) {
      const before = written();
      await expect(importSnapshot(temp.ledger, { file }, { asOf: '2023-06-30', ...options })).rejects.toThrow(
        ValidationError,
      );
      await expect(importSnapshot(temp.ledger, { file }, { asOf: '2023-06-30', ...options })).rejects.toThrow(
        /U\+(202E|2067) .* at character (8|11)/,
      );
      expect(written()).toEqual(before);
    }
  });

  it('imports a file whose name holds a bidi control, recording the name with a visible marker', async () => {
    const file = write('q1\u202Evsc.exe.csv', toCsv([HEADER, GOOD]));
    const report = await importSnapshot(temp.ledger, { file }, { asOf: '2023-06-30' });
    expect(report.eventsAppended).toBeGreaterThan(0);
    const [first] = await eventsOf(temp.ledger);
    expect(first?.source).toBe('import:q1[U+202E]vsc.exe.csv');
  });
});
