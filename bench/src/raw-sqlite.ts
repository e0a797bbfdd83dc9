import { type Durability, openLedger } from '@perfledger/sqlite';
import Database from 'better-sqlite3';

/** The events table's columns in the order the ledger writes and reads them. */
export const EVENT_COLUMNS =
  'position, event_id, stream, stream_version, type, schema_version, data, effective_on, recorded_at, actor, source, correlation_id, causation_id, idempotency_key, prev_hash, hash';

/** A stored event row, as `.raw(true)` returns it in {@link EVENT_COLUMNS} order. */
export type RawRow = [
  position: number,
  eventId: string,
  stream: string,
  streamVersion: number,
  type: string,
  schemaVersion: number,
  data: string,
  effectiveOn: string,
  recordedAt: string,
  actor: string | null,
  source: string | null,
  correlationId: string | null,
  causationId: string | null,
  idempotencyKey: string | null,
  prevHash: string,
  hash: string,
];

/** The two settings the baseline must share with the ledger. */
export interface SqliteSettings {
  readonly journalMode: string;
  readonly synchronous: string;
}

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

/**
 * Opens a raw better-sqlite3 connection at the settings the ledger uses for `durability`:
 * WAL, and synchronous FULL (the ledger's default) or NORMAL.
 */
export function openRaw(file: string, durability: Durability = 'full'): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  return db;
}

/**
 * A new raw database with exactly the ledger's schema (columns, indexes, triggers), created by
 * the ledger itself, then opened raw at the same settings.
 *
 * @example
 * ```ts
 * const raw = await createRawDatabase(scratchFile('append-batch-raw'), 'full');
 * ```
 */
export async function createRawDatabase(
  file: string,
  durability: Durability = 'full',
): Promise<Database.Database> {
  await (await openLedger({ file, durability })).close();
  return openRaw(file, durability);
}

/** A read-only raw connection, used to read rows back outside the timed sections. */
export function openRawReader(file: string): Database.Database {
  return new Database(file, { readonly: true });
}

/**
 * The settings a ledger opened with `durability` runs at, as `@perfledger/sqlite` documents them
 * (WAL always; `synchronous=FULL` for `'full'`, the default, `NORMAL` for `'normal'`). The journal
 * mode is read from the file itself (WAL is recorded in it); the ledger's connection is not
 * reachable from outside the engine, so its `synchronous` is the documented one.
 *
 * @example
 * ```ts
 * assertSameSettings(ledgerSettings(file, 'full'), settingsOf(raw), 'append-batch');
 * ```
 */
export function ledgerSettings(file: string, durability: Durability = 'full'): SqliteSettings {
  const reader = openRawReader(file);
  try {
    const journal = reader.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
    return {
      journalMode: journal.journal_mode.toUpperCase(),
      synchronous: durability === 'full' ? 'FULL' : 'NORMAL',
    };
  } finally {
    reader.close();
  }
}

/** What a connection runs at, to show that the ledger and its baseline match. */
export function settingsOf(db: { prepare(sql: string): { get(): unknown } }): SqliteSettings {
  const journal = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
  const synchronous = db.prepare('PRAGMA synchronous').get() as { synchronous: number };
  return {
    journalMode: journal.journal_mode.toUpperCase(),
    synchronous: SYNCHRONOUS[synchronous.synchronous] ?? String(synchronous.synchronous),
  };
}

/** Throws when the ledger and its baseline do not run at the same settings: the comparison would be void. */
export function assertSameSettings(ours: SqliteSettings, baseline: SqliteSettings, label: string): void {
  if (ours.journalMode !== baseline.journalMode || ours.synchronous !== baseline.synchronous) {
    throw new Error(
      `${label}: the baseline runs at ${baseline.journalMode}/${baseline.synchronous} but the ledger at ${ours.journalMode}/${ours.synchronous}`,
    );
  }
}

/** The raw baseline's insert: every column, one row. */
export function prepareInsert(db: Database.Database): Database.Statement<unknown[]> {
  return db.prepare(
    `INSERT INTO events (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
}
