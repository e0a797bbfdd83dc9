import {
  assertOptions,
  type Ledger,
  revealHiddenCharacters,
  UnknownActionError,
  ukFiscalCalendar,
  ValidationError,
} from '@perfledger/core';
import { auditFields, defaultValueOf, isAuditField } from '../audit-field.js';
import { trailPosition } from '../trail-position.js';
import { readActionTrail } from './action-trail.js';
import { type ChangeContext, explainChange } from './explain-change.js';
import { EXPLAIN_OPTION_KEYS, type ExplainOptions } from './explain-options.js';
import type { Explanation, FieldOrigin } from './explanation.js';
import { count, fieldLabels, formatDate, formatInstant, registeredWith, spokenValue } from './plain-words.js';
import { mergePublications, publicationsInLedger, resolvePublications } from './resolve-publications.js';

const DEFAULT_BACKDATED_AFTER_DAYS = 30;
const END_OF_TIME = '9999-12-31';

/**
 * The story of one field of one action (the due date by default), as known at `knownAt`: its
 * value at registration, then every change with who recorded it and when, when it took effect,
 * why, the action's progress and status at that point, whether it was back-dated, and whether it
 * came after a published quarter report it affects: the ledger's own `ReportPublished` events
 * (as known at `knownAt`) always, and any `publications` a caller adds. As data (`changes`, values exactly as stored)
 * and as plain sentences (`sentences`, `text`), in which hidden characters such as U+202E are
 * shown as `[U+202E]` markers.
 *
 * It reads the action's rows of the `audit_trail` table with one query and works out the state
 * at each change in memory.
 *
 * @throws UnknownActionError when the action was not registered as known at `knownAt`.
 * @throws ValidationError for bad options, naming an unknown or misplaced key.
 * @throws ProjectionNotReadyError when the audit projection is not ready for the point asked about.
 * @example
 * ```ts
 * const story = await explain(ledger, 'DEM1518_02', {
 *   publications: [{ fy: '2019/20', quarter: 1, publishedAt: '2019-08-05T10:00:00Z' }],
 * });
 * story.sentences[1];
 * // 'On 15 Jul 2019 (recorded 15 Jul 2019 09:30 UTC by j.smith) the due date of DEM1518_02 moved from
 * //  30 Jun 2019 to 31 Dec 2020 (+550 days, 6 quarters), effective 1 Jul 2019. Reason: …'
 * ```
 */
export async function explain(
  ledger: Ledger,
  code: string,
  options: ExplainOptions = {},
): Promise<Explanation> {
  assertOptions(options, EXPLAIN_OPTION_KEYS, 'explain options');
  const {
    field = 'dueDate',
    calendar = ukFiscalCalendar,
    backdatedAfterDays = DEFAULT_BACKDATED_AFTER_DAYS,
  } = options;
  validate(code, field, backdatedAfterDays);
  const given = resolvePublications(options.publications, calendar);
  const position = await trailPosition(ledger, options.knownAt);
  // The ledger's own ReportPublished events (as known at the same point), without being asked.
  const publications = mergePublications(given, await publicationsInLedger(ledger, position, calendar));
  const { records: rows, valueAt } = await readActionTrail(ledger, code, position);

  // Registration always names a title, so its title row marks the (first) registration.
  const registration = rows.find((row) => row.field === 'title' && row.eventType === 'ActionRegistered');
  if (registration === undefined) throw new UnknownActionError(code);
  const ownRow = rows.find((row) => row.position === registration.position && row.field === field);
  const origin: FieldOrigin = Object.freeze({
    position: registration.position,
    recordedAt: registration.recordedAt,
    effectiveOn: registration.effectiveOn,
    actor: registration.actor,
    eventId: registration.eventId,
    value: ownRow === undefined ? defaultValueOf(field) : ownRow.after,
  });

  // A return that restated the field unchanged (Q2 saying "Behind > 1 quarter" again, or the
  // statement that follows the change it came with) is no change of the field.
  const records = rows.filter(
    (row) =>
      row.field === field &&
      row.position !== registration.position &&
      !(row.eventType === 'ReturnStated' && row.before === row.after),
  );

  const context: ChangeContext = {
    code,
    field,
    calendar,
    backdatedAfterDays,
    publications,
    valueAt,
    trail: rows,
  };
  const changes = records.map((record) => explainChange(record, context));

  const current = valueAt(field, END_OF_TIME, position);
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
        : `In all, the ${fieldLabels[field]} of ${code} changed ${count(changes.length, 'time')} after registration; ${options.knownAt === undefined ? 'it is now' : `as known at position ${position} it was`} ${spokenValue(field, current)}.`,
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
