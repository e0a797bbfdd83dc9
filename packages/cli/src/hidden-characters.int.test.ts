import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasHiddenCharacters } from '@perfledger/core';
import { type LegacyEvent, writeLegacyEvents } from '@perfledger/sqlite/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// A ledger written by an older build may hold titles, comments, reasons and actors with
// bidirectional controls (Trojan Source, CVE-2021-42574) and other hidden characters. Events
// cannot change, so every rendered output must show them instead of letting them reorder what a
// committee member or auditor reads: no output of any command, in any format, to stdout or to an
// --out file, contains a raw hidden character, and JSON still carries the exact stored value.

const fixtures = join(import.meta.dirname, '..', '..', '..', 'examples', 'quarterly', 'data');

// What an older build accepted but this one refuses: bidi controls, invisible format characters,
// U+2028/U+2029 and C1 controls (older builds refused only C0 controls and DEL).
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const MARKS = ['\u200E', '\u200F', '\u061C'];
const OTHER = ['\u200B', '\u2060', '\uFEFF', '\u00AD', '\u2028', '\u2029', '\u0085', '\u009B', '\u{E0041}'];

/** Random text as an older build would have stored it, with at least one bidi control inside. */
const legacyText = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
        fc.constantFrom(...BIDI, ...MARKS, ...OTHER),
        fc.constantFrom('Pay ', '0001£', ' (due ', '2019)', ', ', '\n', '"', '=1+1', '|'),
      ),
      { maxLength: 8 },
    ),
    fc.constantFrom(...BIDI),
    fc.nat(),
  )
  .map(([pieces, bidi, at]) => {
    pieces.splice(at % (pieces.length + 1), 0, bidi);
    // The rules older builds applied: trimmed, no C0 control but tab and line feed, no lone surrogate.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing what older builds refused
    const text = `A${pieces.join('')}`.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
    return /[\uD800-\uDFFF]/u.test(text) ? 'A\u202Eb' : text;
  });

function legacyEvents(texts: readonly string[]): LegacyEvent[] {
  const t = (i: number) => texts[i % texts.length] as string;
  const stream = 'action:LEG01';
  return [
    {
      stream,
      type: 'ActionRegistered',
      effectiveOn: '2019-04-01',
      actor: t(5),
      data: {
        code: 'LEG01',
        title: t(0),
        description: t(1),
        plan: t(2),
        directorate: t(3),
        section: t(4),
        owner: t(5),
        dueDate: '2019-09-30',
        statusKey: 'pentana',
        note: t(6),
      },
    },
    {
      stream,
      type: 'DueDateRevised',
      effectiveOn: '2019-05-01',
      actor: t(1),
      data: { from: '2019-09-30', to: '2020-03-31', reason: t(2), approver: t(3), approvalReference: t(4) },
    },
    { stream, type: 'CommentAdded', effectiveOn: '2019-06-01', actor: t(2), data: { comment: t(3) } },
    {
      stream: 'action:FP1922_02',
      type: 'ActionDetailsAmended',
      effectiveOn: '2019-06-15',
      actor: t(3),
      data: { title: t(4), owner: t(5), note: t(6) },
    },
    {
      stream: 'action:FP1922_02',
      type: 'CommentAdded',
      effectiveOn: '2019-06-20',
      data: { comment: t(0) },
    },
  ];
}

// The quarter report published in the base ledger: by the position of its ReportPublished event.
let PUBLISHED = '';

// Every command that prints stored text, in every format it offers.
const REPORT = ['report', 'quarter', '--fy', '2019/20', '--quarter', '1'];
const outputs = (): readonly (readonly string[])[] => [
  ...['table', 'md', 'csv', 'json', 'html'].map((format) => [...REPORT, '--format', format]),
  [...REPORT, '--by', 'directorate', '--format', 'md'],
  ...['table', 'md', 'csv', 'json'].flatMap((format) => [
    ['trail', '--format', format],
    ['slippage', '--format', format],
  ]),
  ['slippage', 'LEG01'],
  ...['dueDate', 'title', 'comment', 'owner'].flatMap((field) => [
    ['explain', 'LEG01', '--field', field],
    ['explain', 'FP1922_02', '--field', field, '--format', 'json'],
  ]),
  ['report', 'list'],
  ...['table', 'md', 'csv', 'json'].map((format) => ['report', 'restatement', PUBLISHED, '--format', format]),
  ['verify'],
];

let base: string;
let dir: string;
const cli = cliHarness(() => dir);

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const code = await cli.run(...args);
  return { code, out: cli.out(), err: cli.err() };
}

/** What a reader would see: CSV's CR LF row ends are line breaks, not hidden characters. */
function visible(text: string): string {
  return text.replaceAll('\r\n', '\n');
}

beforeAll(async () => {
  base = makeTempDir('perfledger-hidden-base-');
  dir = base;
  expect(
    (
      await run(
        'import',
        join(fixtures, '2019-20-q1.csv'),
        '--as-of',
        '2019-06-30',
        '--status-key',
        'pentana',
      )
    ).code,
  ).toBe(0);
  // Publish the quarter, so that later legacy events restate it.
  expect((await run(...REPORT, '--format', 'md', '--publish', '--allow-unapproved')).code).toBe(0);
  const [published] = JSON.parse((await run('report', 'list', '--format', 'json')).out) as {
    position: number;
  }[];
  PUBLISHED = String(published?.position);
});
afterAll(() => removeTempDir(base));

function copyOfBase(): string {
  const copy = makeTempDir('perfledger-hidden-');
  for (const suffix of ['', '-wal']) {
    const from = join(base, `perfledger.db${suffix}`);
    if (existsSync(from)) copyFileSync(from, join(copy, `perfledger.db${suffix}`));
  }
  return copy;
}

describe('rendering a ledger whose stored text holds hidden characters', () => {
  it('no output of any command or format contains a raw hidden character; JSON keeps the exact value (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(legacyText, { minLength: 1, maxLength: 7 }), async (texts) => {
        dir = copyOfBase();
        try {
          writeLegacyEvents(join(dir, 'perfledger.db'), legacyEvents(texts));
          expect((await run('rebuild')).code).toBe(0);
          for (const args of outputs()) {
            const result = await run(...args);
            expect(result.code, `${args.join(' ')}: ${result.err}`).toBe(0);
            expect(hasHiddenCharacters(visible(result.out)), args.join(' ')).toBe(false);
            expect(hasHiddenCharacters(result.err), args.join(' ')).toBe(false);
          }
          // The same through --out files.
          const file = join(dir, 'report.html');
          expect((await run(...REPORT, '--format', 'html', '--out', file)).code).toBe(0);
          expect(hasHiddenCharacters(readFileSync(file, 'utf8'))).toBe(false);
          // JSON escapes rather than marks: a parser reads back exactly what the ledger holds.
          const trail = JSON.parse((await run('trail', 'LEG01', '--format', 'json')).out) as {
            field: string;
            after: string | null;
          }[];
          expect(trail.find((row) => row.field === 'title')?.after).toBe(texts[0]);
        } finally {
          removeTempDir(dir);
        }
      }),
      { numRuns: 15, endOnFailure: true },
    );
  }, 240_000);

  it('shows the Trojan Source title as visible markers in every text format', async () => {
    dir = copyOfBase();
    try {
      const title = 'Pay supplier \u202E0001£ \u2066now\u2069';
      const events = legacyEvents([title, 'Plan', 'Plan', 'Resources', 'Finance', 'j.smith\u200F', 'n']);
      writeLegacyEvents(join(dir, 'perfledger.db'), events);
      expect((await run('rebuild')).code).toBe(0);
      const shown = 'Pay supplier [U+202E]0001£ [U+2066]now[U+2069]';
      for (const format of ['csv', 'html']) {
        expect((await run(...REPORT, '--format', format)).out).toContain(shown);
      }
      expect((await run('trail', 'LEG01', '--format', 'md')).out).toContain(shown);
      expect((await run('trail', 'LEG01', '--format', 'table')).out).toContain('j.smith[U+200F]');
      expect((await run('explain', 'LEG01', '--field', 'title')).out).toContain(shown);
      expect((await run('trail', 'LEG01', '--format', 'json')).out).toContain(
        'Pay supplier \\u202e0001£ \\u2066now\\u2069',
      );
      expect((await run('report', 'restatement', PUBLISHED)).out).toContain('[U+202E]');
    } finally {
      removeTempDir(dir);
    }
  }, 120_000);
});
