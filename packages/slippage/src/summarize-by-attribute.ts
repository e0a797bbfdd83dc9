import type { ActionSlippage } from './action-slippage.js';

/**
 * Slippage totals for the actions of one plan or directorate (as at the basis).
 *
 * @example
 * ```ts
 * const group: SlippageActionGroup = (await slippageSummary(ledger, { by: 'plan' })).groups[0]!;
 * `${group.behind} of ${group.actions} actions are behind`;
 * ```
 */
export interface SlippageActionGroup {
  /** The plan or directorate. */
  readonly key: string;
  /** Actions in the group, revised or not. */
  readonly actions: number;
  /** Actions with at least one revision. */
  readonly revisedActions: number;
  /** Revisions of the group's actions. */
  readonly revisions: number;
  /** Sum of the actions' net days slipped (current minus original due date). */
  readonly daysSlipped: number;
  /** Sum of the actions' net fiscal quarters slipped. */
  readonly quartersSlipped: number;
  /** Actions flagged behind by the query's threshold. */
  readonly behind: number;
  /** Actions revised more than once. */
  readonly revisedMoreThanOnce: number;
}

/**
 * Groups actions by their plan or directorate and totals their slippage; groups ordered by key.
 *
 * @example
 * ```ts
 * summarizeByAttribute(report.actions, 'directorate');
 * ```
 */
export function summarizeByAttribute(
  actions: readonly ActionSlippage[],
  attribute: 'plan' | 'directorate',
): readonly SlippageActionGroup[] {
  const groups = new Map<string, { -readonly [K in keyof SlippageActionGroup]: SlippageActionGroup[K] }>();
  for (const action of actions) {
    const key = action[attribute];
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        key,
        actions: 0,
        revisedActions: 0,
        revisions: 0,
        daysSlipped: 0,
        quartersSlipped: 0,
        behind: 0,
        revisedMoreThanOnce: 0,
      };
      groups.set(key, group);
    }
    group.actions += 1;
    if (action.revisionCount > 0) group.revisedActions += 1;
    group.revisions += action.revisionCount;
    group.daysSlipped += action.daysSlipped;
    group.quartersSlipped += action.quartersSlipped;
    if (action.flags.behind) group.behind += 1;
    if (action.flags.revisedMoreThanOnce) group.revisedMoreThanOnce += 1;
  }
  return Object.freeze(
    [...groups.values()]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((group): SlippageActionGroup => Object.freeze(group)),
  );
}
