/**
 * Regenerates the `--help` blocks of docs/reference/cli.md from the CLI itself:
 * `npm run docs:cli` at the repository root. The docs-check tests fail when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandPaths, helpText, withHelpBlocks } from './cli-help.js';
import { repositoryRoot } from './repository.js';

const page = join(repositoryRoot, 'docs', 'reference', 'cli.md');
const texts = new Map<string, string>();
for (const path of await commandPaths()) texts.set(path.join(' '), await helpText(path));
writeFileSync(page, withHelpBlocks(readFileSync(page, 'utf8'), texts));
process.stdout.write(`Updated the help blocks of ${page}.\n`);
