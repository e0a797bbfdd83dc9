import { LedgerError } from './ledger-error.js';

/** One problem found while validating input: where it is and what is wrong. */
export interface ValidationIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Input did not match its schema (a command, an event, an option). Nothing was written.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof ValidationError) for (const i of e.issues) console.log(i.path.join('.'), i.message); }
 * ```
 */
export class ValidationError extends LedgerError {
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, issues: readonly ValidationIssue[] = []) {
    super('VALIDATION_FAILED', message);
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue, path: [...issue.path] })));
  }
}
