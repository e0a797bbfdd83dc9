import {
  assertOptions,
  compareIndicatorPeriods,
  formatIndicatorTarget,
  formatIndicatorTolerance,
  formatIndicatorValue,
  type IndicatorTarget,
  type KnownAt,
  type Ledger,
  parseIndicatorPeriod,
  revealHiddenCharacters,
  UnknownIndicatorError,
  ValidationError,
} from '@perfledger/core';
import {
  type IndicatorItem,
  indicatorItemOf,
  type PositionedEvent,
  readIndicatorFacts,
  requireIndicatorProjection,
  resolveIndicatorBasis,
} from '@perfledger/indicators';
import { formatDate, formatInstant } from './plain-words.js';

/**
 * Which period to explain (the latest period with a value when omitted), as known when.
 *
 * @example
 * ```ts
 * const options: IndicatorExplainOptions = { period: '2019/20 Q1', knownAt: '2019-08-05T10:00:00Z' };
 * ```
 */
export interface IndicatorExplainOptions {
  readonly period?: string;
  readonly knownAt?: KnownAt;
}

/**
 * One recorded fact an indicator explanation rests on: what it was, who recorded it and when.
 *
 * @example
 * ```ts
 * const fact: IndicatorExplainedFact = { kind: 'value', position: 12, recordedAt: '2019-07-20T09:00:03.000000Z', effectiveOn: '2019-06-30', actor: 'performance.officer', eventType: 'IndicatorValueRecorded', sentence: '…' };
 * ```
 */
export interface IndicatorExplainedFact {
  readonly kind: 'value' | 'correction' | 'target' | 'tolerance' | 'status';
  readonly position: number;
  readonly recordedAt: string;
  readonly effectiveOn: string;
  readonly actor: string | null;
  readonly eventType: string;
  readonly sentence: string;
}

/**
 * Why an indicator has the status it has for a period: the line itself (value, target,
 * tolerance in force, derived and reported status), every fact it rests on with who recorded
 * it and when, and the story in plain sentences.
 *
 * @example
 * ```ts
 * const why: IndicatorExplanation = await explainIndicator(ledger, 'BV12', { period: '2019/20 Q1' });
 * why.text;
 * ```
 */
export interface IndicatorExplanation {
  readonly kind: 'indicator';
  readonly code: string;
  readonly period: string;
  readonly position: number;
  readonly item: IndicatorItem;
  readonly facts: readonly IndicatorExplainedFact[];
  readonly sentences: readonly string[];
  readonly text: string;
}

const recorded = (event: PositionedEvent) =>
  `recorded ${formatInstant(event.recordedAt)}${event.actor === null ? '' : ` by ${event.actor}`}`;

const target = (value: IndicatorTarget | null) => (value === null ? 'none' : formatIndicatorTarget(value));
const figure = (value: Parameters<typeof formatIndicatorValue>[0]) =>
  formatIndicatorValue(value) ?? 'missing';

/**
 * Answers "why is BV12 Red this quarter?": the value for the period (and any correction, with
 * the first value kept), the target and who set or revised it, the tolerance in force for the
 * period and since when, how the derived status follows from them, and the officer's reported
 * status with any disagreement. Reads the `indicators` projection, as known at `knownAt`.
 * The code is matched ignoring case.
 *
 * @throws UnknownIndicatorError when no such indicator was registered as known then.
 * @throws ValidationError for a bad period or option.
 * @example
 * ```ts
 * const why = await explainIndicator(ledger, 'BV12', { period: '2019/20 Q1' });
 * why.sentences[0]; // 'BV12 (Working Days Lost…) is Red for 2019/20 Q1: 9.3 against a target of 7.5 (lower is better).'
 * ```
 */
export async function explainIndicator(
  ledger: Ledger,
  code: string,
  options: IndicatorExplainOptions = {},
): Promise<IndicatorExplanation> {
  assertOptions(options, ['period', 'knownAt'], 'explainIndicator options');
  if (typeof code !== 'string' || code.trim() === '') {
    throw new ValidationError('explainIndicator needs an indicator code.', [
      { path: ['code'], message: 'must be a code' },
    ]);
  }
  const basis = await resolveIndicatorBasis(ledger, options.knownAt);
  await requireIndicatorProjection(ledger, basis.position);
  const wanted = code.trim().toUpperCase();
  const found = [...(await readIndicatorFacts(ledger, basis.position)).values()].find(
    ({ state }) => state.code.toUpperCase() === wanted,
  );
  if (found === undefined) throw new UnknownIndicatorError(code);
  const { state, events } = found;
  const latest = Object.keys(state.values).map(parseIndicatorPeriod).sort(compareIndicatorPeriods).at(-1);
  const period = options.period === undefined ? latest : parseIndicatorPeriod(options.period);
  if (period === undefined) {
    const message = `${state.code} has no value yet: name the period to explain`;
    throw new ValidationError(`explainIndicator: ${message}.`, [{ path: ['period'], message }]);
  }
  const item = indicatorItemOf(state, period, ledger.statusKeys.get(state.statusKey));
  const facts: IndicatorExplainedFact[] = [];
  const add = (kind: IndicatorExplainedFact['kind'], event: PositionedEvent, sentence: string) =>
    facts.push({
      kind,
      position: event.position,
      recordedAt: event.recordedAt,
      effectiveOn: event.effectiveOn,
      actor: event.actor,
      eventType: event.type,
      sentence: revealHiddenCharacters(sentence),
    });

  for (const event of events) {
    if (event.type === 'IndicatorValueRecorded' && event.data.period === period.label) {
      const d = event.data;
      add(
        'value',
        event,
        `The ${period.label} value ${d.value === null ? `was recorded as missing${d.missingReason === undefined ? '' : ` (${d.missingReason})`}` : `${figure(d.value)} (${d.quality}) was recorded`}, ${recorded(event)}${d.footnote === undefined ? '' : `, footnote "${d.footnote}"`}.`,
      );
    } else if (event.type === 'IndicatorValueCorrected' && event.data.period === period.label) {
      const d = event.data;
      add(
        'correction',
        event,
        `It was corrected from ${figure(d.from)} to ${figure(d.value)} (${d.quality}), ${recorded(event)}. Reason: ${d.reason}.`,
      );
    } else if (event.type === 'IndicatorTargetSet' && event.data.period === item.targetPeriod) {
      const d = event.data;
      const approver = d.approver === undefined ? '' : `, approved by ${d.approver}`;
      add(
        'target',
        event,
        d.from === undefined
          ? `The ${d.period} target ${target(d.target)} was set, ${recorded(event)}${approver}.`
          : `The ${d.period} target was revised from ${target(d.from)} to ${target(d.target)}, ${recorded(event)}${approver}. Reason: ${d.reason ?? ''}.`,
      );
    } else if (
      event.type === 'IndicatorToleranceSet' &&
      item.toleranceFrom !== null &&
      event.effectiveOn <= period.end
    ) {
      const d = event.data;
      add(
        'tolerance',
        event,
        `The tolerance ${formatIndicatorTolerance(d.tolerance)} was set in force from ${formatDate(event.effectiveOn)}${d.from === undefined ? '' : ` (replacing ${formatIndicatorTolerance(d.from)})`}, ${recorded(event)}${d.reason === undefined ? '' : `. Reason: ${d.reason}`}.`,
      );
    } else if (event.type === 'IndicatorStatusReported' && event.data.period === period.label) {
      add(
        'status',
        event,
        `The officer reported ${event.data.status} for ${period.label}, ${recorded(event)}${event.data.comment === undefined ? '' : `: "${event.data.comment}"`}.`,
      );
    }
  }

  const polarity = item.polarity === 'band' ? 'within the band' : `${item.polarity} is better`;
  const shown = item.derivedStatus ?? 'not assessed';
  const sentences = [
    revealHiddenCharacters(
      `${item.code} (${item.title}) is ${shown} for ${period.label} by the figures: ${figure(item.value)} against ${item.target === null ? 'no target' : `a target of ${target(item.target)}${item.targetPeriod !== period.label ? ` (set for ${item.targetPeriod})` : ''}`} (${polarity}).`,
    ),
    ...facts.map((fact) => fact.sentence),
    verdict(item),
  ];
  if (item.status !== null && item.derivedStatus !== null && item.status !== item.derivedStatus) {
    sentences.push(
      `The reported status ${item.status} differs from the ${item.derivedStatus} the figures give.`,
    );
  }
  return Object.freeze({
    kind: 'indicator' as const,
    code: item.code,
    period: period.label,
    position: basis.position,
    item,
    facts: Object.freeze(facts),
    sentences: Object.freeze(sentences),
    text: sentences.join('\n'),
  });
}

function verdict(item: IndicatorItem): string {
  if (item.value === null) return 'There is no value for the period, so the figures give no rating.';
  if (item.target === null) return 'There is no target for the period, so the figures give no rating.';
  if (item.targetMet === null)
    return 'There is no previous value to compare a direction target with, so the figures give no rating.';
  if (item.targetMet)
    return `The target is met, so the figures give ${item.derivedStatus ?? 'no word of the status key'}.`;
  const tolerance =
    item.tolerance === null
      ? 'no tolerance is in force, so any miss counts in full'
      : `the tolerance in force from ${formatDate(item.toleranceFrom ?? '')} is ${formatIndicatorTolerance(item.tolerance)}`;
  const within = item.rating === 'near' ? 'within it' : 'beyond it';
  return `The target is missed; ${tolerance}${item.tolerance === null ? '' : `, and the miss is ${within}`}: ${item.derivedStatus ?? 'no word of the status key'}.`;
}
