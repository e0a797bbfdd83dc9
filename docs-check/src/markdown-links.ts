import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** A relative link that leads nowhere. */
export interface BrokenLink {
  readonly page: string;
  readonly line: number;
  readonly target: string;
  readonly reason: string;
}

/**
 * The anchor GitHub gives a heading: lower case, punctuation other than `-` and `_` dropped,
 * spaces turned into hyphens.
 */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a Markdown page defines: one per heading, numbered when repeated. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^ {0,3}(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading?.[1] === undefined) continue;
    const base = headingAnchor(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/**
 * The relative links of a page (Markdown `[text](target)` outside code) whose file or heading
 * does not exist. Links to web pages are not followed.
 */
export function brokenLinks(root: string, page: string): BrokenLink[] {
  const markdown = readFileSync(join(root, page), 'utf8');
  const broken: BrokenLink[] = [];
  let fenced = false;
  markdown.split('\n').forEach((line, index) => {
    if (/^ {0,3}(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) return;
    const prose = line.replace(/`[^`]*`/g, '');
    for (const match of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1] ?? '';
      if (/^[a-z]+:/i.test(target)) continue;
      const [path = '', anchor] = target.split('#');
      const file = path === '' ? join(root, page) : normalize(join(root, dirname(page), path));
      const fail = (reason: string) => broken.push({ page, line: index + 1, target, reason });
      if (!existsSync(file)) {
        fail('no such file');
        continue;
      }
      if (anchor === undefined || anchor === '' || statSync(file).isDirectory() || !file.endsWith('.md')) {
        continue;
      }
      if (!anchorsOf(readFileSync(file, 'utf8')).has(anchor)) fail(`no heading #${anchor}`);
    }
  });
  return broken;
}
