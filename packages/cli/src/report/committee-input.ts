import type { CommitteeReportInput, ExceptionItem } from '@perfledger/committee-report';
import type { Ledger } from '@perfledger/core';
import type { QuarterEndItem, QuarterEndView } from '@perfledger/quarter-end';
import type { SlippageReport } from '@perfledger/slippage';
import type { QuarterReportParameters } from './quarter-report-parameters.js';

/** The reported values that count as "red" exceptions, per built-in status key. */
const RED_VALUES: Readonly<Record<string, readonly string[]>> = {
  rag: ['Red'],
  pentana: ['Overdue'],
  'delivery-plan': ['Behind > 1 quarter'],
};

/**
 * Maps the quarter-end view and the slippage report onto the committee report's input. Every
 * value comes from the log as known at `parameters.position`, including the generation time
 * (the recorded time of that position), so the HTML is reproducible byte for byte.
 */
export function committeeInput(
  ledger: Ledger,
  view: QuarterEndView,
  slippage: SlippageReport,
  parameters: QuarterReportParameters,
  provenance: { readonly headHash: string; readonly recordedAt: string | null; readonly generator: string },
): CommitteeReportInput {
  const plans = [...new Set(view.items.map((item) => item.plan))];
  const exception = (item: QuarterEndItem): ExceptionItem => ({
    code: item.code,
    title: item.title,
    owner: item.owner,
    section: item.section,
    dueDate: item.dueDate,
    percentComplete: item.percentComplete,
    reportedStatus: item.status,
    derivedStatus: item.derivedStatus,
    lastComment: item.lastComment?.text ?? null,
    lastCommentOn: item.lastComment?.effectiveOn ?? null,
  });
  const byCode = new Map(view.items.map((item) => [item.code, item]));
  const inView = new Set(byCode.keys());
  const keyLabels = [
    ...new Set(view.items.map((item) => ledger.statusKeys.get(item.statusKey)?.label ?? item.statusKey)),
  ];
  return {
    title: plans.length === 1 ? plans[0]! : 'Quarter-end performance report',
    fy: view.fy,
    quarter: view.quarter,
    quarterStart: view.quarterStart,
    quarterEnd: view.quarterEnd,
    basis:
      parameters.basis.kind === 'now'
        ? { kind: 'now' }
        : { kind: 'known-at', knownAt: parameters.basis.knownAt },
    generatedAt: provenance.recordedAt ?? `${view.quarterEnd}T00:00:00Z`,
    provenance: {
      position: parameters.position,
      headHash: provenance.headHash,
      generator: provenance.generator,
    },
    ...(keyLabels.length === 1 ? { statusKeyLabel: keyLabels[0]!.replace(/ status$/i, '') } : {}),
    counts: Object.entries(view.counts).map(([status, count]) => ({ status, count })),
    derivedCounts: Object.entries(view.derivedCounts).map(([status, count]) => ({ status, count })),
    total: view.total,
    ...(parameters.by === undefined
      ? {}
      : {
          groups: view.groups[parameters.by].map((group) => ({
            name: group.name,
            total: group.total,
            counts: Object.entries(group.counts).map(([status, count]) => ({ status, count })),
          })),
        }),
    exceptions: {
      red: view.items
        .filter((item) => item.status !== null && (RED_VALUES[item.statusKey] ?? []).includes(item.status))
        .map(exception),
      overdue: view.items.filter((item) => item.derivedStatus === 'Overdue').map(exception),
      disagreements: view.disagreements.flatMap((d) => {
        const item = byCode.get(d.code);
        return item === undefined ? [] : [exception(item)];
      }),
    },
    dueDateMoves: slippage.actions
      .filter((action) => action.revisionCount > 0 && inView.has(action.code))
      .map((action) => ({
        code: action.code,
        title: action.title,
        originalDueDate: action.originalDueDate,
        currentDueDate: action.currentDueDate,
        revisions: action.revisions.map((r) => ({
          from: r.from,
          to: r.to,
          effectiveOn: r.effectiveOn,
          reason: r.reason,
          ...(r.approver === null ? {} : { approver: r.approver }),
        })),
      })),
  };
}
