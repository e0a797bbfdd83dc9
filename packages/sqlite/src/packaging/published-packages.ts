import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A workspace package that is published: not `private`.
 *
 * @example
 * ```ts
 * const core: PublishedPackage = { name: '@perfledger/core', version: '0.1.0', dir: '/repo/packages/core', entries: ['@perfledger/core'] };
 * ```
 */
export interface PublishedPackage {
  readonly name: string;
  readonly version: string;
  /** Its folder in the repository. */
  readonly dir: string;
  /** The specifiers its `exports` publish: `@perfledger/core`, `@perfledger/core/internal`, … */
  readonly entries: readonly string[];
}

/**
 * The published packages of the workspace: every `packages/*` folder whose manifest is not private,
 * in name order.
 *
 * @example
 * ```ts
 * const names = publishedPackages('/repo').map((p) => p.name); // ['@perfledger/audit-trail', …]
 * ```
 */
export function publishedPackages(root: string): PublishedPackage[] {
  const found: PublishedPackage[] = [];
  for (const entry of readdirSync(join(root, 'packages'), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, 'packages', entry.name);
    let manifest: { name?: string; version?: string; private?: boolean; exports?: Record<string, unknown> };
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (manifest.private === true || manifest.name === undefined || manifest.version === undefined) continue;
    const name = manifest.name;
    const subpaths = Object.keys(manifest.exports ?? { '.': null }).filter((key) => !key.includes('*'));
    const entries = subpaths.map((key) => (key === '.' ? name : `${name}/${key.replace(/^\.\//, '')}`));
    found.push({ name, version: manifest.version, dir, entries });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
