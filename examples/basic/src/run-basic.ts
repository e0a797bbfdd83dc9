import { auditTrailProjection, explain } from '@perfledger/audit-trail';
import { quarterEndProjection, quarterEndView } from '@perfledger/quarter-end';
import { openLedger } from '@perfledger/sqlite';

/**
 * The library in thirty lines (the README's example): open a ledger, register an action, report
 * progress, revise its due date, then read the quarter-end view and the due date's story.
 * Output goes to `log`, one line at a time.
 *
 * @example
 * ```ts
 * await runBasic('plan.db', (line) => lines.push(line));
 * ```
 */
// biome-ignore format: kept as compact as the README's copy of it
export async function runBasic(file: string, log: (line: string) => void = console.log): Promise<void> {
  const ledger = await openLedger({ file, projections: [quarterEndProjection, auditTrailProjection] }); // kept up to date inline
  try {
    const code = 'DEM1518_02';
    await ledger.execute({
      type: 'RegisterAction', code, effectiveOn: '2019-04-01', statusKey: 'pentana', dueDate: '2019-06-30',
      title: 'Transfer of Land Charges function to Land Registry', plan: 'Resources Business Plan 2019-22',
      directorate: 'Resources', section: 'Administrative Services',
    });
    await ledger.execute({ type: 'UpdateProgress', code, effectiveOn: '2019-06-30', percentComplete: 5 });
    await ledger.execute(
      { type: 'ReviseDueDate', code, effectiveOn: '2019-07-18', to: '2020-12-31',
        reason: 'Land Registry migration rescheduled', approver: 'Policy and Performance Committee' },
      { actor: 'democratic.services' },
    );

    const [item] = (await quarterEndView(ledger, { fy: '2019/20', quarter: 2 })).items;
    log([item?.dueDate, item?.originalDueDate, item?.derivedStatus].join(' ')); // 2020-12-31 2019-06-30 In Progress
    for (const sentence of (await explain(ledger, code)).sentences) log(sentence);
  } finally {
    await ledger.close();
  }
}
