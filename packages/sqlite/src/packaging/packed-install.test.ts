/**
 * The packages as a developer outside this repository gets them: every published package is
 * packed with pnpm (which turns `workspace:*` into versions), the tarballs are checked (license,
 * repository, LICENSE, no `.tsbuildinfo`, every package a `.d.ts` imports a dependency), linted
 * with publint and @arethetypeswrong/cli (ESM-only profile), installed with npm into a plain
 * project, and a TypeScript ESM app is compiled against them with `skipLibCheck: false` and run.
 *
 * Slow by nature (better-sqlite3 builds from source on the first install: about 2–3 minutes
 * on 2 cores); later runs reuse the installed project in `node_modules/.cache/` and take well
 * under a minute. Run it alone with
 * `npx vitest run --project sqlite src/packaging/packed-install.test.ts`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePackedApp } from './packed-app.js';
import { type PublishedPackage, publishedPackages } from './published-packages.js';
import { runCommand } from './run-command.js';
import { tarballProblems } from './tarball-problems.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const PNPM = 'pnpm@10.34.8';
const BIN = join(ROOT, 'node_modules', '.bin');
/** The installed app is kept between runs, so better-sqlite3 is built once per machine. */
const APP = join(ROOT, 'node_modules', '.cache', 'perfledger-packed-install', 'app');
const MINUTES = 60_000;

const packages = publishedPackages(ROOT);
const work = mkdtempSync(join(tmpdir(), 'perfledger-packed-'));
const tarballs = new Map<string, string>();

/** npm's environment: the local Node headers for node-gyp where Debian puts them, and parallel builds. */
function installEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JOBS: 'max',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  if (env.npm_config_nodedir === undefined && existsSync('/usr/include/node/node.h'))
    env.npm_config_nodedir = '/usr';
  return env;
}

/** Packs one package into a folder of its own (packs run two at a time), returning the tarball. */
async function pack(pkg: PublishedPackage, tarballs: string): Promise<string> {
  const destination = join(tarballs, pkg.name.replace('/', '__'));
  mkdirSync(destination, { recursive: true });
  const result = await runCommand('npx', ['--yes', PNPM, 'pack', '--pack-destination', destination], {
    cwd: pkg.dir,
  });
  const made = readdirSync(destination).filter((file) => file.endsWith('.tgz'));
  if (result.code !== 0 || made.length !== 1)
    throw new Error(`pnpm pack of ${pkg.name} failed:\n${result.output}`);
  return join(destination, made[0]!);
}

beforeAll(async () => {
  // The tarballs hold dist/: build it (a no-op when it is up to date).
  const build = await runCommand(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', ...packages.map((p) => p.dir)],
    { cwd: ROOT },
  );
  if (build.code !== 0) throw new Error(`tsc -b of the published packages failed:\n${build.output}`);
  const destination = join(work, 'tarballs');
  mkdirSync(destination);
  // Two at a time: pnpm itself is most of each pack's time.
  for (let i = 0; i < packages.length; i += 2) {
    const pair = packages.slice(i, i + 2);
    const made = await Promise.all(pair.map((pkg) => pack(pkg, destination)));
    for (const [j, pkg] of pair.entries()) tarballs.set(pkg.name, made[j]!);
  }
}, 3 * MINUTES);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed packages', () => {
  it('are every package under packages/ that is not private', () => {
    expect(packages.map((pkg) => pkg.name)).toEqual(
      expect.arrayContaining(['@perfledger/core', '@perfledger/sqlite']),
    );
    expect(tarballs.size).toBe(packages.length);
  });

  it('each have a license, a repository and a LICENSE file, no .tsbuildinfo, and every type import a dependency', async () => {
    const problems: string[] = [];
    for (const pkg of packages) {
      const into = join(work, 'unpacked', pkg.name.replace('/', '__'));
      mkdirSync(into, { recursive: true });
      const untar = await runCommand('tar', ['-xzf', tarballs.get(pkg.name)!, '-C', into], { cwd: work });
      expect(untar.code, untar.output).toBe(0);
      problems.push(...tarballProblems(join(into, 'package')).map((problem) => `${pkg.name}: ${problem}`));
    }
    expect(problems).toEqual([]);
  });

  it(
    'pass publint (strict) and arethetypeswrong with the ESM-only profile',
    async () => {
      const failures: string[] = [];
      for (const pkg of packages) {
        const tarball = tarballs.get(pkg.name)!;
        const publint = await runCommand(join(BIN, 'publint'), ['run', tarball, '--strict'], { cwd: work });
        if (publint.code !== 0) failures.push(`publint ${pkg.name}:\n${publint.output}`);
        const attw = await runCommand(
          join(BIN, 'attw'),
          [tarball, '--profile', 'esm-only', '--format', 'ascii'],
          { cwd: work },
        );
        if (attw.code !== 0) failures.push(`attw ${pkg.name}:\n${attw.output}`);
      }
      expect(failures.join('\n\n')).toBe('');
    },
    2 * MINUTES,
  );

  it(
    'install with npm into a plain project, where a TypeScript ESM app compiles with skipLibCheck: false and runs',
    async () => {
      // A fresh manifest and lock each time; the installed better-sqlite3 (built from source) is reused.
      mkdirSync(APP, { recursive: true });
      rmSync(join(APP, 'package-lock.json'), { force: true });
      rmSync(join(APP, 'node_modules', '@perfledger'), { recursive: true, force: true });
      rmSync(join(APP, 'src'), { recursive: true, force: true });
      rmSync(join(APP, 'dist'), { recursive: true, force: true });
      writePackedApp(APP, packages, (pkg) => tarballs.get(pkg.name)!);
      const install = await runCommand('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], {
        cwd: APP,
        env: installEnv(),
      });
      expect(install.code, install.output).toBe(0);

      const tsc = await runCommand(
        process.execPath,
        [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', APP],
        { cwd: APP },
      );
      expect(tsc.output).toBe('');
      expect(tsc.code).toBe(0);

      const run = await runCommand(process.execPath, [join(APP, 'dist', 'main.js'), join(work, 'plan.db')], {
        cwd: APP,
      });
      expect(run.code, run.output).toBe(0);
      expect(JSON.parse(run.output.trim().split('\n').pop()!)).toEqual({
        total: 1,
        codes: ['DEM1518_02'],
        refused: 'VALIDATION_FAILED',
      });
    },
    5 * MINUTES,
  );
});
