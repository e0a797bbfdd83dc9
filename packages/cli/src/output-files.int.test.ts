import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { openReadonlyLedger } from '@perfledger/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, ledgerBytes, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// Issue 11, item 1: nothing a command writes to a file can destroy the ledger or silently replace
// a file. Every command with --out, through main(argv, io), on a real ledger.
const fixtures = join(import.meta.dirname, '..', '..', '..', 'examples', 'quarterly', 'data');

let dir: string;
const { run, out, err } = cliHarness(() => dir);

const db = () => join(dir, 'perfledger.db');

async function expectLedgerIntact(before: Buffer): Promise<void> {
  expect(ledgerBytes(db()).equals(before)).toBe(true);
  const ledger = await openReadonlyLedger(db());
  try {
    expect((await ledger.verify()).ok).toBe(true);
  } finally {
    await ledger.close();
  }
}

function temporaryFiles(): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('.perfledger-'));
}

async function importAndPublish(): Promise<string> {
  for (const [file, asOf] of [
    ['2019-20-q1.csv', '2019-06-30'],
    ['2019-20-q2.csv', '2019-09-30'],
  ] as const) {
    expect(await run('import', join(fixtures, file), '--as-of', asOf, '--status-key', 'pentana')).toBe(0);
  }
  expect(
    await run(
      'report',
      'quarter',
      '--fy',
      '2019/20',
      '--quarter',
      '2',
      '--format',
      'md',
      '--publish',
      '--allow-unapproved',
    ),
  ).toBe(0);
  return /as report ([0-9a-f-]{36})/.exec(err())?.[1] ?? '';
}

/** Every command that writes --out, with the arguments it needs. */
function writingCommands(id: string): readonly (readonly string[])[] {
  return [
    ['report', 'quarter', '--fy', '2019/20', '--quarter', '2', '--format', 'md'],
    [
      'report',
      'quarter',
      '--fy',
      '2019/20',
      '--quarter',
      '2',
      '--format',
      'html',
      '--publish',
      '--allow-unapproved',
    ],
    ['report', 'reproduce', id],
    ['report', 'restatement', id],
    ['trail'],
    ['explain', 'FP1922_03'],
    ['slippage'],
    ['checkpoint', '--key', 'signer.key'],
  ];
}

beforeEach(() => {
  dir = makeTempDir('perfledger-cli-out-');
});
afterEach(() => removeTempDir(dir));

describe('--out never destroys the ledger', () => {
  it('the original attack: report quarter --out <the db> exits 1 with OUTPUT_IS_LEDGER and changes nothing', async () => {
    await importAndPublish();
    const before = ledgerBytes(db());
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '2',
        '--format',
        'md',
        '--out',
        'perfledger.db',
      ),
    ).toBe(1);
    expect(err()).toMatch(
      /^error \[OUTPUT_IS_LEDGER\]: Refusing to write '.*perfledger\.db': it is the ledger's database/,
    );
    expect(out()).toBe('');
    await expectLedgerIntact(before);
  });

  it('report quarter --publish --out <the db> refuses before publishing: the ledger is byte-identical, opens and verifies', async () => {
    await importAndPublish();
    expect(await run('report', 'list', '--format', 'json')).toBe(0);
    const published = JSON.parse(out()).length;
    const before = ledgerBytes(db());
    for (const force of [[], ['--force']]) {
      expect(
        await run(
          'report',
          'quarter',
          '--fy',
          '2019/20',
          '--quarter',
          '2',
          '--format',
          'md',
          '--publish',
          '--allow-unapproved',
          '--out',
          'perfledger.db',
          ...force,
        ),
      ).toBe(1);
      expect(err()).toMatch(/OUTPUT_IS_LEDGER/);
      expect(err()).not.toMatch(/Published/);
    }
    await expectLedgerIntact(before);
    expect(await run('report', 'list', '--format', 'json')).toBe(0);
    expect(JSON.parse(out())).toHaveLength(published);
    expect(await run('verify')).toBe(0);
  });

  it('every command, every ledger file, every spelling, with --force: refused, nothing written', async () => {
    const id = await importAndPublish();
    expect(await run('keygen', '.', '--name', 'signer')).toBe(0);
    mkdirSync(join(dir, 'sub'));
    symlinkSync('perfledger.db-wal', join(dir, 'wal-link.md'));
    linkSync(db(), join(dir, 'hard-link.md'));
    const before = ledgerBytes(db());
    const spellings = [
      'perfledger.db',
      './perfledger.db',
      'sub/../perfledger.db',
      `${dir}//perfledger.db`,
      'perfledger.db-wal',
      './sub/../perfledger.db-shm',
      'perfledger.db-journal',
      'wal-link.md',
      'hard-link.md',
    ];
    for (const command of writingCommands(id)) {
      for (const spelling of spellings) {
        expect(
          await run(...command, '--out', spelling, '--force'),
          `${command.join(' ')} --out ${spelling}`,
        ).toBe(1);
        expect(err()).toMatch(/^error \[OUTPUT_IS_LEDGER\]/);
      }
    }
    await expectLedgerIntact(before);
    expect(existsSync(`${db()}-journal`)).toBe(false);
    expect(lstatSync(join(dir, 'wal-link.md')).isSymbolicLink()).toBe(true);
    expect(temporaryFiles()).toEqual([]);
  });

  it('checks --out before anything else: a bad path wins over a bad key, and nothing is published', async () => {
    await importAndPublish();
    const before = ledgerBytes(db());
    expect(await run('checkpoint', '--key', 'no-such.key', '--out', 'missing/cp.json')).toBe(1);
    expect(err()).toMatch(/OUTPUT_DIRECTORY_MISSING/);
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '2',
        '--publish',
        '--allow-unapproved',
        '--out',
        'missing/q2.md',
      ),
    ).toBe(1);
    expect(err()).toMatch(
      /^error \[OUTPUT_DIRECTORY_MISSING\]: Cannot write '.*missing\/q2\.md': the directory/,
    );
    await expectLedgerIntact(before);
  });

  it('keygen refuses to put a key on the ledger, and still never overwrites a key', async () => {
    await importAndPublish();
    const before = ledgerBytes(db());
    expect(
      await run(
        '--db',
        'ledger.key',
        'import',
        join(fixtures, '2019-20-q1.csv'),
        '--as-of',
        '2019-06-30',
        '--status-key',
        'pentana',
      ),
    ).toBe(0);
    const keyLedger = readFileSync(join(dir, 'ledger.key'));
    expect(await run('--db', 'ledger.key', 'keygen', 'ledger')).toBe(1);
    expect(err()).toMatch(/OUTPUT_IS_LEDGER/);
    expect(readFileSync(join(dir, 'ledger.key')).equals(keyLedger)).toBe(true);
    expect(existsSync(join(dir, 'ledger.pub'))).toBe(false);
    expect(await run('keygen', '.', '--name', 'k')).toBe(0);
    expect(await run('keygen', '.', '--name', 'k')).toBe(1);
    expect(err()).toMatch(/^error \[FILE_EXISTS\]/);
    await expectLedgerIntact(before);
  });
});

describe('--out never silently replaces a file', () => {
  it('report reproduce --out <a signed checkpoint> is refused with FILE_EXISTS; --force replaces it', async () => {
    const id = await importAndPublish();
    expect(await run('keygen', '.', '--name', 'signer')).toBe(0);
    expect(await run('checkpoint', '--key', 'signer.key', '--out', 'cp.json')).toBe(0);
    const checkpoint = readFileSync(join(dir, 'cp.json'));
    expect(await run('report', 'reproduce', id, '--out', 'cp.json')).toBe(1);
    expect(err()).toMatch(
      /^error \[FILE_EXISTS\]: '.*cp\.json' already exists; it was not overwritten\. .*--force/,
    );
    expect(readFileSync(join(dir, 'cp.json')).equals(checkpoint)).toBe(true);
    expect(await run('report', 'reproduce', id, '--out', 'cp.json', '--force')).toBe(0);
    expect(readFileSync(join(dir, 'cp.json'), 'utf8')).toMatch(/^# Quarter-end report/);
  });

  it('every writing command refuses an existing file without --force and replaces it with --force', async () => {
    const id = await importAndPublish();
    expect(await run('keygen', '.', '--name', 'signer')).toBe(0);
    for (const command of writingCommands(id).filter((c) => !c.includes('--publish'))) {
      writeFileSync(join(dir, 'existing.txt'), 'keep me');
      expect(await run(...command, '--out', 'existing.txt'), command.join(' ')).toBe(1);
      expect(err()).toMatch(/^error \[FILE_EXISTS\]/);
      expect(readFileSync(join(dir, 'existing.txt'), 'utf8')).toBe('keep me');
      expect(await run(...command, '--out', 'existing.txt', '--force'), command.join(' ')).toBe(0);
      expect(readFileSync(join(dir, 'existing.txt'), 'utf8')).not.toBe('keep me');
    }
    expect(temporaryFiles()).toEqual([]);
  });

  it('never writes through a symbolic link: refused without --force; with --force the link is replaced', async () => {
    await importAndPublish();
    mkdirSync(join(dir, 'elsewhere'));
    const victim = join(dir, 'elsewhere', 'precious.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'q2.md'));
    const args = [
      'report',
      'quarter',
      '--fy',
      '2019/20',
      '--quarter',
      '2',
      '--format',
      'md',
      '--out',
      'q2.md',
    ];
    expect(await run(...args)).toBe(1);
    expect(err()).toMatch(/FILE_EXISTS.*symbolic link/);
    expect(await run(...args, '--force')).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(join(dir, 'q2.md')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'q2.md'), 'utf8')).toMatch(/^# Quarter-end report/);
  });

  it('a missing directory and a directory are typed errors, not raw ENOENT / EISDIR', async () => {
    await importAndPublish();
    mkdirSync(join(dir, 'reports'));
    expect(await run('trail', '--out', 'nowhere/trail.csv')).toBe(1);
    expect(err()).toMatch(/^error \[OUTPUT_DIRECTORY_MISSING\]: .*nowhere\/trail\.csv.*create the directory/);
    expect(await run('trail', '--out', 'reports', '--force')).toBe(1);
    expect(err()).toMatch(/^error \[OUTPUT_IS_DIRECTORY\]: .*reports/);
    expect(readdirSync(join(dir, 'reports'))).toEqual([]);
    expect(temporaryFiles()).toEqual([]);
  });

  it('every command with --out offers --force', async () => {
    for (const command of [
      ['report', 'quarter'],
      ['report', 'reproduce'],
      ['report', 'restatement'],
      ['trail'],
      ['explain'],
      ['slippage'],
      ['checkpoint'],
    ]) {
      expect(await run(...command, '--help')).toBe(0);
      expect(out(), command.join(' ')).toMatch(/--out <file>/);
      expect(out(), command.join(' ')).toMatch(/--force/);
    }
  });
});
