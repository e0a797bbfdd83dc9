import { z } from 'zod';

/**
 * The `report` section of `perfledger.config.json`: who a committee report is for. Every field is
 * optional; a CLI option of the same name wins over the file.
 *
 * @example
 * ```ts
 * reportConfigSchema.parse({ organisation: 'Example Council' });
 * ```
 */
export const reportConfigSchema = z.strictObject({
  /** The organisation named in the title block, such as "Example Borough Council". */
  organisation: z.string().trim().min(1).max(200).optional(),
});

/** The parsed `report` section of the config file. */
export type ReportConfig = z.output<typeof reportConfigSchema>;
