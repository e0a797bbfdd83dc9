import {
  type BusinessDate,
  daysBetween,
  effectiveOrder,
  type FiscalCalendar,
  foldAction,
  isInBusinessDateRange,
  type Ledger,
} from '@perfledger/core';
import type { ActionSlippage, SlippageCorrection, SlippageRevision } from '../action-slippage.js';
import { isBehind, type SlippageThreshold } from '../slippage-threshold.js';
import { CODES } from './random-history.js';

/**
 * The oracle for "as known at position N": each action's slippage computed straight from its
 * events up to N with core's `foldAction`, without the projection's tables.
 */
export async function expectedSlippage(
  ledger: Ledger,
  position: number,
  asAt: BusinessDate | undefined,
  calendar: FiscalCalendar,
  threshold: SlippageThreshold,
): Promise<ActionSlippage[]> {
  const actions: ActionSlippage[] = [];
  for (const code of [...CODES].sort()) {
    const events = await ledger.readAction(code, { upTo: position });
    const state = foldAction(events, asAt);
    if (state === undefined) continue;
    const revisions: SlippageRevision[] = [];
    const corrections: SlippageCorrection[] = [];
    let registered = false;
    for (const event of effectiveOrder(events)) {
      if (asAt !== undefined && event.effectiveOn > asAt) break;
      if (event.type === 'ActionRegistered') registered = true;
      if (event.type === 'DueDateCorrected' && registered) {
        corrections.push({
          recorded: event.data.recorded,
          corrected: event.data.corrected,
          correctsOriginal: event.data.correctsOriginal,
          reason: event.data.reason,
          approver: event.data.approver ?? null,
          approvalReference: event.data.approvalReference ?? null,
          actor: event.actor,
          recordedAt: event.recordedAt,
          effectiveOn: event.effectiveOn,
          position: event.position,
          eventId: event.eventId,
        });
      }
      if (event.type !== 'DueDateRevised' || !registered) continue;
      revisions.push({
        from: event.data.from,
        to: event.data.to,
        daysMoved: daysBetween(event.data.from, event.data.to),
        quartersMoved: calendar.quartersBetween(event.data.from, event.data.to),
        reason: event.data.reason,
        approver: event.data.approver ?? null,
        approvalReference: event.data.approvalReference ?? null,
        actor: event.actor,
        recordedAt: event.recordedAt,
        effectiveOn: event.effectiveOn,
        position: event.position,
        eventId: event.eventId,
      });
    }
    const daysSlipped = daysBetween(state.originalDueDate, state.dueDate);
    const quartersSlipped = calendar.quartersBetween(state.originalDueDate, state.dueDate);
    actions.push({
      code,
      title: state.title,
      plan: state.plan,
      directorate: state.directorate,
      originalDueDate: state.originalDueDate,
      currentDueDate: state.dueDate,
      revisionCount: state.dueDateRevisions,
      daysSlipped,
      quartersSlipped,
      flags: {
        behind: isBehind({ daysSlipped, quartersSlipped }, threshold),
        revisedMoreThanOnce: state.dueDateRevisions > 1,
        dateOutOfRange:
          !isInBusinessDateRange(state.originalDueDate) ||
          !isInBusinessDateRange(state.dueDate) ||
          revisions.some((r) => !isInBusinessDateRange(r.from) || !isInBusinessDateRange(r.to)),
      },
      revisions,
      corrections,
    });
  }
  return actions;
}
