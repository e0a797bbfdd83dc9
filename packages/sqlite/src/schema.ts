import { GENESIS_HASH } from '@perfledger/core/internal';
import { MERKLE_MIGRATION } from './merkle-nodes.js';

export { APPLICATION_ID } from '@perfledger/core/internal';

/**
 * The SQLite schema version this build writes and reads (`PRAGMA user_version`).
 *
 * @example
 * ```ts
 * db.pragma('user_version', { simple: true }) === SCHEMA_VERSION; // an up-to-date file
 * ```
 */
export const SCHEMA_VERSION = 4;

/**
 * The oldest schema version a read-only handle reads as it is, without migrating: versions 1 and
 * 2 differ from 3 only in indexes (the idempotency lookup, the case-insensitive stream lookup),
 * never in what reads see, and a read-only handle never writes, so it cannot migrate the file
 * and has no need to (its lookups scan instead of seeking).
 *
 * @example
 * ```ts
 * if (version >= OLDEST_READABLE_SCHEMA_VERSION) readAsItIs();
 * ```
 */
export const OLDEST_READABLE_SCHEMA_VERSION = 1;

/**
 * Migrations, by the schema version they produce. All the migrations a file needs run inside one
 * transaction, which also sets `user_version`, so a database is never left between versions.
 *
 * - 1: the log, its head, the ledger's metadata and the projection checkpoints (and, until
 *   version 2, an `idempotency_keys` table).
 * - 2: idempotency is derived from the chain. An append's key is part of every event's hashed
 *   envelope (`events.idempotency_key`), so the index `events_by_idempotency_key` finds the first
 *   append's events, and the unchained `idempotency_keys` table, which anyone with write access
 *   could fill with a future file's key to suppress its import, is dropped: nothing reads it.
 * - 3: `events_by_stream_key`, an index of each stream's first event by its upper-cased name, so
 *   that `streamIgnoringCase` (the action code registered as `DC02` found from `dc02`) is one
 *   seek in SQL instead of a scan of every registration.
 * - 4: `merkle_nodes`, the stored complete subtrees of the RFC 6962 Merkle tree over the log
 *   (see `merkle-nodes.ts`), append-only; the migration builds it from the chain.
 *
 * @example
 * ```ts
 * for (let next = version + 1; next <= SCHEMA_VERSION; next++) db.exec(MIGRATIONS[next]!);
 * ```
 */
export const MIGRATIONS: Readonly<Record<number, string>> = {
  1: `
    CREATE TABLE events (
      position INTEGER PRIMARY KEY,
      event_id TEXT NOT NULL UNIQUE,
      stream TEXT NOT NULL,
      stream_version INTEGER NOT NULL,
      type TEXT NOT NULL,
      schema_version INTEGER NOT NULL,
      data TEXT NOT NULL,
      effective_on TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      actor TEXT,
      source TEXT,
      correlation_id TEXT,
      causation_id TEXT,
      idempotency_key TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL,
      UNIQUE (stream, stream_version)
    ) STRICT;
    CREATE INDEX events_by_effective_on ON events (effective_on, position);
    CREATE INDEX events_by_recorded_at ON events (recorded_at);
    CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'perfledger: events are immutable; UPDATE is not allowed'); END;
    CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'perfledger: events are immutable; DELETE is not allowed'); END;
    CREATE TABLE ledger_head (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      position INTEGER NOT NULL,
      hash TEXT NOT NULL,
      recorded_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO ledger_head (id, position, hash, recorded_at) VALUES (1, 0, '${GENESIS_HASH}', '');
    CREATE TABLE idempotency_keys (
      key TEXT PRIMARY KEY,
      first_position INTEGER NOT NULL,
      last_position INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE projection_checkpoints (
      name TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      position INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('ready', 'rebuilding')),
      updated_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE ledger_meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `,
  2: `
    CREATE INDEX events_by_idempotency_key ON events (idempotency_key, position)
      WHERE idempotency_key IS NOT NULL;
    DROP TABLE idempotency_keys;
  `,
  3: `
    CREATE INDEX events_by_stream_key ON events (upper(stream), position) WHERE stream_version = 1;
    CREATE TRIGGER events_are_append_only_replace BEFORE INSERT ON events
      WHEN EXISTS (SELECT 1 FROM events WHERE position = NEW.position)
        OR EXISTS (SELECT 1 FROM events WHERE event_id = NEW.event_id)
        OR EXISTS (SELECT 1 FROM events WHERE stream = NEW.stream AND stream_version = NEW.stream_version)
      BEGIN SELECT RAISE(ABORT, 'perfledger: events are immutable; an insert over a stored event (INSERT OR REPLACE, REPLACE, upsert) is not allowed'); END;
  `,
  4: MERKLE_MIGRATION,
};
