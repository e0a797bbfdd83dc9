/**
 * The fields of an action the audit trail follows, in the order rows of one event are listed.
 * `closed` holds the closure outcome (`completed` or `cancelled`) or `open`; `comment` the latest
 * commentary.
 *
 * @example
 * ```ts
 * auditFields.includes('dueDate'); // true
 * ```
 */
export const auditFields = Object.freeze([
  'title',
  'description',
  'plan',
  'directorate',
  'section',
  'owner',
  'statusKey',
  'dueDate',
  'percentComplete',
  'status',
  'closed',
  'comment',
] as const);

/**
 * One followed field of an action, such as `'dueDate'`.
 *
 * @example
 * ```ts
 * const field: AuditField = 'percentComplete';
 * ```
 */
export type AuditField = (typeof auditFields)[number];

/**
 * True when `value` names a followed field.
 *
 * @example
 * ```ts
 * isAuditField('dueDate'); // true
 * isAuditField('due_date'); // false
 * ```
 */
export function isAuditField(value: unknown): value is AuditField {
  return typeof value === 'string' && (auditFields as readonly string[]).includes(value);
}

/**
 * The value a field has on a registered action before any event has set it, in the table's
 * TEXT encoding: registration leaves progress at 0 and the action open, and everything else it
 * does not name empty.
 *
 * @example
 * ```ts
 * defaultValueOf('percentComplete'); // null: unknown until reported, never 0
 * defaultValueOf('owner'); // null
 * ```
 */
export function defaultValueOf(field: AuditField): string | null {
  if (field === 'closed') return 'open';
  return null;
}
