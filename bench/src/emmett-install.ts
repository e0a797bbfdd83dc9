import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './paths.js';

/** An event as Emmett stores it. */
export interface EmmettEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata?: Record<string, unknown>;
}

/** The part of Emmett's SQLite event store the comparison uses (0.38.x). */
export interface EmmettStore {
  appendToStream(
    streamName: string,
    events: EmmettEvent[],
    options?: { expectedStreamVersion?: bigint },
  ): Promise<{ nextExpectedStreamVersion: bigint }>;
  readStream(streamName: string): Promise<{
    currentStreamVersion: bigint;
    events: { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[];
  }>;
}

/** The part of `@event-driven-io/emmett-sqlite` the comparison uses. */
export interface EmmettSqlite {
  readonly version: string;
  getSQLiteEventStore(options: { fileName: string }): EmmettStore;
  sqliteConnection(options: { fileName: string }): {
    querySingle<T>(sql: string): Promise<T | null>;
    close(): void;
  };
}

/** Emmett lives in a separate npm project, so that the workspace's install never pulls in sqlite3. */
export const EMMETT_DIR = join(REPO_ROOT, 'bench', 'emmett');
const PACKAGE_DIR = join(EMMETT_DIR, 'node_modules', '@event-driven-io', 'emmett-sqlite');

/**
 * Loads Emmett's SQLite store, installing `bench/emmett` first when needed (sqlite3 5 builds from
 * source against /usr/include/node when no prebuilt binary can be fetched). Never throws: when
 * Emmett cannot be installed or loaded it returns the reason, and the case is skipped.
 *
 * @example
 * ```ts
 * const emmett = await loadEmmett(console.log);
 * if ('skipped' in emmett) console.log(emmett.skipped);
 * ```
 */
export async function loadEmmett(log: (line: string) => void): Promise<EmmettSqlite | { skipped: string }> {
  if (!existsSync(join(PACKAGE_DIR, 'package.json'))) {
    log('  installing Emmett into bench/emmett (once; sqlite3 may build from source, a few minutes)...');
    const env = { ...process.env };
    if (env.npm_config_nodedir === undefined && existsSync('/usr/include/node/node.h')) {
      env.npm_config_nodedir = '/usr';
    }
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const install = spawnSync(
      npm,
      ['install', '--prefix', EMMETT_DIR, '--no-audit', '--no-fund', '--no-package-lock'],
      { cwd: EMMETT_DIR, env, encoding: 'utf8' },
    );
    if (install.status !== 0) {
      const why = `${install.error?.message ?? ''}\n${install.stderr ?? ''}`
        .trim()
        .split('\n')
        .slice(-6)
        .join(' | ');
      return { skipped: `npm install --prefix bench/emmett failed (exit ${install.status}): ${why}` };
    }
  }
  try {
    const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
      version: string;
    };
    const module = (await import(pathToFileURL(join(PACKAGE_DIR, 'dist', 'index.js')).href)) as Omit<
      EmmettSqlite,
      'version'
    >;
    return { ...module, version: manifest.version };
  } catch (error) {
    return { skipped: `Emmett is installed but does not load: ${(error as Error).message.split('\n')[0]}` };
  }
}
