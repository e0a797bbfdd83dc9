import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishedPackage } from './published-packages.js';

/**
 * The app a developer outside the workspace would write: it opens a ledger on a file given as its
 * argument, registers an action, reads the quarter-end view, checks that a misplaced `knownAt`
 * is refused with a `LedgerError`, and prints one JSON line. `every-entry.ts` imports the types of
 * every published entry point, so that compiling with `skipLibCheck: false` checks them all.
 */
const MAIN = `import { type Ledger, LedgerError } from '@perfledger/core';
import { quarterEndProjection, quarterEndView } from '@perfledger/quarter-end';
import { openLedger } from '@perfledger/sqlite';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: node dist/main.js <ledger file>');
const ledger: Ledger = await openLedger({ file, projections: [quarterEndProjection] });
try {
  await ledger.execute(
    {
      type: 'RegisterAction',
      code: 'DEM1518_02',
      effectiveOn: '2019-04-01',
      title: 'Transfer of Land Charges function to Land Registry',
      plan: 'Resources Business Plan 2019-22',
      directorate: 'Resources',
      section: 'Administrative Services',
      dueDate: '2019-06-30',
      statusKey: 'pentana',
    },
    { actor: 'packed.install' },
  );
  const view = await quarterEndView(ledger, { fy: '2019/20', quarter: 1 });
  let refused = '';
  try {
    const misplaced = { fy: '2019/20', quarter: 1, basis: { knownAt: '2019-07-01' } };
    await quarterEndView(ledger, misplaced as unknown as Parameters<typeof quarterEndView>[1]);
  } catch (error) {
    if (error instanceof LedgerError) refused = error.code;
  }
  console.log(JSON.stringify({ total: view.total, codes: view.items.map((item) => item.code), refused }));
} finally {
  await ledger.close();
}
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: false,
    outDir: 'dist',
    rootDir: 'src',
    types: ['node'],
  },
  include: ['src'],
};

/**
 * Writes the plain npm project into `dir`: a `package.json` whose dependencies (and overrides, so
 * that packages depending on each other also get the tarballs, not the registry) are the packed
 * tarballs, a strict `tsconfig.json` with `skipLibCheck: false`, and the app's two sources.
 *
 * @example
 * ```ts
 * writePackedApp('/tmp/app', packages, (p) => `/tmp/tarballs/${p.name}.tgz`);
 * ```
 */
export function writePackedApp(
  dir: string,
  packages: readonly PublishedPackage[],
  tarballOf: (pkg: PublishedPackage) => string,
): void {
  mkdirSync(join(dir, 'src'), { recursive: true });
  const dependencies = Object.fromEntries(packages.map((pkg) => [pkg.name, `file:${tarballOf(pkg)}`]));
  const overrides = Object.fromEntries(packages.map((pkg) => [pkg.name, `$${pkg.name}`]));
  const manifest = { name: 'perfledger-packed-app', private: true, type: 'module', dependencies, overrides };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  writeFileSync(join(dir, 'src', 'main.ts'), MAIN);
  const entries = packages.flatMap((pkg) => pkg.entries);
  const lines = entries.map((entry, i) => `export type * as entry${i} from '${entry}';`);
  writeFileSync(
    join(dir, 'src', 'every-entry.ts'),
    `// Every published entry point, type-checked.\n${lines.join('\n')}\n`,
  );
}
