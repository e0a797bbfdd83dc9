import { LedgerError } from '@perfledger/core';

/**
 * The input cannot make an honest report: counts that do not add up to the total, a date that is
 * not a real `YYYY-MM-DD` day, an instant without a time zone, a quarter-end view whose counts
 * contradict its items. `issues` lists every problem, each starting with the path of the field,
 * so the caller can fix them all at once. A {@link LedgerError} like every perfledger error.
 *
 * @example
 * ```ts
 * try {
 *   renderCommitteeReport(input);
 * } catch (error) {
 *   if (error instanceof LedgerError && error.code === 'COMMITTEE_REPORT_INPUT_INVALID') {
 *     (error as CommitteeReportInputError).issues; // ['counts: counts sum to 39, not the total 40']
 *   }
 * }
 * ```
 */
export class CommitteeReportInputError extends LedgerError {
  /** Always `COMMITTEE_REPORT_INPUT_INVALID`: match on it, not on the message. */
  declare readonly code: 'COMMITTEE_REPORT_INPUT_INVALID';
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(
      'COMMITTEE_REPORT_INPUT_INVALID',
      `The committee report input is invalid:\n- ${issues.join('\n- ')}`,
    );
    this.issues = Object.freeze([...issues]);
  }
}
