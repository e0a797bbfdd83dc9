import type { StatusCount } from './committee-report-input.js';

/**
 * The indicators section of a committee report, already decided and formatted: the renderer
 * prints it and computes nothing but the sparkline's geometry.
 *
 * @example
 * ```ts
 * const section: IndicatorSectionInput = {
 *   period: '2019/20 Q1',
 *   counts: [{ status: 'Satisfactory', count: 20 }, { status: 'Alert', count: 4 }],
 *   items: [],
 *   disagreements: [],
 * };
 * ```
 */
export interface IndicatorSectionInput {
  /** The period the values are for: "2019/20 Q1". */
  readonly period: string;
  /** Indicators by derived status (from the figures and the tolerance in force), in print order. */
  readonly counts: readonly StatusCount[];
  readonly items: readonly IndicatorSectionItem[];
  /** Codes of the items whose reported status contradicts the figures, in print order. */
  readonly disagreements: readonly string[];
}

/**
 * One indicator as the section prints it. Figures are text as the report should print them
 * ("9.3", "31.0%", "£20m"); null prints as an em dash.
 *
 * @example
 * ```ts
 * const item: IndicatorSectionItem = {
 *   code: 'BV12', title: 'Working Days Lost Due to Sickness Absence', polarity: 'lower',
 *   value: '9.3', target: '7.5', previous: '8.7', direction: 'worsening', targetMet: false,
 *   status: 'Alert', derivedStatus: 'Red', note: '*July 2019 figure',
 *   trend: [{ period: '2017/18', value: 13.6 }, { period: '2018/19', value: 8.7 }, { period: '2019/20 Q1', value: 9.3 }],
 * };
 * ```
 */
export interface IndicatorSectionItem {
  readonly code: string;
  readonly title: string;
  readonly polarity: 'higher' | 'lower' | 'band';
  readonly value: string | null;
  readonly target: string | null;
  readonly previous: string | null;
  /** Direction of travel against the previous period; null when there is no previous value. */
  readonly direction: 'improving' | 'worsening' | 'unchanged' | null;
  /** Whether the target is met; null when there is no numeric or directional target. */
  readonly targetMet: boolean | null;
  /** The officer's reported status. */
  readonly status: string | null;
  /** The status derived from the figures and the tolerance in force. */
  readonly derivedStatus: string | null;
  readonly note?: string | null;
  /** The values of the periods up to this one, oldest first, for the sparkline; null is a gap. */
  readonly trend: readonly { readonly period: string; readonly value: number | null }[];
}
