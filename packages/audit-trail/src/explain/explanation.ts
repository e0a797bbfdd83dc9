import type { EventType } from '@perfledger/core';
import type { AuditField } from '../audit-field.js';
import type { PublishedReportRef } from './resolve-publications.js';

/**
 * How the field stood when the action was registered.
 *
 * @example
 * ```ts
 * explain(ledger, 'DEM1518_02').origin.value; // '2019-06-30', the original due date
 * ```
 */
export interface FieldOrigin {
  readonly position: number;
  readonly recordedAt: string;
  readonly effectiveOn: string;
  readonly actor: string | null;
  readonly eventId: string;
  /** The field's value at registration (its default when registration did not set it). */
  readonly value: string | null;
}

/**
 * Why a change counts as back-dated. A change is back-dated when the fiscal quarter of its
 * effective date had ended before the (UTC) day it was recorded, or when it was recorded more
 * than `backdatedAfterDays` days after its effective date.
 *
 * @example
 * ```ts
 * const b: Backdating = { daysLate: 45, toleranceDays: 30, beyondTolerance: true, quarterEnded: true, quarter: '2019/20 Q1', quarterEnd: '2019-06-30' };
 * ```
 */
export interface Backdating {
  /** Days from the effective date to the recorded date; negative when recorded in advance. */
  readonly daysLate: number;
  readonly toleranceDays: number;
  /** `daysLate > toleranceDays`. */
  readonly beyondTolerance: boolean;
  /** The effective date's quarter had ended before the day the change was recorded. */
  readonly quarterEnded: boolean;
  /** The effective date's quarter, e.g. "2019/20 Q1". */
  readonly quarter: string;
  readonly quarterEnd: string;
}

/**
 * A published quarter report that a change came too late for: the change is effective on or
 * before the quarter's end, but was recorded after the report was published.
 *
 * @example
 * ```ts
 * const late: LatePublication = { fy: '2019/20', quarter: 1, label: '2019/20 Q1', quarterEnd: '2019-06-30', publishedAt: '2019-08-05T10:00:00.000000Z', changesQuarterEndValue: true };
 * ```
 */
export interface LatePublication {
  readonly fy: string;
  readonly quarter: 1 | 2 | 3 | 4;
  readonly label: string;
  readonly quarterEnd: string;
  /** Normalised to the ledger's format: microseconds, UTC. */
  readonly publishedAt: string;
  /**
   * Whether the change alters the field's value as at the quarter's end (a later-effective
   * change already recorded may have superseded it there).
   */
  readonly changesQuarterEndValue: boolean;
  /** The `ReportPublished` event, when the publication was read from the ledger (not passed in). */
  readonly report?: PublishedReportRef;
}

/**
 * A change's place among the quarterly returns of its quarter.
 *
 * @example
 * ```ts
 * const record: ReturnRecord = { kind: 'correction', quarter: '2019/20 Q1', correctsRecordedAt: '2019-07-05T09:00:00.000000Z' };
 * ```
 */
export interface ReturnRecord {
  readonly kind: 'first' | 'correction';
  /** The quarter, e.g. "2019/20 Q1". */
  readonly quarter: string;
  /** For a correction: when the return it corrects was recorded (the latest earlier one). */
  readonly correctsRecordedAt: string | null;
}

/**
 * One change of the field, with the context an auditor asks for.
 *
 * @example
 * ```ts
 * const [first] = explain(ledger, 'DEM1518_02').changes;
 * first?.daysMoved; // 550
 * ```
 */
export interface ExplainedChange {
  readonly position: number;
  readonly recordedAt: string;
  /** The UTC day of `recordedAt`. */
  readonly recordedOn: string;
  readonly effectiveOn: string;
  readonly actor: string | null;
  readonly eventType: EventType;
  readonly eventId: string;
  readonly correlationId: string | null;
  readonly source: string | null;
  readonly before: string | null;
  readonly after: string | null;
  /** The stated reason (due-date revision, reopening), else the note. */
  readonly reason: string | null;
  /** The event's note when it also has a separate reason. */
  readonly note: string | null;
  readonly approver: string | null;
  readonly approvalReference: string | null;
  /** For `dueDate`: calendar days the date moved (negative when brought forward). */
  readonly daysMoved: number | null;
  /** For `dueDate`: fiscal quarter boundaries crossed (negative when brought forward). */
  readonly quartersMoved: number | null;
  /** Progress as at the effective date, as known once this change was recorded; null while unknown (none reported). */
  readonly percentComplete: number | null;
  /** Reported status at the same point; null when none reported yet. */
  readonly status: string | null;
  /** `open`, `completed` or `cancelled` at the same point. */
  readonly closed: string | null;
  /**
   * True when recorded late (beyond the tolerance, or after its quarter ended), unless it is the
   * first record of a quarter's return (history imported for the first time is not back-dated).
   */
  readonly backdated: boolean;
  readonly backdating: Backdating;
  /**
   * How the change relates to the quarterly return of its quarter: `first` when it came with
   * the first return the ledger recorded for that quarter, `correction` when the ledger already
   * had a return for it; null when no return is involved.
   */
  readonly returnRecord: ReturnRecord | null;
  /** Published reports this change came after, oldest quarter first. */
  readonly afterPublication: readonly LatePublication[];
  /** This change told in plain words. */
  readonly sentence: string;
}

/**
 * The story of one field of one action: where it started, every change, and plain sentences.
 *
 * @example
 * ```ts
 * const story: Explanation = explain(ledger, 'DEM1518_02');
 * console.log(story.text);
 * ```
 */
export interface Explanation {
  readonly code: string;
  readonly field: AuditField;
  /** The position the story is told as known at. */
  readonly position: number;
  readonly origin: FieldOrigin;
  /** Changes after registration, in the order they were recorded. */
  readonly changes: readonly ExplainedChange[];
  /** The field's latest value (as at the latest effective date). */
  readonly current: string | null;
  /** The origin, each change, and a summary, one entry each. */
  readonly sentences: readonly string[];
  /** The sentences joined by line breaks. */
  readonly text: string;
}
