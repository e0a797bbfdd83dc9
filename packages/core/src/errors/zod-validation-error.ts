import type { z } from 'zod';
import { ValidationError } from './validation-error.js';

/**
 * Converts a zod failure into the ledger's own {@link ValidationError}, so callers only ever
 * catch ledger errors and never need zod's types to read the issues.
 *
 * Exported so that extensions (custom status keys, projections, importers) report zod failures the same way.
 *
 * @example
 * ```ts
 * const result = schema.safeParse(input);
 * if (!result.success) throw validationErrorFromZod('Invalid status key', result.error);
 * ```
 */
export function validationErrorFromZod(message: string, error: z.ZodError): ValidationError {
  const issues = error.issues.map((issue) => ({
    // zod allows symbol keys in paths; the ledger's issue paths are plain data.
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    message: issue.message,
  }));
  const details = issues.map(
    (issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ` : '') + issue.message,
  );
  return new ValidationError(`${message}: ${details.join('; ')}`, issues);
}
