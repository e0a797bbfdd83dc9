import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { BrowserNotFoundError } from './pdf-errors.js';

/** The environment variable naming the browser when no path is given. */
export const BROWSER_ENV_VAR = 'PERFLEDGER_BROWSER';

/** The program names looked for on `PATH`, in order: Debian's package first. */
export const BROWSER_NAMES: readonly string[] = Object.freeze([
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
]);

/**
 * Where to look for Chromium. `browser` (a `--browser` option) wins, then
 * `env.PERFLEDGER_BROWSER`, then the {@link BROWSER_NAMES} on `env.PATH`.
 *
 * @example
 * ```ts
 * const where: FindBrowserOptions = { browser: '/usr/bin/chromium', env: process.env };
 * ```
 */
export interface FindBrowserOptions {
  readonly browser?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Resolves a relative `browser`; the process's working directory by default. */
  readonly cwd?: string;
}

/**
 * The path of the Chromium to render PDFs with. A path that is given must be an executable
 * file; it is never replaced by one found on `PATH`, so the report is rendered by the browser
 * asked for or not at all.
 *
 * @throws BrowserNotFoundError (`BROWSER_NOT_FOUND`) naming every place looked at.
 * @example
 * ```ts
 * const chromium = findBrowser({ env: process.env }); // '/usr/bin/chromium'
 * ```
 */
export function findBrowser(options: FindBrowserOptions = {}): string {
  const env = options.env ?? process.env;
  const given = options.browser ?? (env[BROWSER_ENV_VAR] === '' ? undefined : env[BROWSER_ENV_VAR]);
  if (given !== undefined) {
    const path = isAbsolute(given) ? given : resolve(options.cwd ?? process.cwd(), given);
    if (isExecutableFile(path)) return path;
    const from = options.browser === undefined ? `${BROWSER_ENV_VAR}` : 'the browser option';
    throw new BrowserNotFoundError(
      `No executable browser at '${path}' (from ${from}); give the path of Chromium, such as /usr/bin/chromium (Debian: apt-get install chromium).`,
      [path],
    );
  }
  const searched: string[] = [];
  for (const dir of (env.PATH ?? '').split(delimiter).filter((part) => part !== '')) {
    for (const name of BROWSER_NAMES) {
      const path = join(dir, name);
      searched.push(path);
      if (isExecutableFile(path)) return path;
    }
  }
  throw new BrowserNotFoundError(
    `No Chromium found to render the PDF: none of ${BROWSER_NAMES.join(', ')} is on PATH. Install it (Debian: apt-get install chromium), or give its path with --browser or ${BROWSER_ENV_VAR}.`,
    searched,
  );
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
