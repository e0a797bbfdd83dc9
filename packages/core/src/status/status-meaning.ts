import type { StatusKey } from './status-key.js';

/**
 * Every {@link StatusMeaning}, in the order reports list them.
 *
 * @example
 * ```ts
 * STATUS_MEANINGS.includes('attention'); // true
 * ```
 */
export const STATUS_MEANINGS = Object.freeze(['attention', 'onTrack', 'decision', 'closes'] as const);

/**
 * What a reported status value asks of the people reading a report:
 *
 * - `attention`: the action is in trouble ("red": Red, Overdue, Behind > 1 quarter) and a
 *   committee's exception list should name it;
 * - `onTrack`: the action is progressing as planned (Green, In Progress);
 * - `decision`: the officer asks the committee to decide something: to close an action that
 *   cannot be delivered (the delivery plan's "To be closed") or to agree a change of timescale;
 * - `closes`: the value closes the action (the key's `completedValue` and `cancelledValue`).
 *
 * A value may have no meaning at all (Amber, "Slightly behind", Warning, Data Only): it is counted
 * but never singled out.
 *
 * @example
 * ```ts
 * const meaning: StatusMeaning = 'decision';
 * ```
 */
export type StatusMeaning = (typeof STATUS_MEANINGS)[number];

/**
 * What `value` means on `key`: the key's completed and cancelled values always mean `closes`;
 * other values mean what the key's `meanings` declare, and `undefined` when it declares nothing
 * for them (or when `value` is null or not a value of the key).
 *
 * @example
 * ```ts
 * statusMeaning(deliveryPlanStatusKey, 'To be closed'); // 'decision'
 * statusMeaning(ragStatusKey, 'Red'); // 'attention'
 * statusMeaning(ragStatusKey, 'Amber'); // undefined: counted, never singled out
 * statusMeaning(ragStatusKey, null); // undefined: not reported
 * ```
 */
export function statusMeaning(key: StatusKey, value: string | null | undefined): StatusMeaning | undefined {
  if (value === null || value === undefined || !key.values.includes(value)) return undefined;
  if (value === key.completedValue || value === key.cancelledValue) return 'closes';
  return key.meanings?.[value];
}

/**
 * The values of `key` that mean `meaning`, in the key's order.
 *
 * @example
 * ```ts
 * valuesMeaning(pentanaStatusKey, 'closes'); // ['Completed', 'Cancelled']
 * valuesMeaning(deliveryPlanStatusKey, 'attention'); // ['Behind > 1 quarter']
 * ```
 */
export function valuesMeaning(key: StatusKey, meaning: StatusMeaning): readonly string[] {
  return key.values.filter((value) => statusMeaning(key, value) === meaning);
}
