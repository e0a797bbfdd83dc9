import type { DecideContext } from '../action/decide.js';
import { RuleViolationError, UnknownIndicatorError } from '../errors/index.js';
import type { PendingEvent } from '../events/index.js';
import { matchStatus } from '../status/index.js';
import type { BusinessDate } from '../time/index.js';
import { type IndicatorPeriodKind, parseIndicatorPeriod } from '../time/indicator-period.js';
import type { IndicatorCommand } from './indicator-commands.js';
import { formatIndicatorTarget, formatIndicatorValue } from './indicator-field-changes.js';
import { type IndicatorState, toleranceInForce } from './indicator-state.js';
import {
  INDICATOR_VALUE_BOUNDS,
  type IndicatorFrequency,
  type IndicatorTarget,
  type IndicatorTolerance,
  type IndicatorUnit,
  type IndicatorValue,
} from './indicator-vocabulary.js';

/** A validated indicator command whose effective date the ledger has already filled in. */
export type DatedIndicatorCommand = IndicatorCommand & { readonly effectiveOn: BusinessDate };

// The period kinds each frequency accepts: its own and longer ones (a quarterly indicator's
// annual outturn), never shorter ones.
const ACCEPTED_KINDS: Readonly<Record<IndicatorFrequency, readonly IndicatorPeriodKind[]>> = {
  monthly: ['month', 'quarter', 'year'],
  quarterly: ['quarter', 'year'],
  annual: ['year'],
};

/**
 * Decides which events an indicator command causes, given the indicator's state (as now
 * known). Pure: no I/O, no clock. Throws a typed {@link LedgerError} when a rule is broken
 * (unknown indicator, a value of the wrong kind for the unit, a period shorter than the
 * indicator's frequency, a correction to the same value…). A command that changes nothing
 * (the same value, target, status, comparator or comment again) returns no events, so
 * re-importing a snapshot appends nothing.
 *
 * @example
 * ```ts
 * decideIndicator(state, { type: 'RecordIndicatorValue', code: 'BV12', period: '2019/20 Q1', value: 9.3, effectiveOn: '2019-06-30' }, { statusKeys });
 * ```
 */
export function decideIndicator(
  state: IndicatorState | undefined,
  command: DatedIndicatorCommand,
  context: DecideContext,
): PendingEvent[] {
  const { effectiveOn } = command;
  const note = command.note === undefined ? {} : { note: command.note };
  if (command.type === 'RegisterIndicator') {
    if (state !== undefined) {
      throw new RuleViolationError(
        'INDICATOR_ALREADY_REGISTERED',
        `Indicator '${command.code}' is already registered (on ${state.registeredOn}).`,
      );
    }
    const key = context.statusKeys.require(command.statusKey);
    const { type: _type, effectiveOn: _effectiveOn, ...data } = command;
    return [{ type: 'IndicatorRegistered', effectiveOn, data: { ...data, statusKey: key.id } }];
  }
  if (state === undefined) throw new UnknownIndicatorError(command.code);
  const code = state.code;
  if ('period' in command && command.period !== undefined)
    assertPeriodKind(state, command.period, command.type);

  switch (command.type) {
    case 'AmendIndicator': {
      const changes: Record<string, string> = {};
      for (const field of ['title', 'description', 'plan', 'directorate', 'section', 'owner'] as const) {
        const value = command[field];
        if (value !== undefined && value !== state[field]) changes[field] = value;
      }
      if (Object.keys(changes).length === 0) return [];
      return [{ type: 'IndicatorDetailsAmended', effectiveOn, data: { ...changes, ...note } }];
    }

    case 'SetIndicatorTarget': {
      assertTargetFits(state, command.target);
      const { reason, approver } = command;
      const extra = {
        ...(reason === undefined ? {} : { reason }),
        ...(approver === undefined ? {} : { approver }),
        ...note,
      };
      const current = state.targets[command.period];
      if (current === undefined) {
        return [
          {
            type: 'IndicatorTargetSet',
            effectiveOn,
            data: { period: command.period, target: command.target, ...extra },
          },
        ];
      }
      if (sameTarget(current.target, command.target)) return [];
      if (reason === undefined) {
        throw new RuleViolationError(
          'INDICATOR_REVISION_NEEDS_REASON',
          `The ${command.period} target of '${code}' is already ${describeTarget(current.target)}; revising it to ${describeTarget(command.target)} needs a reason.`,
        );
      }
      return [
        {
          type: 'IndicatorTargetSet',
          effectiveOn,
          data: { period: command.period, target: command.target, from: current.target, ...extra },
        },
      ];
    }

    case 'SetIndicatorTolerance': {
      const inForce = toleranceInForce(state.tolerances, effectiveOn);
      if (inForce !== undefined && sameTolerance(inForce.tolerance, command.tolerance)) return [];
      const { reason, approver } = command;
      return [
        {
          type: 'IndicatorToleranceSet',
          effectiveOn,
          data: {
            tolerance: command.tolerance,
            ...(inForce === undefined ? {} : { from: inForce.tolerance }),
            ...(reason === undefined ? {} : { reason }),
            ...(approver === undefined ? {} : { approver }),
            ...note,
          },
        },
      ];
    }

    case 'RecordIndicatorValue':
    case 'CorrectIndicatorValue': {
      assertValueFits(state, command.value, 'value');
      const quality = command.quality ?? (command.value === null ? 'missing' : 'final');
      if ((command.value === null) !== (quality === 'missing')) {
        throw new RuleViolationError(
          'INDICATOR_VALUE_MISMATCH',
          command.value === null
            ? `A missing value (null) for '${code}' ${command.period} has quality "missing", not "${quality}".`
            : `The value ${String(command.value)} for '${code}' ${command.period} cannot have quality "missing"; send null for a missing value.`,
        );
      }
      if (command.missingReason !== undefined && command.value !== null) {
        throw new RuleViolationError(
          'INDICATOR_VALUE_MISMATCH',
          `Only a missing value has a missing reason ('${code}' ${command.period} is ${String(command.value)}).`,
        );
      }
      const entry = {
        period: command.period,
        value: command.value,
        quality,
        ...(command.missingReason === undefined ? {} : { missingReason: command.missingReason }),
        ...(command.footnote === undefined ? {} : { footnote: command.footnote }),
      };
      const current = state.values[command.period];
      const unchanged =
        current !== undefined &&
        current.value === entry.value &&
        current.quality === entry.quality &&
        current.missingReason === (command.missingReason ?? null) &&
        current.footnote === (command.footnote ?? null);
      if (command.type === 'RecordIndicatorValue') {
        if (current === undefined)
          return [{ type: 'IndicatorValueRecorded', effectiveOn, data: { ...entry, ...note } }];
        if (unchanged) return [];
        throw new RuleViolationError(
          'INDICATOR_VALUE_ALREADY_RECORDED',
          `'${code}' already has the value ${describeValue(current.value)} (${current.quality}) for ${command.period}; send CorrectIndicatorValue with a reason to change it to ${describeValue(command.value)} (${quality}).`,
        );
      }
      if (current === undefined) {
        throw new RuleViolationError(
          'INDICATOR_VALUE_NOT_RECORDED',
          `'${code}' has no value for ${command.period} to correct; record one with RecordIndicatorValue.`,
        );
      }
      if (unchanged) {
        throw new RuleViolationError(
          'INDICATOR_VALUE_UNCHANGED',
          `The ${command.period} value of '${code}' is already ${describeValue(current.value)} (${current.quality}); a correction must change it.`,
        );
      }
      return [
        {
          type: 'IndicatorValueCorrected',
          effectiveOn,
          data: {
            ...entry,
            from: current.value,
            fromQuality: current.quality,
            reason: command.reason,
            ...note,
          },
        },
      ];
    }

    case 'ReportIndicatorStatus': {
      const key = context.statusKeys.require(state.statusKey);
      const status = matchStatus(key, command.status);
      if (status === undefined) {
        throw new RuleViolationError(
          'UNKNOWN_STATUS_VALUE',
          `'${command.status}' is not a value of status key '${key.id}' (${key.values.join(', ')}).`,
        );
      }
      const current = state.statuses[command.period];
      if (
        current !== undefined &&
        current.status === status &&
        current.comment === (command.comment ?? null)
      ) {
        return [];
      }
      return [
        {
          type: 'IndicatorStatusReported',
          effectiveOn,
          data: {
            period: command.period,
            status,
            ...(command.comment === undefined ? {} : { comment: command.comment }),
            ...note,
          },
        },
      ];
    }

    case 'RecordIndicatorComparator': {
      assertValueFits(state, command.value, 'comparator');
      const current = state.comparators[command.period]?.[command.kind];
      if (current !== undefined && current.value === command.value && current.source === command.source)
        return [];
      return [
        {
          type: 'IndicatorComparatorRecorded',
          effectiveOn,
          data: {
            period: command.period,
            kind: command.kind,
            value: command.value,
            source: command.source,
            ...note,
          },
        },
      ];
    }

    case 'CommentOnIndicator': {
      const current = state.comments[command.period ?? ''];
      if (current !== undefined && current.text === command.text) return [];
      return [
        {
          type: 'IndicatorCommented',
          effectiveOn,
          data: {
            ...(command.period === undefined ? {} : { period: command.period }),
            text: command.text,
            ...note,
          },
        },
      ];
    }
  }
}

function assertPeriodKind(state: IndicatorState, label: string, commandType: string): void {
  const kind = parseIndicatorPeriod(label).kind;
  const accepted = ACCEPTED_KINDS[state.frequency];
  if (!accepted.includes(kind)) {
    throw new RuleViolationError(
      'INDICATOR_PERIOD_MISMATCH',
      `${commandType} for '${state.code}' names the ${kind} ${label}, but the indicator is ${state.frequency}: it takes ${accepted.map((k) => `${k}s`).join(' or ')}.`,
    );
  }
}

/** Why a number cannot be a value of this unit, if it cannot. */
function numberProblem(unit: IndicatorUnit, value: number): string | undefined {
  switch (unit) {
    case 'count':
      if (!Number.isInteger(value) || value < 0) return 'a count is a whole number, not negative';
      return undefined;
    case 'days':
      return value < 0 ? 'a number of days is not negative' : undefined;
    case 'percentage':
      return Math.abs(value) > INDICATOR_VALUE_BOUNDS.maxPercentage
        ? `a percentage lies from -${INDICATOR_VALUE_BOUNDS.maxPercentage} to ${INDICATOR_VALUE_BOUNDS.maxPercentage}`
        : undefined;
    case 'money':
    case 'ratio':
      return undefined;
    case 'yesno':
      return 'a yes/no indicator takes true or false';
    default:
      return unit satisfies never;
  }
}

function assertValueFits(state: IndicatorState, value: IndicatorValue, what: 'value' | 'comparator'): void {
  if (value === null) return;
  let problem: string | undefined;
  if (typeof value === 'boolean') {
    problem = state.unit === 'yesno' ? undefined : `a ${state.unit} indicator takes numbers, not yes/no`;
  } else {
    problem = numberProblem(state.unit, value);
  }
  if (problem !== undefined) {
    throw new RuleViolationError(
      'INDICATOR_VALUE_MISMATCH',
      `The ${what} ${String(value)} does not fit '${state.code}' (unit ${state.unit}): ${problem}.`,
    );
  }
}

function assertTargetFits(state: IndicatorState, target: IndicatorTarget | null): void {
  if (target === null) return;
  const refuse = (why: string) => {
    throw new RuleViolationError(
      'INDICATOR_TARGET_MISMATCH',
      `The target ${describeTarget(target)} does not fit '${state.code}' (unit ${state.unit}, polarity ${state.polarity}): ${why}.`,
    );
  };
  const isBand = typeof target === 'object' && 'low' in target;
  if (state.polarity === 'band' && !isBand) refuse('a band indicator takes a band target { low, high }');
  if (state.polarity !== 'band' && isBand) refuse('only a band indicator takes a band target');
  if (state.unit === 'yesno' && typeof target !== 'boolean')
    refuse('a yes/no indicator takes a yes/no target');
  if (typeof target === 'boolean' && state.unit !== 'yesno')
    refuse('only a yes/no indicator takes a yes/no target');
  const numbers = typeof target === 'number' ? [target] : isBand ? [target.low, target.high] : [];
  for (const number of numbers) {
    const problem = numberProblem(state.unit, number);
    if (problem !== undefined) refuse(problem);
  }
}

function sameTarget(a: IndicatorTarget | null, b: IndicatorTarget | null): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if ('direction' in a || 'direction' in b)
    return 'direction' in a && 'direction' in b && a.direction === b.direction;
  return a.low === b.low && a.high === b.high;
}

function sameTolerance(a: IndicatorTolerance, b: IndicatorTolerance): boolean {
  return a.kind === b.kind && a.amber === b.amber;
}

function describeTarget(target: IndicatorTarget | null): string {
  return target === null ? 'none' : formatIndicatorTarget(target);
}

function describeValue(value: IndicatorValue): string {
  return formatIndicatorValue(value) ?? 'missing';
}
