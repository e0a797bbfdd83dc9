import type { PersonalRecords } from './personal-marker.js';

/**
 * A row an engine is about to write, with the personal data that goes beside it.
 *
 * @example
 * ```ts
 * const row: RowForPersonalWrites = { position: 12, type: 'CommentAdded', dataJson, recordedAt, personal: { texts, erasures: [] } };
 * ```
 */
export interface RowForPersonalWrites {
  readonly position: number;
  readonly type: string;
  readonly dataJson: string;
  readonly recordedAt: string;
  readonly personal?: PersonalRecords | undefined;
}

/**
 * What an engine writes to its side tables with a batch of rows, in the rows' transaction:
 * the texts to insert into `personal_data`, the erasures to insert into `personal_data_erased`
 * (carried by copied rows, and made by each `PersonalDataErased` row), and the `personal_data`
 * rows those erasures delete. Worked out once here, so every engine writes the same.
 *
 * @example
 * ```ts
 * const writes = personalWrites(rows);
 * for (const t of writes.texts) insertText.run(t.position, t.field, t.salt, t.text);
 * ```
 */
export interface PersonalWrites {
  readonly texts: readonly { position: number; field: string; salt: string; text: string }[];
  readonly erasures: readonly {
    position: number;
    field: string;
    erasedOn: string;
    erasurePosition: number;
  }[];
  readonly deletes: readonly { position: number; field: string }[];
}

/**
 * The side-table writes of a batch of rows (see {@link PersonalWrites}); empty lists when the
 * batch has no personal data, which is the engines' fast path.
 *
 * @example
 * ```ts
 * const { texts, erasures, deletes } = personalWrites(rows);
 * ```
 */
export function personalWrites(rows: readonly RowForPersonalWrites[]): PersonalWrites {
  const texts: { position: number; field: string; salt: string; text: string }[] = [];
  const erasures: { position: number; field: string; erasedOn: string; erasurePosition: number }[] = [];
  const deletes: { position: number; field: string }[] = [];
  for (const row of rows) {
    for (const text of row.personal?.texts ?? []) texts.push({ position: row.position, ...text });
    for (const erasure of row.personal?.erasures ?? []) erasures.push({ position: row.position, ...erasure });
    if (row.type !== 'PersonalDataErased') continue;
    const data = JSON.parse(row.dataJson) as { position?: unknown; fields?: unknown };
    if (!Number.isSafeInteger(data.position) || !Array.isArray(data.fields)) continue;
    for (const field of data.fields) {
      if (typeof field !== 'string') continue;
      const position = data.position as number;
      // An erasure in the same batch as its target (a copy) removes the text about to be written.
      const index = texts.findIndex((text) => text.position === position && text.field === field);
      if (index >= 0) texts.splice(index, 1);
      deletes.push({ position, field });
      erasures.push({
        position,
        field,
        erasedOn: row.recordedAt.slice(0, 10),
        erasurePosition: row.position,
      });
    }
  }
  return { texts, erasures, deletes };
}

/**
 * True when {@link personalWrites} found nothing to write.
 *
 * @example
 * ```ts
 * if (!isEmptyWrites(writes)) writeSideTables(writes);
 * ```
 */
export function isEmptyWrites(writes: PersonalWrites): boolean {
  return writes.texts.length === 0 && writes.erasures.length === 0 && writes.deletes.length === 0;
}
