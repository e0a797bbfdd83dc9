import { type CliIo, main } from '@perfledger/cli';

/**
 * The CLI's own `--help` text for a command path (`[]` for the program, `['report', 'quarter']`
 * for a subcommand), exactly as a user sees it on an 80-column terminal.
 */
export async function helpText(path: readonly string[]): Promise<string> {
  let text = '';
  const io: CliIo = {
    stdout: (chunk) => {
      text += chunk;
    },
    stderr: (chunk) => {
      text += chunk;
    },
    interactive: false,
    cwd: process.cwd(),
  };
  // Commander wraps help to the terminal's width when stdout is one; the reference uses 80.
  const stdout = process.stdout as { isTTY?: boolean | undefined };
  const wasTty = stdout.isTTY;
  stdout.isTTY = false;
  try {
    await main([...path, '--help'], io);
  } finally {
    stdout.isTTY = wasTty;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips colour codes if FORCE_COLOR is set
  return text.replace(/\u001b\[[0-9;]*m/g, '').trimEnd();
}

/** Every command path of the CLI, found by walking the "Commands:" sections of its help. */
export async function commandPaths(): Promise<string[][]> {
  const paths: string[][] = [];
  const visit = async (path: string[]): Promise<void> => {
    paths.push(path);
    const help = await helpText(path);
    const commands = /\nCommands:\n([\s\S]*)$/.exec(help)?.[1] ?? '';
    for (const line of commands.split('\n')) {
      const name = /^ {2}([a-z][a-z-]*)\b/.exec(line)?.[1];
      if (name !== undefined && name !== 'help') await visit([...path, name]);
    }
  };
  await visit([]);
  return paths;
}

/**
 * A help block of the CLI reference: `<!-- help: perfledger report quarter -->` then a fenced
 * `text` block holding that command's `--help`.
 */
export interface HelpBlock {
  /** The command path, space-separated; empty for the program itself. */
  readonly command: string;
  /** The block's text, without the fences. */
  readonly text: string;
}

// The block's lines, each ending in a line break, up to a closing fence at the start of a line.
const BLOCK = /<!-- help:([a-z -]*)-->\n```text\n((?:.*\n)*?)```/g;

function commandOf(marker: string): string {
  return marker.trim().replace(/^perfledger\b\s*/, '');
}

/** The help blocks of a page, in order. */
export function helpBlocks(markdown: string): HelpBlock[] {
  return [...markdown.matchAll(BLOCK)].map((match) => ({
    command: commandOf(match[1] ?? ''),
    text: (match[2] ?? '').replace(/\n$/, ''),
  }));
}

/** The page with every help block's text replaced by `texts[command]` (left as is when absent). */
export function withHelpBlocks(markdown: string, texts: ReadonlyMap<string, string>): string {
  return markdown.replace(BLOCK, (block, command: string) => {
    const text = texts.get(commandOf(command));
    return text === undefined ? block : `<!-- help:${command}-->\n\`\`\`text\n${text}\n\`\`\``;
  });
}
