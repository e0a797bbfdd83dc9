import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

/** The package manifest fields the checks read. */
interface Manifest {
  readonly name?: string;
  readonly license?: string;
  readonly repository?: { readonly url?: string; readonly directory?: string } | string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

const BUILTINS = new Set(builtinModules);

/** `import … from 'x'`, `export … from 'x'`, `import('x')` and `/// <reference types="x" />` in a declaration file. */
const SPECIFIERS = [
  /\bfrom\s+['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bimport\s+['"]([^'"]+)['"]/g,
  /<reference\s+types\s*=\s*['"]([^'"]+)['"]/g,
];

/**
 * What is wrong with an unpacked tarball (its `package/` folder) for a developer outside the
 * workspace: a missing `license`, `repository` or LICENSE file, a `.tsbuildinfo` shipped, a
 * `workspace:` range left in a dependency, or a package a `.d.ts` imports that is not a
 * dependency (so `skipLibCheck: false` would fail on install). Empty when all is well.
 *
 * @example
 * ```ts
 * expect(tarballProblems('/tmp/unpacked/core/package')).toEqual([]);
 * ```
 */
export function tarballProblems(packageDir: string): string[] {
  const problems: string[] = [];
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Manifest;
  const files = filesUnder(packageDir).map((file) => relative(packageDir, file));
  if (typeof manifest.license !== 'string' || manifest.license === '')
    problems.push('package.json has no license');
  const repository = manifest.repository;
  if (repository === undefined || (typeof repository === 'object' && !repository.url)) {
    problems.push('package.json has no repository');
  }
  if (!files.some((file) => /^LICEN[CS]E(\.md|\.txt)?$/i.test(file))) problems.push('no LICENSE file');
  for (const file of files.filter((name) => name.endsWith('.tsbuildinfo'))) problems.push(`ships ${file}`);
  const dependencies = { ...manifest.dependencies, ...manifest.peerDependencies };
  for (const [name, range] of Object.entries(dependencies)) {
    if (range.startsWith('workspace:')) problems.push(`dependency ${name} is still ${range}`);
  }
  const missing = new Map<string, string>();
  for (const file of files.filter((name) => name.endsWith('.d.ts'))) {
    const text = withoutComments(readFileSync(join(packageDir, file), 'utf8'));
    for (const pattern of SPECIFIERS) {
      for (const match of text.matchAll(pattern)) {
        const name = packageNameOf(match[1]!);
        if (name === undefined || name === manifest.name || BUILTINS.has(name)) continue;
        if (dependencies[name] === undefined && dependencies[typesPackageOf(name)] === undefined) {
          if (!missing.has(name)) missing.set(name, file);
        }
      }
    }
  }
  for (const [name, file] of missing) problems.push(`${file} imports ${name}, which is not a dependency`);
  return problems;
}

/** Declaration text without its block and line comments (TSDoc examples import things too); `///` directives stay. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/(?!\/).*$/gm, '');
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`); undefined for relative paths and `node:` modules. */
function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:'))
    return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** `better-sqlite3` → `@types/better-sqlite3`, `@scope/name` → `@types/scope__name`. */
function typesPackageOf(name: string): string {
  return name.startsWith('@') ? `@types/${name.slice(1).replace('/', '__')}` : `@types/${name}`;
}

function filesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else found.push(path);
  }
  return found;
}
