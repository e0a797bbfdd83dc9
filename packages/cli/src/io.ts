/**
 * Where the CLI writes, so that tests can capture it and progress bars know whether a person is
 * watching.
 */
export interface CliIo {
  /** Receives a command's output: reports, tables, JSON. */
  readonly stdout: (text: string) => void;
  /** Receives errors, hints, progress bars and where `--out` files were written. */
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal: only then are progress bars drawn. */
  readonly interactive: boolean;
  /** The directory relative paths are resolved against. */
  readonly cwd: string;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    interactive: Boolean(process.stderr.isTTY) && process.env.CI === undefined,
    cwd: process.cwd(),
  };
}
