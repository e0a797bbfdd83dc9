#!/usr/bin/env node
// Installs the workspace's dependencies when they are missing or stale, so that
// `npm test` and `npm run demo` work on a fresh clone with nothing but Node and npm.
//
// - pnpm comes from the npm registry at the version pinned in package.json
//   ("packageManager"), through npx; corepack is not needed.
// - better-sqlite3 builds from source when its prebuilt binary cannot be
//   downloaded; node-gyp then needs the local Node headers, which Debian's
//   nodejs package puts in /usr/include/node.
// - A stamp of the manifests' hash skips the install when nothing changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'node_modules', '.perfledger-install-stamp');

function manifests() {
  const files = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'];
  for (const group of ['packages', 'examples', 'bench']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (existsSync(join(dir, name, 'package.json'))) files.push(join(group, name, 'package.json'));
    }
  }
  for (const single of ['bench', 'reliability', 'docs-check']) {
    if (existsSync(join(root, single, 'package.json'))) files.push(join(single, 'package.json'));
  }
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    const path = join(root, file);
    hash.update(file);
    hash.update(existsSync(path) ? readFileSync(path) : '');
  }
  return hash.digest('hex');
}

const wanted = manifests();
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted) process.exit(0);

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmSpec = pkg.packageManager; // e.g. "pnpm@10.34.8"
const env = { ...process.env };
if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) {
  env.npm_config_nodedir = '/usr';
}
const args = ['--yes', pnpmSpec, 'install'];
if (env.CI && existsSync(join(root, 'pnpm-lock.yaml'))) args.push('--frozen-lockfile');
console.log(`perfledger: installing dependencies with ${pnpmSpec} ...`);
const result = spawnSync('npx', args, { cwd: root, env, stdio: 'inherit' });
if (result.status !== 0) {
  console.error(`perfledger: '${['npx', ...args].join(' ')}' failed (exit ${result.status}).`);
  process.exit(result.status ?? 1);
}
writeFileSync(stampFile, wanted);
