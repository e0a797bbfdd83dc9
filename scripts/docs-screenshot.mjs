#!/usr/bin/env node
// Regenerates docs/committee-report-first-page.png, the screenshot beside docs/committee-report.md:
// the demo's snapshots (examples/quarterly/data) imported into a temporary ledger, the Q3 committee
// report printed to PDF by `perfledger report quarter --format pdf` (headless Chromium), and its
// first page rendered to PNG by pdftoppm (Debian's poppler-utils). Run after `tsc -b`:
// `npm run docs:screenshot`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '@perfledger/cli';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, 'examples', 'quarterly', 'data');
const target = join(root, 'docs', 'committee-report-first-page.png');
const dir = mkdtempSync(join(tmpdir(), 'perfledger-screenshot-'));
const io = {
  stdout: () => {},
  stderr: (text) => process.stderr.write(text),
  interactive: false,
  cwd: dir,
};

async function perfledger(...args) {
  const code = await main(args, io);
  if (code !== 0) throw new Error(`perfledger ${args.join(' ')} exited ${code}`);
}

try {
  for (const [file, asOf] of [
    ['2019-20-q1.csv', '2019-06-30'],
    ['2019-20-q2.csv', '2019-09-30'],
    ['2019-20-q3.csv', '2019-12-31'],
  ]) {
    await perfledger('import', join(data, file), '--as-of', asOf, '--status-key', 'pentana');
  }
  const pdf = join(dir, 'report.pdf');
  await perfledger(
    'report',
    'quarter',
    '--fy',
    '2019/20',
    '--quarter',
    '3',
    '--format',
    'pdf',
    '--out',
    pdf,
    '--organisation',
    'Broxtowe Borough Council',
    '--committee',
    'Finance and Resources Committee',
    '--meeting-date',
    '2020-02-13',
    '--author',
    'Head of Policy and Performance',
  );
  const result = spawnSync(
    'pdftoppm',
    ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, join(dir, 'page')],
    {
      encoding: 'utf8',
    },
  );
  if (result.error || result.status !== 0) {
    throw new Error(`pdftoppm failed (install poppler-utils): ${result.error?.message ?? result.stderr}`);
  }
  copyFileSync(join(dir, 'page.png'), target);
  process.stderr.write(`Wrote ${target}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
