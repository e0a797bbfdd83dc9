import {
  formatIndicatorFieldValue,
  formatIndicatorValue,
  type IndicatorEvent,
  indicatorFieldChangesOf,
} from './indicator-field-changes.js';

const PREVIEW = 80;

function preview(text: string): string {
  return text.length <= PREVIEW ? text : `${text.slice(0, PREVIEW - 1)}…`;
}

/**
 * A short, plain-English line saying what an indicator event recorded, for restatement lists,
 * audit screens and explanations.
 *
 * @example
 * ```ts
 * describeIndicatorEvent({ type: 'IndicatorValueCorrected', data: { period: '2019/20 Q1', from: 9.3, fromQuality: 'final', value: 9.1, quality: 'final', reason: 'Payroll revised' } });
 * // '2019/20 Q1 value corrected from 9.3 to 9.1 (Payroll revised)'
 * ```
 */
export function describeIndicatorEvent(event: IndicatorEvent): string {
  switch (event.type) {
    case 'IndicatorRegistered':
      return `indicator registered "${event.data.title}" in ${event.data.plan} (${event.data.unit}, ${event.data.polarity} is better, ${event.data.frequency})`;
    case 'IndicatorDetailsAmended':
      return indicatorFieldChangesOf(event)
        .map((change) => `${change.field} set to "${preview(formatIndicatorFieldValue(change) ?? '')}"`)
        .join('; ');
    case 'IndicatorTargetSet': {
      const [change] = indicatorFieldChangesOf(event);
      const to = change === undefined ? null : formatIndicatorFieldValue(change);
      const target = to ?? 'none';
      if (event.data.from === undefined) return `${event.data.period} target set to ${target}`;
      const from =
        event.data.from === null
          ? 'none'
          : formatIndicatorFieldValue({ field: 'target', period: event.data.period, value: event.data.from });
      return `${event.data.period} target revised from ${from} to ${target} (${event.data.reason ?? ''})`;
    }
    case 'IndicatorToleranceSet': {
      const [change] = indicatorFieldChangesOf(event);
      return `tolerance set to ${change === undefined ? '' : formatIndicatorFieldValue(change)}`;
    }
    case 'IndicatorValueRecorded':
      return event.data.value === null
        ? `${event.data.period} value missing${event.data.missingReason === undefined ? '' : ` (${event.data.missingReason})`}`
        : `${event.data.period} value ${formatIndicatorValue(event.data.value)} recorded (${event.data.quality})`;
    case 'IndicatorValueCorrected':
      return `${event.data.period} value corrected from ${formatIndicatorValue(event.data.from) ?? 'missing'} to ${formatIndicatorValue(event.data.value) ?? 'missing'} (${event.data.reason})`;
    case 'IndicatorStatusReported':
      return `${event.data.period} status reported as ${event.data.status}`;
    case 'IndicatorComparatorRecorded':
      return `${event.data.period} ${event.data.kind} comparator ${event.data.value} (${event.data.source})`;
    case 'IndicatorCommented':
      return `${event.data.period === undefined ? '' : `${event.data.period} `}comment added: "${preview(event.data.text)}"`;
    default:
      return (event satisfies never as IndicatorEvent).type;
  }
}
