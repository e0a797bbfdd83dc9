import type { HashedFields } from '../chain/canonical-envelope.js';
import {
  markerDigest,
  type PersonalErasure,
  type PersonalRecords,
  personalDigest,
} from './personal-marker.js';

/**
 * A stored row with the side-table records an engine read for it.
 *
 * @example
 * ```ts
 * const row: RowWithPersonal = { ...chainRow, personal: { texts, erasures: [] } };
 * ```
 */
export interface RowWithPersonal extends HashedFields {
  readonly personal?: PersonalRecords | undefined;
}

/**
 * A problem with a row's personal data: the position to blame and what is wrong.
 *
 * @example
 * ```ts
 * const problem: PersonalDataProblem = { position: 12, message: "the text of 'comment' is missing" };
 * ```
 */
export interface PersonalDataProblem {
  readonly position: number;
  readonly message: string;
}

/**
 * Checks, as a chain walk reads rows in position order, that the side tables agree with the
 * chain: each marker in a row's hashed data has its text (and SHA-256(salt ‖ text) is the
 * marker's digest) or an erasure, and
 * every erasure is backed by the `PersonalDataErased` event it names (a later row of the walk,
 * naming the event and the field, recorded on the erasure's date). Rows an engine read without
 * their records (`personal` undefined) are not checked here: the read path checks them. Memory
 * holds only the erasures whose events the walk has not reached.
 *
 * @example
 * ```ts
 * const tracker = new PersonalDataTracker();
 * const problem = tracker.push(row); // undefined when the row's personal data agrees with the chain
 * ```
 */
export class PersonalDataTracker {
  /** Erasures awaiting their event, by the event's position. */
  readonly #awaiting = new Map<number, { target: number; erasure: PersonalErasure }[]>();

  /** Checks one row (after the chain checks passed); returns the first problem, if any. */
  push(row: RowWithPersonal): PersonalDataProblem | undefined {
    const awaited = this.#awaiting.get(row.position);
    if (awaited !== undefined) {
      this.#awaiting.delete(row.position);
      const problem = erasureProblem(row, awaited);
      if (problem !== undefined) return problem;
    }
    const records = row.personal;
    if (records === undefined) return undefined;
    const fail = (message: string): PersonalDataProblem => ({ position: row.position, message });
    let data: unknown;
    try {
      data = JSON.parse(row.dataJson);
    } catch {
      return fail('its data is not JSON');
    }
    const markers = new Map<string, string>();
    if (typeof data === 'object' && data !== null) {
      for (const [field, value] of Object.entries(data)) {
        const digest = markerDigest(value);
        if (digest !== undefined) markers.set(field, digest);
      }
    }
    // Records for a field the event does not seal are never read: they do not matter here.
    for (const [field, digest] of markers) {
      const text = records.texts.find((candidate) => candidate.field === field);
      if (text !== undefined) {
        if (personalDigest(text.salt, text.text) !== digest)
          return fail(
            `the text of '${field}' does not match the digest in its hashed data (personal_data was altered)`,
          );
        continue;
      }
      const erasure = records.erasures.find((candidate) => candidate.field === field);
      if (erasure === undefined)
        return fail(
          `the text of '${field}' is missing and no erasure of it is recorded (a personal_data row was deleted outside perfledger)`,
        );
      if (!(erasure.erasurePosition > row.position))
        return fail(`the erasure of '${field}' names position ${erasure.erasurePosition}, not a later event`);
      const list = this.#awaiting.get(erasure.erasurePosition) ?? [];
      list.push({ target: row.position, erasure });
      this.#awaiting.set(erasure.erasurePosition, list);
    }
    return undefined;
  }
}

function erasureProblem(
  row: HashedFields,
  awaited: readonly { target: number; erasure: PersonalErasure }[],
): PersonalDataProblem | undefined {
  let data: { position?: unknown; fields?: unknown } = {};
  try {
    data = row.type === 'PersonalDataErased' ? (JSON.parse(row.dataJson) as typeof data) : {};
  } catch {
    // Not an erasure: every awaited erasure fails below.
  }
  for (const { target, erasure } of awaited) {
    const backed =
      data.position === target &&
      Array.isArray(data.fields) &&
      data.fields.includes(erasure.field) &&
      row.recordedAt.slice(0, 10) === erasure.erasedOn;
    if (!backed) {
      return {
        position: target,
        message: `the erasure of '${erasure.field}' recorded in personal_data_erased is not the PersonalDataErased event at position ${erasure.erasurePosition} (the text was removed outside perfledger)`,
      };
    }
  }
  return undefined;
}
