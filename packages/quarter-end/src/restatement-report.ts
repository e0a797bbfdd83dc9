import { ValidationError } from '@perfledger/core';
import { type RestatementList, type RestatementOptions, restatements } from './restatements.js';

/**
 * Which year's quarters to compare with a cut-off, and which actions (a plan, directorate or
 * section; all by default): {@link RestatementOptions} without the quarter.
 *
 * @example
 * ```ts
 * const options: RestatementReportOptions = { fy: '2019/20', knownAt: '2019-10-15T17:00:00Z' };
 * ```
 */
export type RestatementReportOptions = Omit<RestatementOptions, 'quarter'>;

/**
 * Every quarter of a year as known at a cut-off against as now known: which quarters were
 * restated, and for each exactly which actions and fields changed, with the events that changed
 * them. A Q1 correction recorded after the cut-off restates Q1; Q2 is listed as restated only
 * if its own figures as at its quarter end changed.
 *
 * @example
 * ```ts
 * const report: RestatementReport = await restatementReport(ledger, { fy: '2019/20', knownAt: '2019-10-15T17:00:00Z' });
 * report.restated; // [1]
 * ```
 */
export interface RestatementReport {
  readonly fy: string;
  /** The quarters with at least one restated line, in order. */
  readonly restated: readonly (1 | 2 | 3 | 4)[];
  /**
   * The restatement lists of the quarters that had been reported by the cut-off (a return was
   * recorded for them), in order, empty lists included; of all four when the ledger held no
   * return at all by then. A quarter not yet reported at the cut-off cannot have been restated.
   */
  readonly quarters: readonly RestatementList[];
}

/**
 * The restatement report of a financial year: {@link restatements} for each of its quarters
 * against one cut-off, so that a reader sees exactly what changed for which quarter.
 *
 * @throws ValidationError for bad or unknown options (naming each); core's
 *   ProjectionNotReadyError when the projection is missing, outdated or behind.
 * @example
 * ```ts
 * for (const list of (await restatementReport(ledger, { fy: '2019/20', knownAt })).quarters) {
 *   for (const r of list.items) console.log(`Q${list.quarter}`, r.code, r.fields.join(', '));
 * }
 * ```
 */
export async function restatementReport(
  ledger: Parameters<typeof restatements>[0],
  options: RestatementReportOptions,
): Promise<RestatementReport> {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('restatementReport needs options { fy, knownAt }.', [
      { path: [], message: 'must be an object with fy and knownAt' },
    ]);
  }
  const quarters: RestatementList[] = [];
  for (const quarter of [1, 2, 3, 4] as const) {
    quarters.push(await restatements(ledger, { ...options, quarter }));
  }
  const first = quarters[0]!;
  const reported = await quartersReported(ledger, first.fy, first.knownAtPosition);
  return {
    fy: first.fy,
    restated: quarters
      .filter((list) => reported.size === 0 || reported.has(list.quarter))
      .filter((list) => list.items.length > 0)
      .map((list) => list.quarter),
    quarters: quarters.filter((list) => reported.size === 0 || reported.has(list.quarter)),
  };
}

/** The quarters of `fy` with a return recorded by position `upTo`; empty when no return at all was. */
async function quartersReported(
  ledger: Parameters<typeof restatements>[0],
  fy: string,
  upTo: number,
): Promise<Set<number>> {
  const quarters = new Set<number>();
  let anyReturn = false;
  for await (const event of ledger.readAll({ upTo, types: ['ReturnStated'] })) {
    if (event.type !== 'ReturnStated') continue;
    anyReturn = true;
    if (event.data.fy === fy) quarters.add(event.data.quarter);
  }
  // Returns recorded, but none for this year: no quarter of it had been reported.
  if (anyReturn && quarters.size === 0) quarters.add(0);
  return quarters;
}
