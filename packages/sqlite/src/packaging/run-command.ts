import { spawn } from 'node:child_process';

/**
 * What a command printed and how it ended.
 *
 * @example
 * ```ts
 * const { code, output } = await runCommand('npm', ['--version'], { cwd: '/tmp' });
 * ```
 */
export interface CommandResult {
  readonly code: number;
  /** Standard output and standard error, interleaved as they came. */
  readonly output: string;
}

/**
 * Runs a command without a shell and collects its output; never throws for a non-zero exit (the
 * caller reports it with the output).
 *
 * @example
 * ```ts
 * const result = await runCommand('npx', ['--yes', 'pnpm@10.34.8', 'pack'], { cwd: packageDir });
 * if (result.code !== 0) throw new Error(result.output);
 * ```
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
