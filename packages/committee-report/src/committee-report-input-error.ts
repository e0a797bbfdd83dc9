/**
 * The input cannot make an honest report: counts that do not add up to the total, a date that is
 * not a real `YYYY-MM-DD` day, an instant without a time zone. `issues` lists every problem,
 * each starting with the path of the field, so the caller can fix them all at once.
 *
 * @example
 * ```ts
 * try {
 *   renderCommitteeReport(input);
 * } catch (error) {
 *   if (error instanceof CommitteeReportInputError) error.issues; // ['counts: sum 39 is not total 40']
 * }
 * ```
 */
export class CommitteeReportInputError extends Error {
  /** Always `INVALID_REPORT_INPUT`: match on it, not on the message. */
  readonly code = 'INVALID_REPORT_INPUT';
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(`The committee report input is invalid:\n- ${issues.join('\n- ')}`);
    this.name = 'CommitteeReportInputError';
    this.issues = Object.freeze([...issues]);
  }
}
