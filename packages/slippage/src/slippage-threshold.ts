/**
 * When an action counts as "behind schedule": its current due date is at least `quarters`
 * fiscal quarters after the original (the delivery-plan "> 1 quarter behind" rule), or at
 * least `days` calendar days after it (for councils that say "> 3 months").
 *
 * @example
 * ```ts
 * const oneQuarter: SlippageThreshold = { quarters: 1 };
 * const overThreeMonths: SlippageThreshold = { days: 92 };
 * ```
 */
export type SlippageThreshold = { readonly quarters: number } | { readonly days: number };

/**
 * The default threshold: one fiscal quarter, the delivery-plan "> 1 quarter behind" rule.
 *
 * @example
 * ```ts
 * isBehind(action, DEFAULT_SLIPPAGE_THRESHOLD);
 * ```
 */
export const DEFAULT_SLIPPAGE_THRESHOLD: SlippageThreshold = Object.freeze({ quarters: 1 });

/**
 * True when an action with this net slippage is behind by at least the threshold.
 *
 * @example
 * ```ts
 * isBehind({ daysSlipped: 1, quartersSlipped: 1 }, { quarters: 1 }); // true: 30 Jun → 1 Jul crosses a quarter end
 * isBehind({ daysSlipped: 1, quartersSlipped: 1 }, { days: 92 }); // false
 * ```
 */
export function isBehind(
  slipped: { readonly daysSlipped: number; readonly quartersSlipped: number },
  threshold: SlippageThreshold,
): boolean {
  return 'days' in threshold
    ? slipped.daysSlipped >= threshold.days
    : slipped.quartersSlipped >= threshold.quarters;
}
