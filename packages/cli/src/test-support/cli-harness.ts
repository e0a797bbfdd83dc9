import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../io.js';
import { main } from '../main.js';

export { ledgerBytes } from '@perfledger/core/testing';

/** Runs `main(argv, io)` as a test would type it, and keeps what the last run wrote. */
export interface CliHarness {
  /** Runs `perfledger ...args` in the harness's current directory; resolves to the exit code. */
  run(...args: string[]): Promise<number>;
  /** Runs `perfledger ...args` with `cwd` as its directory, for tests that use a directory per case. */
  runIn(cwd: string, ...args: string[]): Promise<number>;
  /** What the last run wrote to stdout (everything since the last run started). */
  out(): string;
  /** What the last run wrote to stderr. */
  err(): string;
  /**
   * A capturing, non-interactive io for the current directory, without clearing what was captured:
   * for `createProgram(io)` or a direct `main` call.
   */
  io(): CliIo;
}

/**
 * A harness for integration tests of the CLI: a non-interactive {@link CliIo} whose stdout and
 * stderr are captured, and cleared at the start of every run, so `out()` and `err()` always speak
 * of the last run.
 *
 * @param cwd - Read at every run, so a test file can make a fresh directory per test
 *   (`cliHarness(() => dir)`). Leave it out when every run names its directory with `runIn`.
 */
export function cliHarness(cwd?: () => string): CliHarness {
  let out = '';
  let err = '';
  const current = (): string => {
    if (cwd === undefined) throw new Error('cliHarness: no directory given; use runIn(cwd, ...args)');
    return cwd();
  };
  const ioIn = (dir: string): CliIo => ({
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    interactive: false,
    cwd: dir,
  });
  const runIn = async (dir: string, ...args: string[]): Promise<number> => {
    out = '';
    err = '';
    return main(args, ioIn(dir));
  };
  return {
    run: (...args) => runIn(current(), ...args),
    runIn,
    out: () => out,
    err: () => err,
    // A program built at module load, before any directory exists, gets the directory as it is then.
    io: () => ioIn(cwd?.() as string),
  };
}

/** A new, empty directory under the system's temporary directory, its name starting with `prefix`. */
export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a directory made by {@link makeTempDir}, with all it holds; a missing one is no error. */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
