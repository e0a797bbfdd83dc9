import type { BusinessDate, Ledger } from '@perfledger/core';
import { type QuarterEndItem, quarterEndItemOf } from '../quarter-end-item.js';

/**
 * The oracle for the view: core's own fold of every action as at the quarter end, as known at
 * `position`, kept when registered by then and not closed before the financial year began.
 */
export async function expectedItems(
  ledger: Ledger,
  query: {
    readonly quarterEnd: BusinessDate;
    readonly yearStart: BusinessDate;
    readonly position: number;
    readonly warningWindowDays?: number;
  },
): Promise<QuarterEndItem[]> {
  const states = await ledger.getActions({ asAt: query.quarterEnd, knownAt: { position: query.position } });
  return states
    .filter((state) => state.closed === null || state.closed.effectiveOn >= query.yearStart)
    .map((state) => quarterEndItemOf(state, query.quarterEnd, query.warningWindowDays));
}
