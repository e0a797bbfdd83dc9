import type { QuarterEndItem, QuarterEndView, RestatementList } from '@perfledger/quarter-end';
import { formatDueDateText } from './calendar-date.js';
import type {
  CommitteeReportBasis,
  RestatedField,
  Restatement,
  Restatements,
} from './committee-report-input.js';
import { instantOfKnownAt } from './instant-of-known-at.js';

type PrintedField = Exclude<keyof QuarterEndItem, 'code' | 'open'>;

/** The label each restated field prints with; `open` is told by `closed`. */
const FIELD_LABELS: Readonly<Record<PrintedField, string>> = {
  title: 'Title',
  description: 'Description',
  plan: 'Plan',
  directorate: 'Directorate',
  section: 'Section',
  owner: 'Owner',
  statusKey: 'Status key',
  registeredOn: 'Registered',
  originalDueDate: 'Original due date',
  dueDate: 'Due date',
  percentComplete: '% complete',
  status: 'Reported status',
  derivedStatus: 'Derived status',
  closed: 'Closed',
  lastComment: 'Last comment',
  notUpdated: 'Return',
};

/**
 * The restatement section from `@perfledger/quarter-end`'s restatement list: one row per differing
 * field, values printed as the report prints them; an action added to or removed from the
 * quarter since the cut-off shows as "In the report". Problems (another quarter, a cut-off with
 * no instant) are pushed onto `issues`.
 *
 * @example
 * ```ts
 * const section = restatementsOf(list, view, { kind: 'now' }, issues);
 * section?.items[0]?.changes; // [{ field: '% complete', asReported: '80%', asNowKnown: '90%' }]
 * ```
 */
export function restatementsOf(
  list: RestatementList,
  view: QuarterEndView,
  basis: CommitteeReportBasis | undefined,
  issues: string[],
): Restatements | undefined {
  if (list.fy !== view.fy || list.quarter !== view.quarter) {
    issues.push(
      `restatements: they compare ${list.fy} Q${list.quarter}, but the view is of ${view.fy} Q${view.quarter}`,
    );
    return undefined;
  }
  const cutOff = list.knownAt ?? (basis?.kind === 'known-at' ? basis.knownAt : null);
  if (cutOff === null) {
    issues.push(
      `restatements: the cut-off was given as position ${list.knownAtPosition}, which names no instant; compare at an instant, or give basis { kind: 'known-at', knownAt }`,
    );
    return undefined;
  }
  return {
    asReportedAt: instantOfKnownAt(cutOff),
    items: list.items.map(
      (entry): Restatement => ({
        code: entry.code,
        title: (entry.asNowKnown ?? entry.asKnownThen)?.title ?? entry.code,
        changes:
          entry.kind === 'changed'
            ? entry.fields.flatMap((field) =>
                field === 'code' || field === 'open'
                  ? []
                  : [restatedField(field, entry.asKnownThen, entry.asNowKnown)],
              )
            : [
                {
                  field: 'In the report',
                  asReported: entry.kind === 'added' ? 'No' : 'Yes',
                  asNowKnown: entry.kind === 'added' ? 'Yes' : 'No',
                },
              ],
      }),
    ),
  };
}

function restatedField(
  field: PrintedField,
  before: QuarterEndItem | null,
  after: QuarterEndItem | null,
): RestatedField {
  return {
    field: FIELD_LABELS[field],
    asReported: before === null ? null : printed(field, before),
    asNowKnown: after === null ? null : printed(field, after),
  };
}

function printed(field: PrintedField, item: QuarterEndItem): string | null {
  switch (field) {
    case 'registeredOn':
    case 'originalDueDate':
    case 'dueDate':
      return formatDueDateText(item[field]);
    case 'percentComplete':
      // A blank % complete is unknown, never 0.
      return item.percentComplete === null ? 'unknown' : `${item.percentComplete}%`;
    case 'closed':
      return item.closed === null
        ? 'Open'
        : `${item.closed.outcome === 'completed' ? 'Completed' : 'Cancelled'} ${formatDueDateText(item.closed.effectiveOn)}`;
    case 'lastComment':
      return item.lastComment?.text ?? null;
    case 'notUpdated':
      return item.notUpdated ? 'Not updated' : 'Updated';
    default:
      return item[field];
  }
}
