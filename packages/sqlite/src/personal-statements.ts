import type Database from 'better-sqlite3';

/** The statements over the side tables of personal data (schema 4). */
export interface PersonalStatements {
  /** Both tables' rows of one position (bound twice), as `PersonalRecordRow` tuples. */
  readonly at: Database.Statement;
  readonly insertText: Database.Statement;
  readonly deleteText: Database.Statement;
  /** Skips an erasure already recorded (a copy carries it, and its event makes it again). */
  readonly insertErasure: Database.Statement;
}

/**
 * Prepares the statements over `personal_data` and `personal_data_erased`. Called on first use,
 * so that a read-only handle on a file before schema 4 (no side tables, no markers) never needs them.
 *
 * @example
 * ```ts
 * const personal = preparePersonalStatements(db);
 * personal.at.raw().all(12, 12);
 * ```
 */
export function preparePersonalStatements(db: Database.Database): PersonalStatements {
  return {
    at: db
      .prepare(
        `SELECT position, field, salt, text, NULL, NULL FROM personal_data WHERE position = ?
         UNION ALL SELECT position, field, NULL, NULL, erased_on, erasure_position FROM personal_data_erased WHERE position = ?`,
      )
      .raw(true),
    insertText: db.prepare('INSERT INTO personal_data (position, field, salt, text) VALUES (?, ?, ?, ?)'),
    deleteText: db.prepare('DELETE FROM personal_data WHERE position = ? AND field = ?'),
    insertErasure: db.prepare(
      'INSERT INTO personal_data_erased (position, field, erased_on, erasure_position) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
  };
}
