import { z } from 'zod';

const line = z.string().trim().min(1).max(200);

/**
 * The `report` section of `perfledger.config.json`: who a committee report is for, how its
 * appendices are grouped and how its headline sentence reads. Every field is optional; a CLI
 * option of the same name wins over the file (`--organisation`, `--committee`, `--meeting-date`,
 * `--author`, `--contact`, `--appendix-by`, `--headline`).
 *
 * @example
 * ```ts
 * reportConfigSchema.parse({
 *   organisation: 'Example Council',
 *   committee: 'Cabinet',
 *   author: 'Head of Governance and Corporate Services',
 *   contact: 'A. Officer, 01234 567 890',
 *   appendixBy: 'section',
 *   headline: { template: '{percent} of actions have been achieved or are in progress.', statuses: ['Completed', 'Slightly behind'] },
 * });
 * ```
 */
export const reportConfigSchema = z.strictObject({
  /** The organisation named in the title block, such as "Example Borough Council". */
  organisation: line.optional(),
  /** The committee the report goes to: "Cabinet". */
  committee: line.optional(),
  /** The meeting's date, `YYYY-MM-DD`. */
  meetingDate: z.iso.date('must be a date YYYY-MM-DD').optional(),
  /** Who the report is from: "Head of Governance and Corporate Services". */
  author: line.optional(),
  /** Whom to ask about it: a name, telephone or e-mail. */
  contact: line.optional(),
  /** How each plan's appendix groups its actions; `section` by default. */
  appendixBy: z.enum(['directorate', 'section', 'none']).optional(),
  /** The headline sentence: its wording (`{percent}`, `{count}`, `{total}`) and the statuses it counts. */
  headline: z
    .strictObject({
      template: line.optional(),
      statuses: z.array(line).min(1).max(20).optional(),
    })
    .optional(),
});

/** The parsed `report` section of the config file. */
export type ReportConfig = z.output<typeof reportConfigSchema>;
