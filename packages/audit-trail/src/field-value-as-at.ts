import { type AuditField, defaultValueOf } from './audit-field.js';

/** Where one recorded change of an action sits on both axes. */
export interface FieldEntry {
  readonly position: number;
  readonly effectiveOn: string;
}

/** How {@link fieldValueAsAt} reads an entry: is it a registration, and what does it set the field to. */
export interface FieldReading<TEntry> {
  /** True for an `ActionRegistered` entry. */
  isRegistration(entry: TEntry): boolean;
  /** The value the entry sets the field to, or `undefined` when it does not set it. */
  valueOf(entry: TEntry): string | null | undefined;
}

/**
 * A field's value as at a business date, from an action's recorded changes, folded the way
 * core's `foldAction` folds events: in (effective date, position) order, with anything ordered
 * before the latest registration ignored (a registration starts a fresh state) and nothing at
 * all before the first one. So the answer equals
 * `foldAction(events, asAt)[field]` in the table's TEXT encoding, and null when the action is
 * not registered as at `asAt`.
 *
 * `entries` must be in position order and hold only what is known (stop at the position asked
 * about); `reading` says how to read each one.
 *
 * @example
 * ```ts
 * const value = fieldValueAsAt(history, 'dueDate', '2019-12-31', {
 *   isRegistration: (fact) => fact.type === 'ActionRegistered',
 *   valueOf: (fact) => changedValue(fact, 'dueDate'),
 * });
 * ```
 */
export function fieldValueAsAt<TEntry extends FieldEntry>(
  entries: Iterable<TEntry>,
  field: AuditField,
  asAt: string,
  reading: FieldReading<TEntry>,
): string | null {
  let registered: FieldEntry | undefined;
  let latest: FieldEntry | undefined;
  let latestValue: string | null = null;
  for (const entry of entries) {
    if (entry.effectiveOn > asAt) continue;
    // In position order, a later entry with an equal or later effective date comes after in
    // (effective date, position) order: it wins.
    if (
      reading.isRegistration(entry) &&
      (registered === undefined || entry.effectiveOn >= registered.effectiveOn)
    ) {
      registered = entry;
    }
    const value = reading.valueOf(entry);
    if (value !== undefined && (latest === undefined || entry.effectiveOn >= latest.effectiveOn)) {
      latest = entry;
      latestValue = value;
    }
  }
  if (registered === undefined) return null;
  if (latest === undefined || isBefore(latest, registered)) return defaultValueOf(field);
  return latestValue;
}

function isBefore(a: FieldEntry, b: FieldEntry): boolean {
  return a.effectiveOn === b.effectiveOn ? a.position < b.position : a.effectiveOn < b.effectiveOn;
}
