import { EVENT_COLUMNS } from '@perfledger/core/internal';
import type Database from 'better-sqlite3';

const COLUMNS = EVENT_COLUMNS;

/** The statements of the store, prepared once per connection. */
export type Statements = Readonly<Record<StatementName, Database.Statement>>;

/** The names of the store's statements. */
export type StatementName =
  | 'insert'
  | 'headGet'
  | 'headSet'
  | 'streamVersion'
  | 'idempotencyGet'
  | 'readFacts'
  | 'readStream'
  | 'readAll'
  | 'readRange'
  | 'readEffective'
  | 'nextStream'
  | 'streamIgnoringCase'
  | 'positionAt'
  | 'origin'
  | 'hashAt'
  | 'metaGet'
  | 'metaPut'
  | 'schemaStamp'
  | 'checkpointGet'
  | 'checkpointAll'
  | 'checkpointPut';

/**
 * Prepares every statement the store runs more than once. Row reads are raw (tuples in
 * {@link EVENT_COLUMNS} order): building an object per row costs more than the read.
 *
 * @example
 * ```ts
 * const statements = prepareStatements(db);
 * statements.headGet.get();
 * ```
 */
export function prepareStatements(db: Database.Database): Statements {
  return {
    insert: db.prepare(
      `INSERT INTO events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    headGet: db.prepare('SELECT position, hash, recorded_at FROM ledger_head WHERE id = 1'),
    headSet: db.prepare('UPDATE ledger_head SET position = ?, hash = ?, recorded_at = ? WHERE id = 1'),
    // Plucked: one number per call, no row object, on every stream of every append.
    streamVersion: db.prepare('SELECT max(stream_version) FROM events WHERE stream = ?').pluck(),
    // One seek each on events_by_idempotency_key (schema 2); a read-only handle on schema 1 scans.
    idempotencyGet: db.prepare(
      `SELECT (SELECT min(position) FROM events WHERE idempotency_key = @key) AS first,
              (SELECT max(position) FROM events WHERE idempotency_key = @key) AS last`,
    ),
    readFacts: db
      .prepare(
        'SELECT position, stream_version, type, schema_version, data, effective_on FROM events WHERE stream = ? AND position <= ? ORDER BY stream_version',
      )
      .raw(true),
    readStream: db
      .prepare(
        `SELECT ${COLUMNS} FROM events WHERE stream = ? AND stream_version >= ? AND stream_version <= ? AND position <= ? ORDER BY stream_version`,
      )
      .raw(true),
    readAll: db
      .prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`)
      .raw(true),
    readRange: db
      .prepare(`SELECT ${COLUMNS} FROM events WHERE position BETWEEN ? AND ? ORDER BY position`)
      .raw(true),
    readEffective: db
      .prepare(
        `SELECT ${COLUMNS} FROM events WHERE effective_on >= ? AND effective_on <= ? AND position <= ?
         AND (effective_on > ? OR (effective_on = ? AND position > ?)) ORDER BY effective_on, position LIMIT ?`,
      )
      .raw(true),
    nextStream: db.prepare(
      'SELECT stream FROM events WHERE stream > ? AND stream >= ? AND stream < ? ORDER BY stream LIMIT 1',
    ),
    // One seek on events_by_stream_key (schema 3): each stream's first event, by upper-cased name.
    streamIgnoringCase: db
      .prepare(
        'SELECT stream FROM events WHERE upper(stream) = upper(?) AND stream_version = 1 ORDER BY position LIMIT 1',
      )
      .pluck(),
    positionAt: db.prepare('SELECT max(position) AS p FROM events WHERE recorded_at <= ?'),
    origin: db.prepare("SELECT value FROM ledger_meta WHERE key = 'origin'"),
    hashAt: db.prepare('SELECT hash FROM events WHERE position = ?'),
    metaGet: db.prepare('SELECT value FROM ledger_meta WHERE key = ?').pluck(),
    metaPut: db.prepare(
      'INSERT INTO ledger_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    schemaStamp: db.prepare('PRAGMA schema_version').pluck(),
    checkpointGet: db.prepare(
      'SELECT name, version, position, state FROM projection_checkpoints WHERE name = ?',
    ),
    checkpointAll: db.prepare(
      'SELECT name, version, position, state FROM projection_checkpoints ORDER BY name',
    ),
    checkpointPut: db.prepare(
      `INSERT INTO projection_checkpoints (name, version, position, state, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position,
         state = excluded.state, updated_at = excluded.updated_at`,
    ),
  };
}
