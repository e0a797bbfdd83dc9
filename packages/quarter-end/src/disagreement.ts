import {
  revealHiddenCharacters,
  type StatusKey,
  ValidationError,
  type ValidationIssue,
} from '@perfledger/core';
import type { DerivedStatus } from './derived-status.js';
import type { QuarterEndItem } from './quarter-end-item.js';

/**
 * Which contradiction a reported status makes with the facts. Checked in this order; the first
 * that applies is reported.
 * - `closed-completed-reported-otherwise`: closed as completed, but the reported status is not
 *   the key's `completedValue`.
 * - `closed-cancelled-reported-otherwise`: closed as cancelled, but the reported status is not
 *   the key's `cancelledValue` (for a key without one: it is the `completedValue`).
 * - `reported-completed-but-open`: reported as the key's `completedValue`, but not closed.
 * - `reported-cancelled-but-open`: reported as the key's `cancelledValue`, but not closed.
 * - `on-track-but-overdue`: reported as an on-track value (RAG's Green) while overdue.
 * - `derived-scale-mismatch`: for a key on Pentana's own scale, the reported value differs from
 *   the derived one, and the pair is not one of the compatible pairs (see {@link DisagreementRules}).
 * - `completed-but-under-100`: closed as completed, the reported status agreeing (or none
 *   reported), while its % complete says less than 100. A blank % complete (unknown) is no
 *   contradiction. (An open action reported completed is `reported-completed-but-open`.)
 *
 * @example
 * ```ts
 * const rule: DisagreementRule = 'on-track-but-overdue';
 * ```
 */
export type DisagreementRule =
  | 'closed-completed-reported-otherwise'
  | 'closed-cancelled-reported-otherwise'
  | 'reported-completed-but-open'
  | 'reported-cancelled-but-open'
  | 'on-track-but-overdue'
  | 'derived-scale-mismatch'
  | 'completed-but-under-100';

/**
 * An action whose officer-reported status contradicts what the facts show.
 *
 * @example
 * ```ts
 * const d: Disagreement = { code: 'FP1922_02', statusKey: 'rag', status: 'Green', derivedStatus: 'Overdue', rule: 'on-track-but-overdue', message: 'Reported Green, but overdue since 2019-06-30.' };
 * ```
 */
export interface Disagreement {
  readonly code: string;
  readonly statusKey: string;
  /** The reported status; null only for `completed-but-under-100` when none was reported. */
  readonly status: string | null;
  readonly derivedStatus: DerivedStatus;
  readonly rule: DisagreementRule;
  /** A sentence for readers; hidden characters in the stored status are shown as `[U+202E]` markers. */
  readonly message: string;
}

/**
 * How reported statuses are judged. Both parts are keyed by status-key id and replace the
 * defaults when given.
 *
 * @example
 * ```ts
 * const rules: DisagreementRules = { onTrackValues: { rag: ['Green'], progress: ['On track'] } };
 * ```
 */
export interface DisagreementRules {
  /** Values that claim "on track" and so contradict Overdue. Default: `{ rag: ['Green'] }`. */
  readonly onTrackValues?: Readonly<Record<string, readonly string[]>>;
  /**
   * Keys whose values are Pentana's own scale (Not Started, In Progress, Warning, Overdue,
   * Completed, Cancelled), so that the reported value can be compared with the derived one.
   * Default: `['pentana']`.
   */
  readonly derivedScaleKeys?: readonly string[];
}

/**
 * The rules used when none are given.
 *
 * @example
 * ```ts
 * defaultDisagreementRules.onTrackValues; // { rag: ['Green'] }
 * ```
 */
export const defaultDisagreementRules: Required<DisagreementRules> = Object.freeze({
  onTrackValues: Object.freeze({ rag: Object.freeze(['Green']) }),
  derivedScaleKeys: Object.freeze(['pentana']),
});

// reported → derived values it may stand beside. An officer's "Not Started" cannot be derived,
// and Warning vs In Progress is a matter of judgement about the same open, not-yet-due action,
// so these pairs are not contradictions. Every other difference is a factual claim the facts refute.
const COMPATIBLE: Readonly<Record<string, readonly DerivedStatus[]>> = {
  'Not Started': ['In Progress', 'Warning'],
  'In Progress': ['Warning'],
  Warning: ['In Progress'],
};

/**
 * Whether an item's reported status contradicts its derived status under `key`'s semantics,
 * and how. Undefined when it agrees, when nothing was reported (unless the action was closed as
 * completed at under 100 %), or when the key is unknown.
 *
 * @example
 * ```ts
 * findDisagreement(item, ledger.statusKeys.get(item.statusKey))?.rule; // 'reported-completed-but-open'
 * ```
 */
export function findDisagreement(
  item: QuarterEndItem,
  key: StatusKey | undefined,
  rules: DisagreementRules = defaultDisagreementRules,
): Disagreement | undefined {
  const reported = item.status;
  // Closed as completed, yet less than 100 % complete (a blank, unknown % is no contradiction).
  const underDone =
    item.closed?.outcome === 'completed' && item.percentComplete !== null && item.percentComplete < 100
      ? {
          code: item.code,
          statusKey: item.statusKey,
          status: reported,
          derivedStatus: item.derivedStatus,
          rule: 'completed-but-under-100' as const,
          message: revealHiddenCharacters(
            `Closed as completed on ${item.closed.effectiveOn}, but ${item.percentComplete}% complete.`,
          ),
        }
      : undefined;
  if (reported === null || key === undefined) return underDone;
  const found = (rule: DisagreementRule, message: string): Disagreement => ({
    code: item.code,
    statusKey: item.statusKey,
    status: reported,
    derivedStatus: item.derivedStatus,
    rule,
    // A sentence for readers: a stored status cannot reorder it (core's one rule for hidden characters).
    message: revealHiddenCharacters(message),
  });
  const { completedValue, cancelledValue } = key;
  const derived = item.derivedStatus;
  if (item.closed !== null) {
    const on = item.closed.effectiveOn;
    if (derived === 'Completed' && completedValue !== undefined && reported !== completedValue) {
      return found(
        'closed-completed-reported-otherwise',
        `Closed as completed on ${on}, but reported ${reported}.`,
      );
    }
    if (
      derived === 'Cancelled' &&
      (cancelledValue !== undefined ? reported !== cancelledValue : reported === completedValue)
    ) {
      return found(
        'closed-cancelled-reported-otherwise',
        `Closed as cancelled on ${on}, but reported ${reported}.`,
      );
    }
    return underDone;
  }
  if (reported === completedValue) {
    return found('reported-completed-but-open', `Reported ${reported}, but not closed as completed.`);
  }
  if (reported === cancelledValue) {
    return found('reported-cancelled-but-open', `Reported ${reported}, but not closed as cancelled.`);
  }
  const onTrack = (rules.onTrackValues ?? defaultDisagreementRules.onTrackValues)[key.id] ?? [];
  if (derived === 'Overdue' && onTrack.includes(reported)) {
    return found('on-track-but-overdue', `Reported ${reported}, but past its due date (${item.dueDate}).`);
  }
  const scaleKeys = rules.derivedScaleKeys ?? defaultDisagreementRules.derivedScaleKeys;
  if (scaleKeys.includes(key.id) && reported !== derived && !(COMPATIBLE[reported] ?? []).includes(derived)) {
    const why =
      derived === 'Overdue'
        ? `past its due date (${item.dueDate})`
        : `the facts show ${derived} (due ${item.dueDate})`;
    return found('derived-scale-mismatch', `Reported ${reported}, but ${why}.`);
  }
  return undefined;
}

/**
 * Checks caller-supplied rules: `onTrackValues` maps key ids to lists of strings, and
 * `derivedScaleKeys` is a list of key ids.
 *
 * @throws ValidationError naming each malformed part.
 * @example
 * ```ts
 * validateDisagreementRules({ onTrackValues: { progress: ['On track'] } }); // passes
 * ```
 */
export function validateDisagreementRules(rules: unknown): void {
  if (rules === undefined) return;
  const issues: ValidationIssue[] = [];
  const isStrings = (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (typeof rules !== 'object' || rules === null) {
    issues.push({ path: ['disagreementRules'], message: 'must be an object' });
  } else {
    const { onTrackValues, derivedScaleKeys } = rules as Record<string, unknown>;
    if (onTrackValues !== undefined) {
      if (typeof onTrackValues !== 'object' || onTrackValues === null || Array.isArray(onTrackValues)) {
        issues.push({
          path: ['disagreementRules', 'onTrackValues'],
          message: 'must map key ids to lists of values',
        });
      } else {
        for (const [id, values] of Object.entries(onTrackValues)) {
          if (!isStrings(values)) {
            issues.push({
              path: ['disagreementRules', 'onTrackValues', id],
              message: 'must be a list of strings',
            });
          }
        }
      }
    }
    if (derivedScaleKeys !== undefined && !isStrings(derivedScaleKeys)) {
      issues.push({ path: ['disagreementRules', 'derivedScaleKeys'], message: 'must be a list of key ids' });
    }
  }
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ValidationError(`Invalid disagreement rules: ${summary}`, issues);
  }
}
