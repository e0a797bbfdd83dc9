import { z } from 'zod';

/**
 * The `statusKeys` section of `perfledger.config.json`: a council's own status schemes, used by
 * every CLI command beside the built-in keys.
 *
 * @example
 * ```ts
 * statusKeysConfigSchema.parse([]);
 * ```
 */
export const statusKeysConfigSchema = z.array(z.unknown());

/** The parsed `statusKeys` section of the config file. */
export type StatusKeysConfig = z.output<typeof statusKeysConfigSchema>;
