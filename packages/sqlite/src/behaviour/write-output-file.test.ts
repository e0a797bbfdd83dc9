import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import {
  checkOutputFile,
  OutputFileError,
  type OutputFileErrorCode,
  writeOutputFile,
} from '@perfledger/core';
import { ledgerBytes } from '@perfledger/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, openReadonlyLedger } from '../open-ledger.js';
import { registerAction } from '../test-support/ledger-fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perfledger-output-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function refused(work: () => unknown, code: OutputFileErrorCode, file: string): OutputFileError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(OutputFileError);
    const typed = error as OutputFileError;
    expect(typed.code).toBe(code);
    expect(typed.file).toBe(file);
    expect(typed.message).toContain(file);
    expect(typed.message).toMatch(/Nothing was written|it was not overwritten/);
    return typed;
  }
  throw new Error(`expected OutputFileError ${code}, but nothing was thrown`);
}

/** Every entry of a directory, so a test can prove no temporary file was left behind. */
function entries(path = dir): string[] {
  return readdirSync(path).sort();
}

/** A closed ledger with one event, in `dir`. */
async function makeLedger(name = 'plan.db'): Promise<string> {
  const file = join(dir, name);
  const ledger = await openLedger({ file });
  await ledger.execute(registerAction('OUT_01')); // any one event
  await ledger.close();
  return file;
}

describe('writeOutputFile', () => {
  it('writes a new file whole, returns its absolute path, and leaves no temporary file', async () => {
    const written = writeOutputFile(join(dir, 'report.md'), '# Q2\n');
    expect(written).toBe(join(dir, 'report.md'));
    expect(readFileSync(written, 'utf8')).toBe('# Q2\n');
    expect(entries()).toEqual(['report.md']);
    writeOutputFile(join(dir, 'bytes.bin'), new Uint8Array([0, 1, 2]));
    expect([...readFileSync(join(dir, 'bytes.bin'))]).toEqual([0, 1, 2]);
  });

  it('refuses an existing file without force (FILE_EXISTS, bytes unchanged); with force, replaces it', async () => {
    const file = join(dir, 'cp.json');
    writeFileSync(file, 'the earlier anchor');
    const error = refused(() => writeOutputFile(file, 'new'), 'FILE_EXISTS', file);
    expect(error.message).toMatch(/--force/);
    expect(readFileSync(file, 'utf8')).toBe('the earlier anchor');
    expect(entries()).toEqual(['cp.json']);
    writeOutputFile(file, 'new', { force: true });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(entries()).toEqual(['cp.json']);
  });

  it('never writes through a symbolic link: refused without force; with force the link itself is replaced', async () => {
    const target = join(dir, 'elsewhere.txt');
    writeFileSync(target, 'must survive');
    const link = join(dir, 'report.md');
    symlinkSync(target, link);
    const error = refused(() => writeOutputFile(link, 'x'), 'FILE_EXISTS', link);
    expect(error.message).toMatch(/symbolic link/);
    writeOutputFile(link, 'report', { force: true });
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    expect(readFileSync(link, 'utf8')).toBe('report');
    expect(readFileSync(target, 'utf8')).toBe('must survive');

    const dangling = join(dir, 'dangling.md');
    symlinkSync(join(dir, 'created-through-link.txt'), dangling);
    refused(() => writeOutputFile(dangling, 'x'), 'FILE_EXISTS', dangling);
    writeOutputFile(dangling, 'x', { force: true });
    expect(existsSync(join(dir, 'created-through-link.txt'))).toBe(false);
    expect(lstatSync(dangling).isFile()).toBe(true);
  });

  it('gives the private-key mode from creation', async () => {
    const file = writeOutputFile(join(dir, 'perfledger.key'), 'secret', { mode: 0o600 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a missing directory, and a path through a file (OUTPUT_DIRECTORY_MISSING)', async () => {
    const missing = join(dir, 'no-such-dir', 'report.md');
    const error = refused(() => writeOutputFile(missing, 'x'), 'OUTPUT_DIRECTORY_MISSING', missing);
    expect(error.message).toContain(join(dir, 'no-such-dir'));
    writeFileSync(join(dir, 'a-file'), '');
    const through = join(dir, 'a-file', 'report.md');
    refused(() => writeOutputFile(through, 'x'), 'OUTPUT_DIRECTORY_MISSING', through);
    expect(entries()).toEqual(['a-file']);
  });

  it('refuses a directory (OUTPUT_IS_DIRECTORY), even with force, and a path ending in a separator', async () => {
    mkdirSync(join(dir, 'reports'));
    refused(
      () => writeOutputFile(join(dir, 'reports'), 'x', { force: true }),
      'OUTPUT_IS_DIRECTORY',
      join(dir, 'reports'),
    );
    refused(() => writeOutputFile(`${join(dir, 'new')}/`, 'x'), 'OUTPUT_IS_DIRECTORY', join(dir, 'new'));
    expect(entries()).toEqual(['reports']);
    expect(entries(join(dir, 'reports'))).toEqual([]);
  });

  it.skipIf(spawnSync('mkfifo', ['--version']).status !== 0)(
    'refuses a named pipe even with force (OUTPUT_NOT_A_FILE), without opening it',
    () => {
      const fifo = join(dir, 'pipe');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      refused(() => writeOutputFile(fifo, 'x', { force: true }), 'OUTPUT_NOT_A_FILE', fifo);
      expect(lstatSync(fifo).isFIFO()).toBe(true);
    },
  );

  it('refuses a directory it may not write (READ_ONLY), leaving nothing behind', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    // Root ignores permission bits; an immutable directory stops root too.
    const root = process.getuid?.() === 0;
    if (root && spawnSync('chattr', ['+i', locked]).status !== 0) return;
    if (!root) chmodSync(locked, 0o555);
    try {
      const file = join(locked, 'report.md');
      const error = refused(() => writeOutputFile(file, 'x'), 'READ_ONLY', file);
      expect(error.message).toMatch(/permission denied|read-only/);
      expect(entries(locked)).toEqual([]);
    } finally {
      if (root) spawnSync('chattr', ['-i', locked]);
      else chmodSync(locked, 0o755);
    }
  });

  it('removes its temporary file when writing fails part-way, so nothing is left and a retry works', async () => {
    const file = join(dir, 'report.md');
    // Data of the wrong type fails after the temporary file was created.
    expect(() => writeOutputFile(file, 42 as unknown as string)).toThrow(TypeError);
    expect(entries()).toEqual([]);
    writeOutputFile(file, 'retry');
    expect(readFileSync(file, 'utf8')).toBe('retry');
  });

  it('checkOutputFile refuses exactly what writeOutputFile would, and writes nothing', async () => {
    const db = await makeLedger();
    const before = entries();
    expect(() => checkOutputFile(db, { force: true })).toThrow(OutputFileError);
    expect(() => checkOutputFile(join(dir, 'nope', 'x'))).toThrow(OutputFileError);
    expect(checkOutputFile(join(dir, 'fine.md'))).toBe(join(dir, 'fine.md'));
    expect(entries()).toEqual(before);
  });
});

describe("writeOutputFile refuses a ledger's own files, however they are spelled", () => {
  const suffixes = ['', '-wal', '-shm', '-journal'] as const;

  it('the database and its -wal, -shm and -journal files, existing or not, with force, in any spelling', async () => {
    const db = await makeLedger();
    const reader = await openReadonlyLedger(db); // keeps -wal and -shm present
    try {
      expect(existsSync(`${db}-shm`)).toBe(true);
      const before = ledgerBytes(db);
      mkdirSync(join(dir, 'sub'));
      symlinkSync(dir, join(dir, 'alias'));
      const spellings = (name: string) => [
        join(dir, name),
        `${dir}/./${name}`,
        `${dir}//${name}`,
        `${dir}/sub/../${name}`,
        join(dir, 'alias', name),
        relative(process.cwd(), join(dir, name)),
        `./${relative(process.cwd(), join(dir, name))}`,
      ];
      for (const suffix of suffixes) {
        for (const spelling of spellings(`plan.db${suffix}`)) {
          for (const ledgerFiles of [[db], [join(dir, 'alias', 'plan.db')], [relative(process.cwd(), db)]]) {
            const error = refused(
              () => writeOutputFile(spelling, 'x', { force: true, ledgerFiles }),
              'OUTPUT_IS_LEDGER',
              resolve(spelling),
            );
            expect(error.message).toMatch(/never overrides/);
          }
        }
      }
      expect(ledgerBytes(db)).toEqual(before);
    } finally {
      await reader.close();
    }
    const reopened = await openReadonlyLedger(db);
    expect((await reopened.verify()).ok).toBe(true);
    await reopened.close();
  });

  it('symbolic links to them (dangling too) and hard links, even with force', async () => {
    const db = await makeLedger();
    const before = ledgerBytes(db);
    const cases: [string, string][] = [];
    for (const suffix of suffixes) {
      const link = join(dir, `link${suffix}.md`);
      symlinkSync(`plan.db${suffix}`, link); // relative, and dangling for the absent -wal, -shm, -journal
      cases.push([link, `plan.db${suffix}`]);
    }
    const chain = join(dir, 'chain.md');
    symlinkSync('link-wal.md', chain);
    cases.push([chain, 'plan.db-wal']);
    const hard = join(dir, 'hard.md');
    linkSync(db, hard);
    cases.push([hard, 'plan.db']);
    for (const [path, ledgerFile] of cases) {
      const error = refused(
        () => writeOutputFile(path, 'x', { force: true, ledgerFiles: [db] }),
        'OUTPUT_IS_LEDGER',
        path,
      );
      expect(error.message).toContain(join(dir, ledgerFile));
    }
    expect(ledgerBytes(db)).toEqual(before);
    expect(existsSync(`${db}-journal`)).toBe(false);
    expect(readlinkSync(join(dir, 'link-journal.md'))).toBe('plan.db-journal');
  });

  it('a perfledger database recognised by its content, and its -wal name, when not listed', async () => {
    const other = await makeLedger('other.sqlite');
    const before = ledgerBytes(other);
    for (const path of [other, `${other}-wal`, `${other}-journal`]) {
      refused(() => writeOutputFile(path, 'x', { force: true }), 'OUTPUT_IS_LEDGER', path);
    }
    expect(ledgerBytes(other)).toEqual(before);
  });

  it('names that differ only in case, which are the same file on a case-insensitive file system', async () => {
    const db = await makeLedger();
    for (const name of ['PLAN.DB', 'Plan.db-WAL', 'plan.DB-shm', 'plan.db-Journal']) {
      refused(
        () => writeOutputFile(join(dir, name), 'x', { force: true, ledgerFiles: [db] }),
        'OUTPUT_IS_LEDGER',
        join(dir, name),
      );
    }
  });

  it('but names that only look alike are ordinary files', async () => {
    const db = await makeLedger();
    for (const name of ['plan.db.md', 'plan.db-wal.md', 'plan.dbx', 'plan.db-shm2', 'Xplan.db']) {
      expect(() => writeOutputFile(join(dir, name), 'x', { ledgerFiles: [db] })).not.toThrow();
    }
  });
});
