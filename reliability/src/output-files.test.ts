import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openReadonlyLedger } from '@perfledger/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { runOutputPathAttack } from './scenarios/output-paths.js';
import { detectCapabilities } from './support/capabilities.js';
import { copyDatabase, databaseBytes, makeTempDir, removeDir, sameBytes } from './support/database-files.js';
import { runWorker } from './support/processes.js';
import type { OutputWorkerConfig } from './support/worker-configs.js';
import type { OutputStep } from './workers/output-worker.js';

// Issue 11, item 1: "--out overwrites anything, the ledger included". Each attack as the issue
// reported it, run against the real CLI (its bin, in a child process) and the library.
const can = detectCapabilities();
const cli = fileURLToPath(new URL('../../packages/cli/bin/perfledger.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../../examples/quarterly/data/', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function perfledger(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let template: string | undefined;

/** t.db with two quarters imported (projections built by the import), copied into a fresh directory. */
function ledgerDir(): string {
  if (template === undefined) {
    const templateDir = makeTempDir('perfledger-output-template-');
    dirs.push(templateDir);
    for (const [file, asOf] of [
      ['2019-20-q1.csv', '2019-06-30'],
      ['2019-20-q2.csv', '2019-09-30'],
    ] as const) {
      const result = perfledger(
        templateDir,
        '--db',
        't.db',
        'import',
        join(fixtures, file),
        '--as-of',
        asOf,
        '--status-key',
        'pentana',
      );
      expect(result.status, result.stderr).toBe(0);
    }
    template = join(templateDir, 't.db');
  }
  const dir = makeTempDir('perfledger-output-');
  dirs.push(dir);
  copyDatabase(template, dir);
  return dir;
}

const QUARTER = ['report', 'quarter', '--fy', '2019/20', '--quarter', '2'];

async function expectIntact(file: string, before: ReturnType<typeof databaseBytes>): Promise<void> {
  expect(sameBytes(before, databaseBytes(file))).toBe(true);
  const ledger = await openReadonlyLedger(file);
  try {
    expect((await ledger.verify()).ok).toBe(true);
  } finally {
    await ledger.close();
  }
}

describe('issue 11 item 1: --out can no longer destroy the ledger or replace a file', () => {
  it('`--db t.db report quarter … --format md --out t.db` (was: exit 0, the database replaced by Markdown)', async () => {
    const dir = ledgerDir();
    const file = join(dir, 't.db');
    const before = databaseBytes(file);
    const result = perfledger(dir, '--db', 't.db', ...QUARTER, '--format', 'md', '--out', 't.db');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error \[OUTPUT_IS_LEDGER\]: Refusing to write '.*t\.db'/);
    await expectIntact(file, before);
  });

  it('… with --publish (was: the ledger destroyed, an untyped "database disk image is malformed")', async () => {
    const dir = ledgerDir();
    const file = join(dir, 't.db');
    const before = databaseBytes(file);
    for (const out of ['t.db', './t.db', 't.db-wal', 't.db-shm']) {
      const result = perfledger(
        dir,
        '--db',
        't.db',
        ...QUARTER,
        '--format',
        'md',
        '--publish',
        '--allow-unapproved',
        '--out',
        out,
        '--force',
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/OUTPUT_IS_LEDGER/);
      expect(result.stderr).not.toMatch(/malformed|Published/);
    }
    await expectIntact(file, before);
    expect(JSON.parse(perfledger(dir, '--db', 't.db', 'report', 'list', '--format', 'json').stdout)).toEqual(
      [],
    );
  });

  it('`report reproduce … --out <signed checkpoint>` (was: silently replaced)', () => {
    const dir = ledgerDir();
    const published = perfledger(
      dir,
      '--db',
      't.db',
      ...QUARTER,
      '--format',
      'md',
      '--publish',
      '--allow-unapproved',
    );
    const id = /as report ([0-9a-f-]{36})/.exec(published.stderr)?.[1] ?? '';
    expect(perfledger(dir, '--db', 't.db', 'keygen', '.').status).toBe(0);
    expect(
      perfledger(dir, '--db', 't.db', 'checkpoint', '--key', 'perfledger.key', '--out', 'cp.json').status,
    ).toBe(0);
    const checkpoint = readFileSync(join(dir, 'cp.json'));
    const result = perfledger(dir, '--db', 't.db', 'report', 'reproduce', id, '--out', 'cp.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error \[FILE_EXISTS\]/);
    expect(readFileSync(join(dir, 'cp.json')).equals(checkpoint)).toBe(true);
  });

  it('`--out` through a symbolic link (was: followed, its target overwritten)', () => {
    const dir = ledgerDir();
    mkdirSync(join(dir, 'private'));
    writeFileSync(join(dir, 'private', 'notes.txt'), 'not a report');
    symlinkSync(join(dir, 'private', 'notes.txt'), join(dir, 'q2.md'));
    const refused = perfledger(dir, '--db', 't.db', ...QUARTER, '--format', 'md', '--out', 'q2.md');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/FILE_EXISTS.*symbolic link/);
    expect(
      perfledger(dir, '--db', 't.db', ...QUARTER, '--format', 'md', '--out', 'q2.md', '--force').status,
    ).toBe(0);
    expect(readFileSync(join(dir, 'private', 'notes.txt'), 'utf8')).toBe('not a report');
  });

  it('a missing directory and a directory (were: raw ENOENT, EISDIR) are typed, for reports, keys and checkpoints', () => {
    const dir = ledgerDir();
    mkdirSync(join(dir, 'reports'));
    const cases: [string[], RegExp][] = [
      [[...QUARTER, '--out', 'missing/q2.txt'], /OUTPUT_DIRECTORY_MISSING/],
      [[...QUARTER, '--out', 'reports'], /OUTPUT_IS_DIRECTORY/],
      [['keygen', 'missing/k'], /OUTPUT_DIRECTORY_MISSING/],
      [['checkpoint', '--key', 'none.key', '--out', 'missing/cp.json'], /OUTPUT_DIRECTORY_MISSING/],
      [['checkpoint', '--key', 'none.key', '--out', 'reports', '--force'], /OUTPUT_IS_DIRECTORY/],
    ];
    for (const [args, code] of cases) {
      const result = perfledger(dir, '--db', 't.db', ...args);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^error \\[${code.source}\\]`));
    }
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    expect(readdirSync(join(dir, 'reports'))).toEqual([]);
  });

  it('a randomised attack: any spelling of any ledger file, through links, with force, is refused', async () => {
    const result = await runOutputPathAttack({ attempts: 200, seed: 11 });
    expect(result.problems).toEqual([]);
    expect(result.refused).toBe(result.attempts);
  });

  it.skipIf(!can.privateMounts)(
    'a full disk (a 256 kB tmpfs): STORAGE_FULL for keys, checkpoints and reports, nothing left behind, a retry works (was: zero-byte key files that blocked a retry)',
    async () => {
      const dir = ledgerDir();
      const mountDir = join(dir, 'small');
      mkdirSync(mountDir);
      const config: OutputWorkerConfig = {
        dir: mountDir,
        ledger: join(dir, 't.db'),
        cli,
        reportArgs: ['--fy', '2019/20', '--quarter', '2', '--format', 'html'],
      };
      const wrapper = [
        'unshare',
        '-m',
        'sh',
        '-c',
        `mount -t tmpfs -o size=256k tmpfs '${mountDir}' && exec "$@"`,
        'sh',
      ];
      const exit = await runWorker('output-worker', config, { wrapper });
      expect(exit.code, exit.stderr).toBe(0);
      const report = JSON.parse(exit.stdout) as Record<string, unknown>;
      expect((report.fill as OutputStep).ok).toBe(false);
      for (const step of ['keygen', 'checkpoint', 'report'] as const) {
        const outcome = report[step] as OutputStep;
        expect(outcome, step).toMatchObject({ ok: false, typed: true, code: 'STORAGE_FULL' });
        if (!outcome.ok) expect(outcome.message).toContain(mountDir);
      }
      expect(report.cli).toMatchObject({ status: 1 });
      expect((report.cli as { stderr: string }).stderr).toMatch(
        /^error \[STORAGE_FULL\]: Cannot write '.*q-cli\.html': the disk is full/,
      );
      expect(report.whileFull).toEqual(['filler']);
      expect(report.keygenRetry).toEqual({ ok: true, value: join(mountDir, 'perfledger.key') });
      expect(report.keyMode).toBe(0o600);
      expect(report.checkpointRetry).toMatchObject({ ok: true });
      expect(report.cliRetry).toMatchObject({ status: 0 });
      expect(report.afterRetry).toEqual(['cp.json', 'perfledger.key', 'perfledger.pub', 'q-cli.html']);
    },
  );
});
