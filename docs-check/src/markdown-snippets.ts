/** A fenced code block of a Markdown page. */
export interface CodeBlock {
  /** The page, relative to the repository root. */
  readonly page: string;
  /** The info string's first word: `ts`, `sql`, `text`, … (empty when none). */
  readonly language: string;
  /** The 1-based line of the opening fence; the code starts on the next line. */
  readonly line: number;
  /** The code, without the fences. */
  readonly code: string;
  /**
   * The directive of a `<!-- snippet: … -->` comment on the line before the fence, if any:
   * `skip` leaves a deliberately partial block uncompiled; `run` also runs it.
   */
  readonly directive: string | undefined;
}

const TYPESCRIPT = new Set(['ts', 'typescript', 'mts']);

/** True for the languages the snippet check compiles. */
export function isTypeScript(block: CodeBlock): boolean {
  return TYPESCRIPT.has(block.language);
}

/**
 * The fenced code blocks of a Markdown page, in order. Handles ``` and ~~~ fences of any length
 * (a fence closes only with the same character, at least as long), indented up to three spaces.
 */
export function codeBlocks(page: string, markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i] ?? '');
    if (open === null) continue;
    const fence = open[1] ?? '```';
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close?.[1] !== undefined && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      body.push(line);
    }
    let previous = start - 1;
    while (previous >= 0 && (lines[previous] ?? '').trim() === '') previous--;
    const directive = /^<!--\s*snippet:\s*([a-z-]+)/.exec((lines[previous] ?? '').trim())?.[1];
    blocks.push({
      page,
      language: (open[2] ?? '').toLowerCase(),
      line: start + 1,
      code: body.join('\n'),
      directive,
    });
  }
  return blocks;
}
