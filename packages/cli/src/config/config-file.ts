import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { validationErrorFromZod } from '@perfledger/core';
import { z } from 'zod';
import { UsageError } from '../usage-error.js';
import { reportConfigSchema } from './report-config.js';
import { statusKeysConfigSchema } from './status-keys-config.js';

/** The name of the config file looked for in the working directory when `--config` is not given. */
export const CONFIG_FILE_NAME = 'perfledger.config.json';

/**
 * The one config file, `perfledger.config.json`: a strict object, so a misspelt section is an
 * error rather than silently ignored. `report` says who committee reports are for; `statusKeys`
 * adds a council's own status schemes.
 *
 * @example
 * ```ts
 * configFileSchema.parse({ report: { organisation: 'Example Council' } });
 * ```
 */
export const configFileSchema = z.strictObject({
  /** A JSON Schema address for editors; ignored. */
  $schema: z.string().optional(),
  report: reportConfigSchema.optional(),
  statusKeys: statusKeysConfigSchema.optional(),
});

/** The parsed config file; `{}` when there is none. */
export type ConfigFile = z.output<typeof configFileSchema>;

/**
 * Reads the config file: `explicit` (the `--config` option) when given, which must exist;
 * otherwise `perfledger.config.json` in `cwd` when present; otherwise `{}`. A file that is not
 * JSON is a usage error naming it; one that does not match the schema is a `ValidationError`
 * naming each wrong field.
 *
 * @example
 * ```ts
 * const config = loadConfigFile(undefined, process.cwd());
 * ```
 */
export function loadConfigFile(explicit: string | undefined, cwd: string): ConfigFile {
  const file =
    explicit === undefined
      ? resolve(cwd, CONFIG_FILE_NAME)
      : isAbsolute(explicit)
        ? explicit
        : resolve(cwd, explicit);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (explicit === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UsageError(`Cannot read the config file '${file}': ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The config file '${file}' is not JSON: ${(error as Error).message}`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) throw validationErrorFromZod(`The config file '${file}' is not valid`, parsed.error);
  return parsed.data;
}
