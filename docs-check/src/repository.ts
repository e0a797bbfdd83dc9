import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository's root directory. */
export const repositoryRoot = join(import.meta.dirname, '..', '..');

/**
 * Every Markdown page whose snippets and links are checked, as paths relative to the root: the
 * README, every page under docs/ (but not the generated API reference), and the packages' and
 * examples' READMEs.
 */
export function markdownPages(root: string = repositoryRoot): string[] {
  const pages = ['README.md'];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (relative(root, path) !== join('docs', 'api')) walk(path);
      } else if (entry.name.endsWith('.md')) {
        pages.push(relative(root, path));
      }
    }
  };
  walk(join(root, 'docs'));
  for (const group of ['packages', 'examples']) {
    for (const name of readdirSync(join(root, group))) {
      const readme = join(group, name, 'README.md');
      if (existsSync(join(root, readme))) pages.push(readme);
    }
  }
  return pages.sort();
}
