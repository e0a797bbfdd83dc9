import {
  type Ledger,
  revealHiddenCharacters,
  UnknownActionError,
  ukFiscalCalendar,
  ValidationError,
} from '@perfledger/core';
import { auditFields, defaultValueOf, isAuditField } from '../audit-field.js';
import { AUDIT_TRAIL_TABLE } from '../audit-trail-table.js';
import { fieldValueReader } from '../field-value-reader.js';
import { resolveTrailPosition } from '../trail-basis.js';
import {
  type ChangeContext,
  explainChange,
  TRAIL_RECORD_COLUMNS,
  type TrailRecord,
} from './explain-change.js';
import type { ExplainOptions } from './explain-options.js';
import type { Explanation, FieldOrigin } from './explanation.js';
import { count, fieldLabels, formatDate, formatInstant, registeredWith, spokenValue } from './plain-words.js';
import { resolvePublications } from './resolve-publications.js';

const DEFAULT_BACKDATED_AFTER_DAYS = 30;
const END_OF_TIME = '9999-12-31';

/**
 * The story of one field of one action (the due date by default), as known at the basis: its
 * value at registration, then every change with who recorded it and when, when it took effect,
 * why, the action's progress and status at that point, whether it was back-dated, and whether it
 * came after a published quarter report it affects. As data (`changes`, values exactly as stored)
 * and as plain sentences (`sentences`, `text`), in which hidden characters such as U+202E are
 * shown as `[U+202E]` markers.
 *
 * @throws UnknownActionError when the action was not registered as known at the basis.
 * @throws ValidationError for bad options.
 * @example
 * ```ts
 * const story = explain(ledger, 'DEM1518_02', {
 *   publications: [{ fy: '2019/20', quarter: 1, publishedAt: '2019-08-05T10:00:00Z' }],
 * });
 * story.sentences[1];
 * // 'On 15 Jul 2019 (recorded 15 Jul 2019 09:30 UTC by j.smith) the due date of DEM1518_02 moved from
 * //  30 Jun 2019 to 31 Dec 2020 (+550 days, 6 quarters), effective 1 Jul 2019. Reason: …'
 * ```
 */
export function explain(ledger: Ledger, code: string, options: ExplainOptions = {}): Explanation {
  const {
    field = 'dueDate',
    calendar = ukFiscalCalendar,
    backdatedAfterDays = DEFAULT_BACKDATED_AFTER_DAYS,
  } = options;
  validate(code, field, backdatedAfterDays);
  const publications = resolvePublications(options.publications, calendar);
  const position = resolveTrailPosition(ledger, options.basis);
  const db = ledger.store.database;
  const valueAt = fieldValueReader(db);

  const registration = db
    .prepare(
      `SELECT ${TRAIL_RECORD_COLUMNS} FROM ${AUDIT_TRAIL_TABLE}
       WHERE code = ? AND field = 'title' AND event_type = 'ActionRegistered' AND position <= ?
       ORDER BY position LIMIT 1`,
    )
    .get(code, position) as TrailRecord | undefined;
  if (registration === undefined) throw new UnknownActionError(code);
  const ownRow = db
    .prepare(`SELECT after FROM ${AUDIT_TRAIL_TABLE} WHERE position = ? AND field = ?`)
    .get(registration.position, field) as { after: string | null } | undefined;
  const origin: FieldOrigin = Object.freeze({
    position: registration.position,
    recordedAt: registration.recordedAt,
    effectiveOn: registration.effectiveOn,
    actor: registration.actor,
    eventId: registration.eventId,
    value: ownRow === undefined ? defaultValueOf(field) : ownRow.after,
  });

  const records = db
    .prepare(
      `SELECT ${TRAIL_RECORD_COLUMNS} FROM ${AUDIT_TRAIL_TABLE}
       WHERE code = ? AND field = ? AND position <= ? AND position <> ? ORDER BY position`,
    )
    .all(code, field, position, registration.position) as TrailRecord[];

  const context: ChangeContext = { code, field, calendar, backdatedAfterDays, publications, valueAt };
  const changes = records.map((record) => explainChange(record, context));

  const current = valueAt(code, field, END_OF_TIME, position);
  const by = origin.actor === null ? '' : ` by ${origin.actor}`;
  // Sentences are rendered text: hidden characters in stored values are shown as markers (each
  // change's sentence already shows them; see change-sentence.ts).
  const sentences = [
    revealHiddenCharacters(
      `${code} was registered on ${formatDate(origin.effectiveOn)} (recorded ${formatInstant(origin.recordedAt)}${by}) ${registeredWith(field, origin.value)}.`,
    ),
    ...changes.map((change) => change.sentence),
    revealHiddenCharacters(
      changes.length === 0
        ? `The ${fieldLabels[field]} of ${code} has not changed since registration.`
        : `In all, the ${fieldLabels[field]} of ${code} changed ${count(changes.length, 'time')} after registration; ${options.basis?.knownAt === undefined ? 'it is now' : `as known at position ${position} it was`} ${spokenValue(field, current)}.`,
    ),
  ];
  return Object.freeze({
    code,
    field,
    position,
    origin,
    changes: Object.freeze(changes),
    current,
    sentences: Object.freeze(sentences),
    text: sentences.join('\n'),
  });
}

function validate(code: unknown, field: unknown, backdatedAfterDays: unknown): void {
  const issues: { path: string[]; message: string }[] = [];
  if (typeof code !== 'string' || code.length === 0)
    issues.push({ path: ['code'], message: 'must be an action code' });
  if (!isAuditField(field))
    issues.push({ path: ['field'], message: `must be one of ${auditFields.join(', ')}` });
  if (
    typeof backdatedAfterDays !== 'number' ||
    !Number.isSafeInteger(backdatedAfterDays) ||
    backdatedAfterDays < 0
  ) {
    issues.push({ path: ['backdatedAfterDays'], message: 'must be a whole number of days, 0 or more' });
  }
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ValidationError(`Invalid explain options: ${summary}`, issues);
  }
}
